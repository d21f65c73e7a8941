import { instantToMillis, type IsoInstant } from '../time/iso-instant';
import type { SlaPause, SlaTarget } from './sla-target';

/** A pause as the clock it belongs to counts it. */
export interface ClockPause extends SlaPause {
  /**
   * When the case began awaiting the customer, if that was before this clock started: `from` is then
   * the clock's start (the wait was under way when a severity change started the clock).
   */
  awaitingCustomerSince?: IsoInstant;
}

/**
 * The pauses of the clock that runs since the target's `startedAt`, for display. The target keeps
 * every pause since the case opened (a downgrade recomputes from the opening and counts them all),
 * but a severity upgrade starts the clock later, and a clock cannot pause before it started: a wait
 * under way at its start is listed from the start, saying when the wait began; a wait that ended by
 * then belonged to an earlier clock and is left out (the case history shows it).
 */
export function clockPauses(target: SlaTarget): ClockPause[] {
  const startMs = instantToMillis(target.startedAt);
  return target.pauses.flatMap((pause): ClockPause[] => {
    if (pause.to !== undefined && instantToMillis(pause.to) <= startMs) return [];
    if (instantToMillis(pause.from) >= startMs) return [pause];
    return [{ ...pause, from: target.startedAt, awaitingCustomerSince: pause.from }];
  });
}
