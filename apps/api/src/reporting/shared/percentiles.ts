/**
 * Nearest-rank percentile: the smallest value such that at least `percent`% of the values are less
 * than or equal to it (`sorted[ceil(p/100 * n) - 1]`). Always one of the values (no interpolation),
 * so it is exact and easy to recompute by hand; the median is the lower middle value for even n.
 * Null for no values.
 */
export function nearestRank(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface DurationSummary {
  /** How many durations were measured. */
  measured: number;
  medianBusinessMs: number | null;
  p90BusinessMs: number | null;
}

export function summariseDurations(durations: number[]): DurationSummary {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    measured: sorted.length,
    medianBusinessMs: nearestRank(sorted, 50),
    p90BusinessMs: nearestRank(sorted, 90),
  };
}

/** `part` of `whole` as a percentage with two decimals; null when there is nothing to divide. */
export function percentage(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 100;
}
