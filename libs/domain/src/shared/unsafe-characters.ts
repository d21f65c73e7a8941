/**
 * Characters no free text of ours needs and some abuse: C0 and C1 control characters (tab, line
 * feed and carriage return excepted), DEL, and the bidirectional embeddings and overrides (U+202A
 * to U+202E), which can make a title read differently from what it says in an email subject or a
 * list ("…\u202Eexe.pdf"). Right-to-left text itself, and its marks and isolates, are untouched.
 */
// Matching control characters is the point of this expression.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E]/u;

/** The first unsafe character as `U+XXXX`, or undefined when the text has none. */
export function firstUnsafeCharacter(text: string): string | undefined {
  const found = UNSAFE.exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}
