import { safeTokenName } from './token-name';

describe('the name claim of a token, made safe to store and show', () => {
  it('keeps an ordinary name, right-to-left text and its marks', () => {
    expect(safeTokenName('Jane Doe')).toBe('Jane Doe');
    expect(safeTokenName('دانا \u200fكريم')).toBe('دانا \u200fكريم');
  });

  it('turns line breaks and tabs, with the spaces around them, into one space', () => {
    expect(safeTokenName('Evil\r\nBcc: x@evil.example')).toBe('Evil Bcc: x@evil.example');
    expect(safeTokenName('Ann\t \u2028 Lee\u2029Smith\u0085Jr')).toBe('Ann Lee Smith Jr');
  });

  it('drops text-direction overrides, control characters and lone surrogates', () => {
    expect(safeTokenName('Evil\r\nBcc: x@evil.example\r\n\u202eX')).toBe('Evil Bcc: x@evil.example X');
    expect(safeTokenName('A\u0000n\u007fn\u2066\ufeff\ud800')).toBe('Ann');
  });

  it('treats a name that is empty once cleaned, or not a string, as no name', () => {
    expect(safeTokenName(' \r\n\u202e\t ')).toBeUndefined();
    expect(safeTokenName('')).toBeUndefined();
    expect(safeTokenName(42)).toBeUndefined();
    expect(safeTokenName(undefined)).toBeUndefined();
  });
});
