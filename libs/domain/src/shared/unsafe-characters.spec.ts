import { firstUnsafeCharacter } from './unsafe-characters';

describe('unsafe characters in free text', () => {
  it.each([
    ['a NUL', 'evil\u0000', 'U+0000'],
    ['a bell', 'ding\u0007', 'U+0007'],
    ['DEL', 'x\u007F', 'U+007F'],
    ['a C1 control', 'x\u0085', 'U+0085'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'U+202E'],
    ['a left-to-right embedding', 'x\u202A', 'U+202A'],
  ])('finds %s', (_what, text, character) => {
    expect(firstUnsafeCharacter(text)).toBe(character);
  });

  it.each([
    ['tabs and line breaks', 'Steps:\n\t1. open\r\n\t2. publish'],
    ['right-to-left text and its marks', 'שלום עולם \u200F مرحبا \u2067isolated\u2069'],
    ['emoji and accents', 'Café ☕ déjà vu 🚀'],
  ])('leaves %s alone', (_what, text) => {
    expect(firstUnsafeCharacter(text)).toBeUndefined();
  });
});
