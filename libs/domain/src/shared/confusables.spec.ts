import { asciiLookAlikeOf, firstAsciiLookAlike, readAsPlainLatin, skeleton } from './confusables';

describe('confusables (UTS #39 data)', () => {
  it('gives look-alikes one skeleton', () => {
    expect(skeleton('ᴜlf')).toBe(skeleton('ulf'));
    expect(skeleton('ꜱupport')).toBe(skeleton('support'));
    expect(skeleton('ınfo')).toBe(skeleton('info'));
    expect(skeleton('josé')).not.toBe(skeleton('jose'));
  });

  it('names the plain ASCII a character passes for, and nothing for ASCII or accented letters', () => {
    expect(asciiLookAlikeOf('ᴜ')).toBe('u');
    expect(asciiLookAlikeOf('ı')).toBe('i');
    expect(asciiLookAlikeOf('u')).toBeUndefined();
    expect(asciiLookAlikeOf('é')).toBeUndefined();
  });

  it('reads Latin look-alikes as plain letters, and leaves other scripts and accents alone', () => {
    expect(readAsPlainLatin('ꜱupport')).toBe('support');
    expect(readAsPlainLatin('admın')).toBe('admin');
    expect(readAsPlainLatin('josé')).toBe('josé');
    expect(readAsPlainLatin('поддержка')).toBe('поддержка');
  });

  it.each([
    ['ᴜlf', 'ᴜ', 'U+1D1C', 'u'],
    ['ꜱupport', 'ꜱ', 'U+A731', 's'],
    ['ɡary', 'ɡ', 'U+0261', 'g'],
    ['ǀan', 'ǀ', 'U+01C0', 'l'],
    ['jane\u2010doe', '\u2010', 'U+2010', '-'],
  ])('finds in %j the character %j (%s) passing for %j', (text, character, codePoint, plain) => {
    expect(firstAsciiLookAlike(text)).toEqual({ character, codePoint, plain });
  });

  it('finds a small capital the confusables data does not map, without a plain reading', () => {
    expect(firstAsciiLookAlike('jᴀne')).toEqual({ character: 'ᴀ', codePoint: 'U+1D00' });
  });

  it.each(['kılıç', 'æble', 'œuvre', 'josé', 'ɛkua', 'иван', 'jane.doe'])(
    'finds nothing in %j: letters of everyday alphabets and other scripts',
    (text) => {
      expect(firstAsciiLookAlike(text)).toBeUndefined();
    },
  );
});
