/**
 * Fault tests run small by default (npm test must stay within minutes on two busy cores);
 * FAULT_SCALE=10 multiplies their load for a longer soak before a release.
 */
export const FAULT_SCALE = parsedScale(process.env.FAULT_SCALE);

export function scaled(count: number): number {
  return Math.round(count * FAULT_SCALE);
}

function parsedScale(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`FAULT_SCALE must be a positive number, got "${raw}"`);
  return value;
}
