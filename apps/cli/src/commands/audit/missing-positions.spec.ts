import { describeMissingPositions, MissingPositionFinder } from './missing-positions';

const walk = (positions: number[]) => {
  const finder = new MissingPositionFinder();
  positions.forEach((position) => finder.accept(position));
  return finder;
};

describe('MissingPositionFinder', () => {
  it('finds nothing missing in a log numbered 1, 2, 3, … (nor in an empty one)', () => {
    expect(walk([1, 2, 3, 4]).missing).toEqual([]);
    expect(walk([]).missing).toEqual([]);
  });

  it('names each run of missing positions, from the first one on, and counts them', () => {
    const finder = walk([3, 4, 6, 10, 11]);
    expect(finder.missing).toEqual([
      { from: 1, to: 2 },
      { from: 5, to: 5 },
      { from: 7, to: 9 },
    ]);
    expect(finder.count).toBe(6);
  });

  it('says which positions and how many events', () => {
    expect(describeMissingPositions({ from: 5, to: 5 })).toMatch(
      /^the log skips position 5: .*, so 1 event was deleted there$/,
    );
    expect(describeMissingPositions({ from: 7, to: 9 })).toMatch(
      /^the log skips positions 7-9: .*, so 3 events were deleted there$/,
    );
  });
});
