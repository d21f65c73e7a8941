import { DomainError } from './domain-error';

/**
 * Characters no free text of ours needs and some abuse: C0 and C1 control characters (tab, line
 * feed and carriage return excepted), DEL, the bidirectional embeddings, overrides and isolates
 * (U+202A to U+202E, U+2066 to U+2069), which can make a title or an address read differently from
 * what it says in an email subject or a list ("…\u202Eexe.pdf"), the line and paragraph separators
 * (U+2028, U+2029), a byte order mark (U+FEFF) and lone surrogates (no character at all).
 * Right-to-left text itself and its marks (U+200E, U+200F) are untouched.
 */
const UNSAFE =
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF\uD800-\uDFFF]/u;

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

/** The first unsafe character as `U+XXXX`, or undefined when the text has none. */
export function firstUnsafeCharacter(text: string): string | undefined {
  const found = UNSAFE.exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}
