import type { CaseEvent, DurationClock, Severity } from '@casetrail/domain';
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
 * reports do not count.
 */
export function activityOf(
  event: CaseEvent,
  revision: number,
  before: SlaCaseFacts | undefined,
  after: SlaCaseFacts,
): SlaActivity | undefined {
  const at = event.data.at;
  const base = {
    id: activityId(after.id, revision),
    caseId: after.id,
    accountId: after.accountId,
    product: after.product,
    day: at.slice(0, 10),
    at,
  };
  switch (event.type) {
    case 'CaseOpened':
      return { ...base, kind: 'opened', severity: after.severity };
    case 'FirstResponseGiven': {
      const target = event.data.target;
      return {
        ...base,
        kind: 'first-response',
        severity: target.severity,
        met: target.state === 'met',
        spans: responseSpans(target, at),
        clock: target.goal.clock,
        policyVersion: target.policyVersion,
        timeZone: after.timeZone,
        ...calendarOf(after),
      };
    }
    case 'CaseResolved': {
      const target = event.data.targets.resolution;
      return {
        ...base,
        kind: 'resolution',
        severity: target.severity,
        met: target.state === 'met',
        spans: resolutionSpans(after.supportSpans, target),
        clock: target.goal.clock,
        policyVersion: target.policyVersion,
        timeZone: after.timeZone,
        ...calendarOf(after),
      };
    }
    case 'SlaTargetBreached': {
      const target = event.data.target === 'first-response' ? before?.firstResponse : before?.resolution;
      return {
        ...base,
        kind: 'breach',
        severity: target?.severity ?? after.severity,
        target: event.data.target,
      };
    }
    case 'CaseEscalated':
      return { ...base, kind: 'escalation', severity: after.severity, level: event.data.level };
    case 'CaseRedirected':
      return { ...base, kind: 'redirection', severity: after.severity };
    default:
      return undefined;
  }
}

/** The case's calendar name, only when it has one, so rows of cases on the default stay as they were. */
function calendarOf(facts: SlaCaseFacts): Pick<SlaActivity, 'calendar'> {
  return facts.calendar !== undefined ? { calendar: facts.calendar } : {};
}
