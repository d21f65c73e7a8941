import { mixedScripts } from './mixed-scripts';

describe('mixed scripts', () => {
  it.each([
    ['plain Latin', 'jane.doe'],
    ['Latin with accents and combining marks', 'jose\u0301.zoë'],
    ['all Cyrillic', 'иван.петров'],
    ['all Greek', 'δημήτρης'],
    ['Japanese: kanji, kana and Latin together', '田中たなかタナカtaro'],
    ['Chinese: Han, Bopomofo and Latin together', '王ㄨㄤwang'],
    ['Korean: Hangul, Han and Latin together', '김金kim'],
    ['digits and punctuation, which belong to no script', '2024-01_+.'],
  ])('finds nothing wrong with %s', (_what, text) => {
    expect(mixedScripts(text)).toBeUndefined();
  });

  it('finds a Cyrillic look-alike among Latin letters, naming it', () => {
    expect(mixedScripts('ѕupport')).toEqual({
      scripts: ['Latin', 'Cyrillic'],
      odd: { letter: 'ѕ', script: 'Cyrillic' },
    });
  });

  it('finds a Greek look-alike among Latin letters', () => {
    expect(mixedScripts('tεam')?.odd).toEqual({ letter: 'ε', script: 'Greek' });
  });

  it('finds Latin mixed with a script outside the everyday list (Lisu "ꓢ" reads as "S")', () => {
    expect(mixedScripts('ꓢupport')?.scripts).toEqual(['Latin', 'another script']);
  });

  it('does not take Korean Hangul and Japanese kana for one writing system', () => {
    expect(mixedScripts('김たなか')?.scripts).toEqual(['Hiragana', 'Hangul']);
  });
});
