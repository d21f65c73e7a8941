import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8Offset, notUtf8Reason } from './utf8-body';

describe('notUtf8Reason', () => {
  it('accepts UTF-8, multi-byte characters and emoji included', () => {
    expect(notUtf8Reason(Buffer.from('{"title":"Müller Straße 東京 🚀"}', 'utf8'))).toBeUndefined();
  });

  it('names the first byte that is no UTF-8, where it is and the text before it', () => {
    const latin1 = Buffer.from('{"title":"Müller GmbH","description":"Straße"}', 'latin1');
    expect(notUtf8Reason(latin1)).toBe(
      'The body is not valid UTF-8: the byte 0xFC at offset 11 (after "{\\"title\\":\\"M") starts no valid ' +
        'UTF-8 character. Send JSON encoded as UTF-8; convert text in Latin-1 or Windows-1252 first',
    );
  });
});

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['a byte never in UTF-8', [0x61, 0x62, 0xff], 2],
    ['an overlong slash', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0x61, 0xe0, 0x80, 0xaf], 1],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a character cut short by the end', [0x61, 0xe2, 0x82], 1],
    ['a character cut short by ASCII', [0xe2, 0x82, 0x61], 0],
    ['valid text', [0x61, 0xc3, 0xbc, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x9a, 0x80], -1],
    ['a stray byte after genuine U+FFFD characters', [0xef, 0xbf, 0xbd, 0x61, 0xef, 0xbf, 0xbd, 0xff], 7],
    ['genuine U+FFFD characters only', [0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd], -1],
  ])('%s: %j -> %i, as isUtf8 judges', (_what, bytes, offset) => {
    const body = Buffer.from(bytes);
    expect(firstInvalidUtf8Offset(body)).toBe(offset);
    expect(isUtf8(body)).toBe(offset === -1);
  });

  it('agrees with isUtf8 on thousands of random byte strings: all valid before the offset, invalid from it', () => {
    let seed = 7;
    const nextByte = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let round = 0; round < 5000; round++) {
      const body = Buffer.from(Array.from({ length: 1 + (round % 12) }, () => nextByte()));
      const offset = firstInvalidUtf8Offset(body);
      expect(isUtf8(body)).toBe(offset === -1);
      if (offset >= 0) expect(isUtf8(body.subarray(0, offset))).toBe(true);
    }
  });
});
