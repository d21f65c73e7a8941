import { ValidationProblemException } from '../problems/validation-problem.exception';

/** An instant's hour and the digits of its fraction of a second, if it has them. */
const TIME_PARTS = /T(\d{2}):\d{2}(?::\d{2}(?:\.(\d+))?)?/i;

/**
 * Refuses (400 naming `field`) the times Date.parse would quietly bend: hour 24 (read as the next
 * day's start) and non-zero digits past the millisecond (cut off, so the instant echoed is not the
 * one asked for). One rule for every instant a query takes: the dashboard's period and a case's `?asOf=`.
 */
export function requireExactTime(field: string, value: string): void {
  const [, hour, fraction] = TIME_PARTS.exec(value) ?? [];
  if (hour !== undefined && Number(hour) > 23) {
    throw new ValidationProblemException([
      { field, message: `${field} must have an hour from 00 to 23: write 24:00 as the next day's 00:00` },
    ]);
  }
  // Digits past the millisecond that are all zeros (`.182000`, as Python's isoformat() and many BI
  // tools write) name a whole millisecond, nothing is cut off; any other digit there is refused.
  if (fraction !== undefined && /[1-9]/.test(fraction.slice(3))) {
    throw new ValidationProblemException([
      {
        field,
        message: `${field} must not be more precise than a millisecond: digits after the third decimal must be zeros`,
      },
    ]);
  }
}
