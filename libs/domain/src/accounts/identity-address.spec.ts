import { readIdentityAddress } from './identity-address';

/**
 * A token's email names a person only if it is that person's address in one of its own spellings:
 * spellings that merely look like it (and that the domain's UTS 46 mapping would fold onto it) name
 * nobody, by the rule every entry point applies to a new person's address.
 */
describe('the address a token names a person by', () => {
  it.each([
    ['plain ASCII, in any case', 'Jane.Doe@ACME.example', 'jane.doe@acme.example'],
    ['a trailing dot (another domain, kept as it is)', 'jane@acme.example.', 'jane@acme.example.'],
    ['an internationalised domain in Unicode', 'anna@bücher.example', 'anna@bücher.example'],
    ['the same domain in its Punycode form', 'anna@xn--bcher-kva.example', 'anna@bücher.example'],
    ['Punycode in upper case', 'ANNA@XN--BCHER-KVA.EXAMPLE', 'anna@bücher.example'],
    ['a letter with a combining mark (composed)', 'zoe\u0308@bu\u0308cher.example', 'zoë@bücher.example'],
    ['an eszett, kept', 'anna@straße.example', 'anna@straße.example'],
    ['all Cyrillic', 'иван@почта.рф', 'иван@почта.рф'],
    ['Japanese', '田中たろう@例え.jp', '田中たろう@例え.jp'],
  ])('names the person for %s: %j', (_what, claimed, email) => {
    expect(readIdentityAddress(claimed)).toEqual({ email });
  });

  it.each([
    [
      'fullwidth letters in the domain',
      'jane@ａｃｍｅ.example',
      'email-character-variant',
      'contains "ａ" (U+FF41), a width or style variant of "a"',
    ],
    [
      'an ideographic full stop',
      'jane@acme。example',
      'email-character-variant',
      'contains "。" (U+3002), which a domain name reads as "."',
    ],
    [
      'a halfwidth ideographic full stop',
      'jane@acme｡example',
      'email-character-variant',
      'contains "｡" (U+FF61), which a domain name reads as "."',
    ],
    [
      'a fullwidth full stop',
      'jane@acme．example',
      'email-character-variant',
      'contains "．" (U+FF0E), a width or style variant of "."',
    ],
    [
      'a soft hyphen in the domain',
      'jane@ac\u00ADme.example',
      'email-invisible-character',
      'contains an invisible character (U+00AD, soft hyphen)',
    ],
    [
      'a zero-width space in the domain',
      'jane@acme.exam\u200Bple',
      'email-invisible-character',
      'contains an invisible character (U+200B, zero-width space)',
    ],
    [
      'a Punycode label that decodes to plain ASCII',
      'jane@xn--acme-.example',
      'email-malformed-punycode',
      'malformed Punycode domain label "xn--acme-": it decodes to "acme", which is written "acme"',
    ],
    [
      'Punycode labels that decode to plain ASCII, the whole domain',
      'boss@xn--acme-.xn--example-',
      'email-malformed-punycode',
      'malformed Punycode domain label "xn--acme-"',
    ],
    [
      'an empty Punycode label',
      'jane@xn--.example',
      'email-malformed-punycode',
      'malformed Punycode domain label "xn--": it decodes to nothing',
    ],
    [
      'a valid Punycode label hiding mixed scripts (a Cyrillic "а")',
      'jane@xn--cme-5cd.test',
      'email-mixed-scripts',
      'mixes letters of Latin and Cyrillic in its domain label "аcme"',
    ],
    [
      'mixed scripts as written',
      'jane@аcme.test',
      'email-mixed-scripts',
      'mixes letters of Latin and Cyrillic in its domain label "аcme"',
    ],
    [
      'a text-direction override',
      'jane\u202E@acme.example',
      'email-unsafe-character',
      'contains a control or text-direction override character (U+202E)',
    ],
  ])('names nobody for %s: %j', (_what, claimed, code, problem) => {
    const read = readIdentityAddress(claimed);
    expect(read).toEqual({ refused: { code, problem: expect.stringContaining(problem) } });
  });
});
