import { DomainError } from './domain-error';

/**
 * Characters no free text of ours needs and some abuse: C0 and C1 control characters (tab, line
 * feed and carriage return excepted: a description or a comment has lines; see LINE_BREAK for the
 * fields that must not), DEL, the bidirectional embeddings, overrides and isolates
 * (U+202A to U+202E, U+2066 to U+2069), which can make a title or an address read differently from
 * what it says in an email subject or a list ("…\u202Eexe.pdf"), the line and paragraph separators
 * (U+2028, U+2029), a byte order mark (U+FEFF) and lone surrogates (no character at all).
 * Right-to-left text itself and its marks (U+200E, U+200F) are untouched.
 */
const UNSAFE =
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF\uD800-\uDFFF]/u;

/**
 * Every character that ends a line somewhere: line feed and carriage return, and those a mail
 * reader, an editor or a terminal may break at too (vertical tab, form feed, NEL U+0085, the line
 * and paragraph separators U+2028 and U+2029). A one-line field (a title, a name, a product) ends up
 * in an email subject or a `Label: value` line of a plain-text email, where a break in it starts a
 * line its writer chose: `Hello\r\nBcc: evil@evil.example` forged a header-like line and a fake
 * body. The rarer ones are unsafe anywhere (UNSAFE) but are named here as line breaks, so a title
 * holding one is told it must be a single line, whichever break it is.
 */
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/u;
const LINE_BREAK_RUN = new RegExp(`${LINE_BREAK.source}+`, 'u');

/**
 * Characters that show as nothing, or as a gap no reader notices: Unicode's default-ignorable code
 * points (zero-width space, word joiner, combining grapheme joiner, Hangul fillers, variation
 * selectors...), format characters (general category Cf: soft hyphen, zero-width joiners, direction
 * marks) and white space other than the plain space (no-break, thin, hair, ideographic spaces).
 *
 * Free text keeps them (an emoji family is joined by U+200D, Persian needs U+200C, a long German
 * word may carry soft hyphens), but an email address is an identity: `jane\u200B@acme.example`
 * reads as Jane's address and is another mailbox, and `sup\u00ADport@` slips past the group-address
 * rules while displaying as `support@`. The plain space stays: it is visible, and quoted local
 * parts (`"john doe"@x`) may hold it.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]|(?! )\p{White_Space}/u;
const EVERY_INVISIBLE = new RegExp(INVISIBLE.source, 'gu');

/** Names of the invisible characters people meet in pasted addresses, so an error says which it is. */
const INVISIBLE_NAMES: Record<string, string> = {
  '00A0': 'no-break space',
  '00AD': 'soft hyphen',
  '034F': 'combining grapheme joiner',
  '200B': 'zero-width space',
  '200C': 'zero-width non-joiner',
  '200D': 'zero-width joiner',
  '200E': 'left-to-right mark',
  '200F': 'right-to-left mark',
  '2009': 'thin space',
  '200A': 'hair space',
  '2060': 'word joiner',
  '3000': 'ideographic space',
  FEFF: 'zero-width no-break space',
};

/** Refuses `text` naming `field` when it holds an unsafe character. */
export function requireSafeText(text: string, field: string): string {
  const unsafe = firstUnsafeCharacter(text);
  if (unsafe) {
    throw new DomainError(
      'unsafe-character',
      'validation',
      `${field} contains a control or text-direction override character (${unsafe}), which is not allowed`,
      field,
    );
  }
  return text;
}

/**
 * Refuses `text` naming `field` when it holds a line break (see LINE_BREAK) or an unsafe character:
 * the rule of every one-line field. Checked as the command is decided, never as an event is folded:
 * a value recorded before the rule keeps loading, and whatever shows one renders it on one line.
 */
export function requireSingleLineText(text: string, field: string): string {
  const lineBreak = firstLineBreak(text);
  if (lineBreak) {
    throw new DomainError(
      'line-break',
      'validation',
      `${field} must be a single line: it contains a line break (${lineBreak}), which is not allowed`,
      field,
    );
  }
  return requireSafeText(text, field);
}

/** The first line break (see LINE_BREAK) as `U+XXXX`, or undefined when the text is one line. */
export function firstLineBreak(text: string): string | undefined {
  const found = LINE_BREAK.exec(text);
  return found ? codePointOf(found[0]) : undefined;
}

/**
 * `text` on one line: each run of line breaks (see LINE_BREAK), with the white space around it,
 * becomes one space. For showing a one-line value recorded before the rule refused breaks in it (an
 * old title in an email's subject or `Title:` line), which must not start a line of its own there.
 */
export function onOneLine(text: string): string {
  const lines = text.split(LINE_BREAK_RUN);
  if (lines.length === 1) return text;
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** The first unsafe character as `U+XXXX`, or undefined when the text has none. */
export function firstUnsafeCharacter(text: string): string | undefined {
  const found = UNSAFE.exec(text);
  return found ? codePointOf(found[0]) : undefined;
}

/**
 * The first invisible character (see INVISIBLE) as `U+XXXX`, with its name when it is a common
 * one (`U+200B, zero-width space`), or undefined when the text has none.
 */
export function firstInvisibleCharacter(text: string): string | undefined {
  const found = INVISIBLE.exec(text);
  if (!found) return undefined;
  const codePoint = codePointOf(found[0]);
  const name = INVISIBLE_NAMES[codePoint.slice(2)];
  return name ? `${codePoint}, ${name}` : codePoint;
}

/** The text as a reader sees it: every invisible character (see INVISIBLE) dropped. */
export function withoutInvisibleCharacters(text: string): string {
  return text.replace(EVERY_INVISIBLE, '');
}

/** A character as refusals name it: `U+00AD`. */
export function codePointOf(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
