import { CaseErrors } from '../cases/errors';
import { optionalReason as optionalCaseReason, requireText } from '../cases/text-limits';
import { optionalReason } from './optional-reason';
import { characterCount, isBlank } from './text-length';

describe('free text is measured in characters, and invisible characters alone are blank', () => {
  it('counts an emoji once, as the API counts it', () => {
    expect(characterCount('😀😀')).toBe(2);
    expect(requireText('😀'.repeat(2_000), 'reason')).toHaveLength(4_000);
    expect(() => requireText('😀'.repeat(2_001), 'reason')).toThrow(
      CaseErrors.textLengthOutOfRange('reason', 1, 2_000).message,
    );
    expect(optionalReason('😀'.repeat(2_000))).toBeDefined();
  });

  it.each([
    ['a zero-width space', '\u200b'],
    ['a byte-order mark', '\ufeff'],
    ['a word joiner between spaces', ' \u2060 '],
    ['no-break and ideographic spaces', '\u00a0\u3000'],
    ['a Hangul filler', '\u3164'],
    ['Hangul choseong and jungseong fillers', '\u115f\u1160'],
    ['a halfwidth Hangul filler', '\uffa0'],
    ['a combining grapheme joiner', '\u034f'],
    ['a variation selector', '\ufe0f'],
    ['a Khmer inherent vowel', '\u17b4'],
    ['a blank braille pattern', '\u2800'],
  ])('takes %s alone for blank: refused as a reason, a title or an account change reason', (_, text) => {
    expect(isBlank(text)).toBe(true);
    expect(() => optionalCaseReason(text)).toThrow(/between 1 and 2000 characters/);
    expect(() => requireText(text, 'title')).toThrow(/between 1 and 200 characters/);
    expect(() => optionalReason(text)).toThrow(/between 1 and 2000 characters/);
  });

  it('keeps text with something to read, invisible characters and all', () => {
    expect(isBlank('ok\u200b')).toBe(false);
    expect(requireText('Fixed\u200b', 'reason')).toBe('Fixed\u200b');
  });
});
