import type { HistoryEntry } from '../api/api-types';

/**
 * The audit slider's positions: one per recorded instant of the case's history. Events appended
 * together share their instant (`at` is when the store recorded them), and the as-of view can only
 * tell instants apart, so they share one position.
 */
export interface AsOfStop {
  at: string;
  /** The events recorded at this instant, in order. */
  events: HistoryEntry[];
  /** How many events the case has as of this instant. */
  count: number;
}

export function asOfStops(events: readonly HistoryEntry[]): AsOfStop[] {
  const stops: AsOfStop[] = [];
  events.forEach((event, index) => {
    const last = stops[stops.length - 1];
    if (last && last.at === event.at) {
      last.events.push(event);
      last.count = index + 1;
    } else {
      stops.push({ at: event.at, events: [event], count: index + 1 });
    }
  });
  return stops;
}
