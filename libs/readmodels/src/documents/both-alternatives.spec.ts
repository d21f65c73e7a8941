import { ReadModelUsageError } from '../read-model-errors';
import { bothAlternatives } from './both-alternatives';

describe('bothAlternatives', () => {
  it('pairs every alternative of one side with every alternative of the other', () => {
    expect(bothAlternatives([{ a: 1 }, { b: 2 }], [{ c: 3 }, { d: 4 }])).toEqual([
      { a: 1, c: 3 },
      { a: 1, d: 4 },
      { b: 2, c: 3 },
      { b: 2, d: 4 },
    ]);
  });

  it('takes a missing side as no restriction, and an empty side as matching nothing', () => {
    expect(bothAlternatives(undefined, undefined)).toBeUndefined();
    expect(bothAlternatives([{ a: 1 }], undefined)).toEqual([{ a: 1 }]);
    expect(bothAlternatives(undefined, [{ b: 2 }])).toEqual([{ b: 2 }]);
    expect(bothAlternatives([], [{ b: 2 }])).toEqual([]);
    expect(bothAlternatives([{ a: 1 }], [])).toEqual([]);
  });

  it('refuses two sides that constrain the same field, which one Where cannot hold', () => {
    expect(() => bothAlternatives([{ a: 1 }], [{ a: { gt: 0 } }])).toThrow(ReadModelUsageError);
    expect(bothAlternatives([{ a: 1, b: undefined }], [{ b: 2 }])).toEqual([{ a: 1, b: 2 }]);
    expect(bothAlternatives([{ a: 1 }], [{ a: undefined, b: 2 }])).toEqual([{ a: 1, b: 2 }]);
  });

  it('holds two `in` lists on one field together as the values in both', () => {
    expect(bothAlternatives([{ a: { in: [1, 2, 3] } }], [{ a: { in: [3, 2, 9] }, b: 1 }])).toEqual([
      { a: { in: [2, 3] }, b: 1 },
    ]);
    expect(bothAlternatives([{ a: { in: [1] } }], [{ a: { in: [2] } }])).toEqual([{ a: { in: [] } }]);
    expect(() => bothAlternatives([{ a: { in: [1] } }], [{ a: { in: [1], ne: 2 } }])).toThrow(
      ReadModelUsageError,
    );
  });
});
