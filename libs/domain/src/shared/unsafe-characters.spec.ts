import { requireEmail as requireAccountEmail } from '../accounts/email-address';
import { requireEmail as requireCaseEmail } from '../cases/text-limits';
import {
  firstInvisibleCharacter,
  firstLineBreak,
  firstUnsafeCharacter,
  onOneLine,
  requireSingleLineText,
  withoutInvisibleCharacters,
} from './unsafe-characters';

describe('unsafe characters in free text', () => {
  it.each([
    ['a NUL', 'evil\u0000', 'U+0000'],
    ['a bell', 'ding\u0007', 'U+0007'],
    ['DEL', 'x\u007F', 'U+007F'],
    ['a C1 control', 'x\u0085', 'U+0085'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'U+202E'],
    ['a left-to-right embedding', 'x\u202A', 'U+202A'],
    ['a right-to-left isolate', 'a\u2067b', 'U+2067'],
    ['a line separator', 'a\u2028b', 'U+2028'],
    ['a byte order mark', '\uFEFFtitle', 'U+FEFF'],
    ['a lone surrogate', 'a\uD800b', 'U+D800'],
  ])('finds %s', (_what, text, character) => {
    expect(firstUnsafeCharacter(text)).toBe(character);
  });

  it.each([
    ['tabs and line breaks', 'Steps:\n\t1. open\r\n\t2. publish'],
    ['right-to-left text and its marks', 'שלום עולם \u200F مرحبا \u200E'],
    ['characters beyond the basic plane (surrogate pairs)', 'deploy 🚀 𝒳'],
    ['emoji and accents', 'Café ☕ déjà vu 🚀'],
  ])('leaves %s alone', (_what, text) => {
    expect(firstUnsafeCharacter(text)).toBeUndefined();
  });
});

describe('line breaks in one-line fields (titles, names, products)', () => {
  it.each([
    ['a carriage return and line feed', 'Hello\r\nBcc: evil@evil.example', 'U+000D'],
    ['a line feed', 'Hello\nBcc: evil@evil.example', 'U+000A'],
    ['a carriage return', 'Hello\rBcc: evil@evil.example', 'U+000D'],
    ['a vertical tab', 'a\vb', 'U+000B'],
    ['a form feed', 'a\fb', 'U+000C'],
    ['a next line (NEL)', 'a\u0085b', 'U+0085'],
    ['a line separator', 'a\u2028b', 'U+2028'],
    ['a paragraph separator', 'a\u2029b', 'U+2029'],
  ])('refuses %s, naming the field and saying it must be one line', (_what, text, character) => {
    expect(firstLineBreak(text)).toBe(character);
    expect(() => requireSingleLineText(text, 'title')).toThrow(
      expect.objectContaining({
        code: 'line-break',
        kind: 'validation',
        field: 'title',
        message: `title must be a single line: it contains a line break (${character}), which is not allowed`,
      }),
    );
  });

  it('still refuses the unsafe characters, as every field does', () => {
    expect(() => requireSingleLineText('invoice\u202Efdp.exe', 'name')).toThrow(
      expect.objectContaining({ code: 'unsafe-character', field: 'name' }),
    );
  });

  it.each([
    ['a tab (shown as a gap, never as a new line)', 'Acme\tCorp'],
    ['right-to-left text, emoji and accents', 'שלום Café ☕ 🚀'],
  ])('keeps %s', (_what, text) => {
    expect(firstLineBreak(text)).toBeUndefined();
    expect(requireSingleLineText(text, 'name')).toBe(text);
  });
});

describe('a one-line value recorded before the rule, shown on one line', () => {
  it('turns each run of line breaks, with the spaces around it, into one space', () => {
    expect(onOneLine('Hello\r\nBcc: evil@evil.example \r\n\r\n fake body')).toBe(
      'Hello Bcc: evil@evil.example fake body',
    );
    expect(onOneLine('a\u2028b\u0085c\vd\fe\u2029f')).toBe('a b c d e f');
  });

  it('leaves a value of one line as it is, tabs and spaces included', () => {
    expect(onOneLine('Checkout\tfails  twice')).toBe('Checkout\tfails  twice');
  });
});

describe('invisible characters (refused in email addresses)', () => {
  it.each([
    ['a zero-width space', 'sup\u200Bport', 'U+200B, zero-width space'],
    ['a word joiner', 'sup\u2060port', 'U+2060, word joiner'],
    ['a zero-width joiner', 'support\u200D', 'U+200D, zero-width joiner'],
    ['a soft hyphen', 'supp\u00ADort', 'U+00AD, soft hyphen'],
    ['a combining grapheme joiner', 'team\u034F', 'U+034F, combining grapheme joiner'],
    ['a Hangul filler (default-ignorable)', 'jane\u3164', 'U+3164'],
    ['a variation selector (default-ignorable)', 'jane\uFE0F', 'U+FE0F'],
    ['a tag character (default-ignorable, beyond the basic plane)', 'jane\u{E0041}', 'U+E0041'],
    ['a no-break space', 'jane\u00A0', 'U+00A0, no-break space'],
    ['a hair space', 'ja\u200Ane', 'U+200A, hair space'],
    ['a right-to-left mark (a format character)', 'jane\u200F', 'U+200F, right-to-left mark'],
  ])('finds %s', (_what, text, character) => {
    expect(firstInvisibleCharacter(text)).toBe(character);
  });

  it.each([
    ['plain and accented letters', 'jose\u0301.zoë'],
    ['a plain space (visible, and allowed in a quoted local part)', '"john doe"'],
    ['other scripts', 'иван 田中'],
  ])('finds none in %s', (_what, text) => {
    expect(firstInvisibleCharacter(text)).toBeUndefined();
  });

  it('can drop them, leaving what a reader sees', () => {
    expect(withoutInvisibleCharacters('sup\u200Bp\u00ADo\u2060rt\u200D')).toBe('support');
  });

  it('stay allowed in free text, where emoji sequences and scripts need them', () => {
    expect(firstUnsafeCharacter('family 👨\u200D👩\u200D👧, coffee ☕\uFE0F, می\u200Cخواهم')).toBeUndefined();
  });
});

describe('email addresses with characters that change how they read', () => {
  it.each(['a\u202eb@x.example', 'a\u2066b@x.example', 'ann@x\u200d\u202e.example'])(
    'refuses %j',
    (email) => {
      expect(() => requireAccountEmail(email, 'email')).toThrow(/email must be a valid email address/);
      expect(() => requireCaseEmail(email, 'email')).toThrow(/email must be an email address/);
    },
  );

  it('keeps plain and internationalised addresses', () => {
    expect(requireAccountEmail('Jane.Doe@Acme.example', 'email')).toBe('jane.doe@acme.example');
    expect(requireCaseEmail('josé@acme.example', 'email')).toBe('josé@acme.example');
  });
});
