/**
 * How free text is measured, the same way in every decider and as the API's length checks count:
 * in characters (code points), so an emoji counts once, not as the two UTF-16 units JavaScript's
 * `length` gives it.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * Whether text says nothing a reader can see: only whitespace, invisible format characters (a
 * zero-width space, a byte-order mark, a word joiner) and the other characters Unicode says to
 * draw as nothing (Default_Ignorable_Code_Point: the Hangul fillers, variation selectors, the
 * combining grapheme joiner), or the blank braille pattern, a glyph of no dots. A reason, a title
 * or a comment made of them alone would show as empty in the history and in emails.
 */
export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

const BLANK = /^[\s\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;
