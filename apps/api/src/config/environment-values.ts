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
  const parsed = decimalInteger(raw, { minimum, maximum });
  if (parsed === undefined) {
    throw new ConfigError(variable, `must be ${integerRangeText({ minimum, maximum })}, got "${raw}"`);
  }
  return parsed;
}

/**
 * `raw` (trimmed) read as integerSetting reads it: decimal digits within `range`, else undefined.
 * Also for command-line options, so that `--cases 1e3` is refused as `PORT=1e3` is.
 */
export function decimalInteger(raw: string, { minimum, maximum }: IntegerRange): number | undefined {
  const trimmed = raw.trim();
  const parsed = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const inRange =
    Number.isSafeInteger(parsed) && parsed >= minimum && (maximum === undefined || parsed <= maximum);
  return inRange ? parsed : undefined;
}

/** What decimalInteger takes, in words: "an integer of at least 1 in decimal digits". */
export function integerRangeText({ minimum, maximum }: IntegerRange): string {
  const range = maximum === undefined ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`;
  return `an integer ${range} in decimal digits`;
}

/** true/false, also as 1/0, yes/no and on/off, in any case. */
export function booleanSetting(variable: string, value: string | undefined, fallback: boolean): boolean {
  const raw = nonEmpty(value)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(variable, `must be true or false, got "${value}"`);
}
