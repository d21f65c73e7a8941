import { jsonNestingDepth } from './json-depth';

describe('jsonNestingDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['{"a":"[[[{{{"}', 1],
    ['{"a":"\\"[[["}', 1],
    ['[[[[]]],[]]', 4],
  ])('%s is %i deep', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  it('counts thousands of levels without recursion', () => {
    expect(jsonNestingDepth('['.repeat(5000) + ']'.repeat(5000))).toBe(5000);
  });
});
