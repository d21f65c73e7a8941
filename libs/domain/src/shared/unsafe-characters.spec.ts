import { requireEmail as requireAccountEmail } from '../accounts/email-address';
import { requireEmail as requireCaseEmail } from '../cases/text-limits';
import { firstUnsafeCharacter } from './unsafe-characters';

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
