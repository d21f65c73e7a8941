import { ConfigError } from './config-error';

/**
 * The parsers every setting read from the environment goes through, so that each variable of a
 * kind is read the same way and refused with the same words.
 */

/** The trimmed value, or undefined when the variable is unset or blank (a blank means the default). */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export interface IntegerRange {
  minimum: number;
  maximum?: number;
}

/**
 * A whole number written in decimal digits, within `range`. Number() alone would take `0x3911` as
 * 14609, `1e3` as 1000 and `0b1` as 1: an operator who wrote one of those meant something else, or
 * made a typo, and is told so rather than silently given another value.
 */
export function integerSetting(
  variable: string,
  value: string | undefined,
  fallback: number,
  { minimum, maximum }: IntegerRange,
): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  const parsed = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const inRange =
    Number.isSafeInteger(parsed) && parsed >= minimum && (maximum === undefined || parsed <= maximum);
  if (!inRange) {
    const range = maximum === undefined ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`;
    throw new ConfigError(variable, `must be an integer ${range} in decimal digits, got "${raw}"`);
  }
  return parsed;
}

/** true/false, also as 1/0, yes/no and on/off, in any case. */
export function booleanSetting(variable: string, value: string | undefined, fallback: boolean): boolean {
  const raw = nonEmpty(value)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(variable, `must be true or false, got "${value}"`);
}
