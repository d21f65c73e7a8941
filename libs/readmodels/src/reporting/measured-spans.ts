import type { Span } from './sla-case-facts';

/**
 * What the reports measure a goal's duration over: the time since the clock its target was judged
 * on started (`SlaTarget.startedAt`), not since the opening. A severity upgrade restarts an unmet
 * clock at the change, under the new goal: measuring from the opening would add the hours run on
 * the old goal's clock to the new one's (a severity 1 response given 30 minutes after the upgrade
 * reported 20 hours at 100% met). The spans are measured at query time on the target's own clock.
 */

/** Time to first response: from the start of the response clock the target was judged on. */
export function responseSpans(target: { startedAt: string }, respondedAt: string): Span[] {
  return [[target.startedAt, respondedAt]];
}

/**
 * Time to resolution: the spans the case was with support (new or in progress) since the resolution
 * clock it was judged on started. An upgrade restarts that clock at the change and a reopening at
 * the reopening, so support before then counted on another clock and is left out; a downgrade
 * recomputes it from the opening, so all of it counts.
 */
export function resolutionSpans(supportSpans: readonly Span[], target: { startedAt: string }): Span[] {
  const start = target.startedAt;
  return supportSpans.flatMap(([from, to]): Span[] => {
    const since = from < start ? start : from;
    return since < to ? [[since, to]] : [];
  });
}
