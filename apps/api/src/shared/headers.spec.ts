import { BadRequestException, PreconditionFailedException } from '@nestjs/common';
import { ValidationProblemException } from '../problems/validation-problem.exception';
import { etagFor, parseIdempotencyKey, parseIfMatch } from './headers';

describe('If-Match', () => {
  it.each([
    ['"39"', [39]],
    ['"0"', [0]],
    ['"0", "1"', [0, 1]],
    ['W/"2", "3"', [3]],
    ['"999999999999999"', [999_999_999_999_999]],
  ])('takes the revision ETags the API sends: %s', (header, revisions) => {
    expect(parseIfMatch(header)).toEqual(revisions);
  });

  it('takes back every ETag the API writes', () => {
    for (const revision of [0, 1, 9, 10, 39, 100, 123_456]) {
      expect(parseIfMatch(etagFor(revision))).toEqual([revision]);
    }
  });

  it('lets * and no header through as "any revision"', () => {
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  // Strong ETags compare byte for byte: the API sends "39", so "00039" names no revision it has.
  it.each([
    '"00039"',
    '"039"',
    '"00"',
    '"+39"',
    '" 39"',
    '"39 "',
    '"3.9e1"',
    '"0x27"',
    'W/"039"',
    '"39", "040"',
  ])('refuses %s, which is not how any revision is written, with a 400', (header) => {
    expect(() => parseIfMatch(header)).toThrow(BadRequestException);
    expect(() => parseIfMatch(header)).toThrow(/no leading zeros/);
  });

  it('names the If-Match header in the problem’s errors, as other 400s name their fields', () => {
    expect(caught(() => parseIfMatch('"00001"'))).toEqual([
      { field: 'If-Match', message: expect.stringMatching(/no leading zeros/) },
    ]);
  });

  it('answers weak tags alone with a 412: they are well formed but never match', () => {
    expect(() => parseIfMatch('W/"3"')).toThrow(PreconditionFailedException);
  });
});

describe('Idempotency-Key', () => {
  it('names the header in the problem’s errors when it cannot be used', () => {
    expect(caught(() => parseIdempotencyKey('ключ'))).toEqual([
      { field: 'Idempotency-Key', message: expect.stringMatching(/visible ASCII/) },
    ]);
  });
});

/** The field problems a header parser's refusal lists (none when it throws something else). */
function caught(parse: () => unknown): unknown {
  try {
    parse();
  } catch (error) {
    return error instanceof ValidationProblemException ? error.fieldProblems : error;
  }
  return 'nothing thrown';
}
