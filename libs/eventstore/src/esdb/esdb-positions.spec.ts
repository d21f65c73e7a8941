import { START } from '@eventstore/db-client';
import { toGlobalPosition, toReadPosition } from './esdb-positions';

describe('EventStoreDB position mapping', () => {
  it('uses the commit position as the GlobalPosition', () => {
    expect(toGlobalPosition({ commit: 1_234_567n, prepare: 1_234_567n })).toBe(1_234_567);
  });

  it('refuses a commit position a JS number cannot hold exactly', () => {
    expect(() => toGlobalPosition({ commit: 2n ** 53n + 1n, prepare: 0n })).toThrow(RangeError);
  });

  it('reads from the start for position 0', () => {
    expect(toReadPosition(0)).toBe(START);
  });

  it('turns a position back into the exact (commit, prepare) pair of the event there', () => {
    expect(toReadPosition(4_096)).toEqual({ commit: 4_096n, prepare: 4_096n });
  });

  it('round-trips any safe position', () => {
    for (const position of [1, 88, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER]) {
      const read = toReadPosition(position);
      if (read === START || read === 'end') throw new Error('expected an exact position');
      expect(toGlobalPosition(read)).toBe(position);
    }
  });
});
