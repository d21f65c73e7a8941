/**
 * Spellings that pass for jane@acme.example, and what the refusal of a token naming each says:
 * the cases the token verifier's spec and the API's end-to-end spec both refuse.
 */
export const LOOK_ALIKE_TOKEN_EMAILS = [
  ['fullwidth letters', 'jane@ａｃｍｅ.example', 'contains "ａ" (U+FF41), a width or style variant of "a"'],
  [
    'an ideographic full stop',
    'jane@acme。example',
    'contains "。" (U+3002), which a domain name reads as "."',
  ],
  [
    'a small capital',
    'jᴀne@acme.example',
    'contains "ᴀ" (U+1D00), a phonetic letter that passes for a plain one',
  ],
  ['a confusable small capital', 'jane@aᴄme.example', 'contains "ᴄ" (U+1D04), which passes for "c"'],
  ['a soft hyphen', 'jane@ac\u00ADme.example', 'contains an invisible character (U+00AD, soft hyphen)'],
  [
    'a zero-width space',
    'jane@acme.exam\u200Bple',
    'contains an invisible character (U+200B, zero-width space)',
  ],
] as const;
