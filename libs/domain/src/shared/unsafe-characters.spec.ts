import { requireEmail as requireAccountEmail } from '../accounts/email-address';
import { requireEmail as requireCaseEmail } from '../cases/text-limits';
import {
  firstInvisibleCharacter,
  firstUnsafeCharacter,
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
