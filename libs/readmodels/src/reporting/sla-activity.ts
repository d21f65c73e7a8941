import type { CaseEvent, DurationClock, Severity, SlaTarget } from '@casetrail/domain';
import { resolutionSpans, responseSpans } from './measured-spans';
import type { SlaCaseFacts, Span } from './sla-case-facts';

export const SLA_ACTIVITY_KINDS = [
  'opened',
  'first-response',
  'resolution',
  'breach',
  'escalation',
  'redirection',
] as const;
export type SlaActivityKind = (typeof SLA_ACTIVITY_KINDS)[number];

/**
 * One reportable event, filed under the UTC day it happened and the severity it counts under: the
 * daily SLA report adds these up. A fact is never rewritten by later events (a reopening does not
 * undo yesterday's resolution), so past days stay as they were reported.
 */
export interface SlaActivity extends Record<string, unknown> {
  /** `<caseId>:<revision>` of the event. */
  id: string;
  kind: SlaActivityKind;
  caseId: string;
  accountId: string;
  product: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  at: string;
  /**
   * Opened, escalated, redirected: the case's severity then. First response, resolution, breach:
   * the severity of the target's goal.
   */
  severity: Severity;
  /** First response and resolution: whether the goal was met (on time). */
  met?: boolean;
  /**
   * First response: from the start of the target's clock to the response. Resolution: the spans
   * with support before it, since the start of the target's clock (see measured-spans.ts).
   */
  spans?: Span[];
  /** First response and resolution: the clock of the goal the target was judged on. */
  clock?: DurationClock;
  /** First response and resolution: the policy version the target was computed under (its calendars measure the spans). */
  policyVersion?: string;
  /** IANA zone of the case's business calendar, for the durations. */
  timeZone?: string;
  /** The policy calendar of the case, for the durations; absent: the default. */
  calendar?: string;
  /** Breach: which target. */
  target?: 'first-response' | 'resolution';
  /** Escalation: its level. */
  level?: number;
}

export const activityId = (caseId: string, revision: number) => `${caseId}:${revision}`;

/**
 * The activity an event records, given the case's facts before and after it; undefined for events
 * reports do not count (most of them: nothing is built for those).
 */
export function activityOf(
  event: CaseEvent,
  revision: number,
  before: SlaCaseFacts | undefined,
  after: SlaCaseFacts,
): SlaActivity | undefined {
  switch (event.type) {
    case 'CaseOpened':
      return activity(event, revision, after, 'opened', after.severity);
    case 'FirstResponseGiven': {
      const target = event.data.target;
      const response = activity(event, revision, after, 'first-response', target.severity);
      return withMeasure(response, target, responseSpans(target, event.data.at), after);
    }
    case 'CaseResolved': {
      const target = event.data.targets.resolution;
      const resolution = activity(event, revision, after, 'resolution', target.severity);
      return withMeasure(resolution, target, resolutionSpans(after.supportSpans, target), after);
    }
    case 'SlaTargetBreached': {
      const target = event.data.target === 'first-response' ? before?.firstResponse : before?.resolution;
      const breach = activity(event, revision, after, 'breach', target?.severity ?? after.severity);
      breach.target = event.data.target;
      return breach;
    }
    case 'CaseEscalated': {
      const escalation = activity(event, revision, after, 'escalation', after.severity);
      escalation.level = event.data.level;
      return escalation;
    }
    case 'CaseRedirected':
      return activity(event, revision, after, 'redirection', after.severity);
    default:
      return undefined;
  }
}

/**
 * The fields every activity has. Each kind completes this one object by assignment rather than
 * spreading it into another: a rebuild records an activity for about a third of the case events,
 * and the extra copy per activity was most of this function's time and garbage.
 */
function activity(
  event: CaseEvent,
  revision: number,
  facts: SlaCaseFacts,
  kind: SlaActivityKind,
  severity: Severity,
): SlaActivity {
  const at = event.data.at;
  return {
    id: activityId(facts.id, revision),
    caseId: facts.id,
    accountId: facts.accountId,
    product: facts.product,
    day: at.slice(0, 10),
    at,
    kind,
    severity,
  };
}

/**
 * A first response or resolution with what the report measures it by: whether the target was met,
 * its spans, and the clock, policy version and calendar to measure them on. The calendar's name is
 * set only when the case has one, so rows of cases on the default stay as they were.
 */
function withMeasure(
  measured: SlaActivity,
  target: SlaTarget,
  spans: Span[],
  facts: SlaCaseFacts,
): SlaActivity {
  measured.met = target.state === 'met';
  measured.spans = spans;
  measured.clock = target.goal.clock;
  measured.policyVersion = target.policyVersion;
  measured.timeZone = facts.timeZone;
  if (facts.calendar !== undefined) measured.calendar = facts.calendar;
  return measured;
}
