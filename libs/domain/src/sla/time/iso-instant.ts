/**
 * An instant as an ISO-8601 string with an offset, e.g. `2024-05-24T15:00:00.000Z`.
 *
 * This is the one time representation of the SLA engine's public API: it goes into events as is,
 * reads well in the history, and survives JSON. Results are always UTC with milliseconds
 * (`Date.prototype.toISOString`), so equal instants compare equal as strings. Inputs may carry any
 * offset (`2024-05-24T18:00:00+03:00`). The `*Ms` variants of the arithmetic take epoch
 * milliseconds for hot loops (benchmarks, timers).
 */
export type IsoInstant = string;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch milliseconds of an ISO-8601 instant; throws a RangeError for anything without an offset. */
export function instantToMillis(instant: IsoInstant): number {
  const millis = ISO_INSTANT.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw new RangeError(`Not an ISO-8601 instant with an offset: ${JSON.stringify(instant)}`);
  }
  return millis;
}

export function millisToInstant(millis: number): IsoInstant {
  return new Date(millis).toISOString();
}

export function isIsoInstant(value: unknown): value is IsoInstant {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}
