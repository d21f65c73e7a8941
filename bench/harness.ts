/** One measured figure. `ratio` is value / baseline.value, for figures where higher is better. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  /** What the ratio or value should reach, as text for the report (e.g. ">= 0.7"). */
  target?: string;
  extra?: Record<string, number>;
}

/** A bench module (bench/scenarios/*.bench.ts) default-exports one of these. */
export type BenchScenario = () => Promise<BenchResult[]>;

export interface Measurement<T> {
  result: T;
  ms: number;
}

/** Wall-clock time of one run of `work`, with a high-resolution clock. */
export async function measure<T>(work: () => T | Promise<T>): Promise<Measurement<T>> {
  const started = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { result, ms };
}

/** Operations per second for `count` operations done in `ms`. */
export function perSecond(count: number, ms: number): number {
  return (count * 1000) / ms;
}

/** A result compared with its baseline (both higher-is-better rates). */
export function versus(
  result: Omit<BenchResult, 'baseline' | 'ratio'>,
  baseline: { name: string; value: number },
): BenchResult {
  return { ...result, baseline, ratio: result.value / baseline.value };
}

/** `name: figure unit (ratio x baseline-name)`, the line the runner prints per result. */
export function formatResult(result: BenchResult): string {
  const figure = `${result.name}: ${formatFigure(result.value)} ${result.unit}`;
  if (result.baseline === undefined || result.ratio === undefined) return figure;
  return `${figure} (${result.ratio.toFixed(2)}x ${result.baseline.name})`;
}

function formatFigure(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}
