import { nearestRank, percentage, summariseDurations } from './percentiles';

describe('nearest-rank percentiles', () => {
  it('picks one of the values: the smallest with at least p% of the values at or below it', () => {
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(nearestRank(values, 50)).toBe(50);
    expect(nearestRank(values, 90)).toBe(90);
    expect(nearestRank(values, 91)).toBe(100);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });

  it('takes the lower middle value as the median of an even count', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
  });

  it('summarises unsorted durations', () => {
    expect(summariseDurations([30, 10, 20])).toEqual({
      measured: 3,
      medianBusinessMs: 20,
      p90BusinessMs: 30,
    });
    expect(summariseDurations([])).toEqual({ measured: 0, medianBusinessMs: null, p90BusinessMs: null });
  });

  it('gives percentages with two decimals, null for nothing to divide', () => {
    expect(percentage(1, 3)).toBe(33.33);
    expect(percentage(2, 3)).toBe(66.67);
    expect(percentage(0, 0)).toBeNull();
  });
});
