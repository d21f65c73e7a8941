import type { CaseEvent, CaseStatus, Severity, SlaTargets } from '@casetrail/domain';
import { atRiskWindows, earliestAtRiskFrom, type AtRiskWindows } from '../sla/at-risk-windows';
import { NO_DEADLINE } from './reporting-collections';
import { breachableDueAt, earliest, targetFacts, type TargetFacts } from './target-facts';

/** A stretch of time `[from, to)` as two instants. */
export type Span = [from: string, to: string];

/**
 * A case's SLA facts, as the dashboard reads them. Everything here is a fact recorded by an event:
 * the projection never reads a clock. What depends on "now" is decided at query time:
 *  - breached now: `unmetDueAt <= now` (a range query; `unmetDueAt` is far away unless active);
 *  - at risk: some target's window holds now, `from <= now < until` (`AtRiskWindows`, `atRiskAt`),
 *    whether or not the other target is already past due (such a case is also breached now);
 *    `atRiskFrom <= now` narrows the rows to check first (a range query on its index);
 *  - a goal missed: the target's state is `breached`, or `running` with its due time `<= now`.
 * Business durations are computed at query time too, on the case's calendar (`calendar`, the
 * policy's default when absent) in `timeZone`.
 */
export interface SlaCaseFacts extends Record<string, unknown>, AtRiskWindows {
  id: string;
  accountId: string;
  licenceId: string;
  product: string;
  title: string;
  missionCritical: boolean;
  timeZone: string;
  /** The policy calendar the case was opened under; absent (as on every row stored before): the default. */
  calendar?: string;
  /** The current severity. */
  severity: Severity;
  /** The engineer the case is assigned to now (the escalations board shows it); null: unassigned. */
  assignee: string | null;
  status: CaseStatus;
  /** New, in progress or awaiting the customer. */
  active: boolean;
  openedAt: string;
  firstResponseAt: string | null;
  /** The latest resolution, while the case stays resolved or closed (cleared by a reopening or a redirection). */
  resolvedAt: string | null;
  firstResponse: TargetFacts;
  /**
   * The current resolution target. A redirection stops the clock (redirections recorded before
   * they carried their targets left it running here), but the case was referred elsewhere, so
   * reports count its resolution neither met nor missed (see `status`).
   */
  resolution: TargetFacts;
  /** Earliest due time of a target that can be (or is) breached while the case is active. */
  unmetDueAt: string;
  /** The earliest start of the targets' at-risk windows (`earliestAtRiskFrom`): none is at risk before. */
  atRiskFrom: string;
  openEscalation: boolean;
  /** Level of the case's latest escalation (0: never escalated). */
  escalationLevel: number;
  /**
   * When the case was with support (new or in progress), closed spans only: time to resolution is
   * their time on the resolution goal's clock since that clock started (`resolutionSpans`), leaving
   * out time awaiting the customer and time before an upgrade or a reopening restarted the clock.
   */
  supportSpans: Span[];
  /** Start of the span in progress, while the case is with support. */
  withSupportSince: string | null;
}

const ACTIVE: ReadonlySet<CaseStatus> = new Set(['new', 'in-progress', 'awaiting-customer']);
const WITH_SUPPORT: ReadonlySet<CaseStatus> = new Set(['new', 'in-progress']);

/**
 * The facts after `event`. `previous` is undefined until the case is opened; events for a case that
 * was never opened change nothing (returns undefined), as in `evolveCase`.
 */
export function nextCaseFacts(
  previous: SlaCaseFacts | undefined,
  event: CaseEvent,
): SlaCaseFacts | undefined {
  if (event.type === 'CaseOpened') return openedFacts(event);
  if (!previous) return undefined;
  const at = event.data.at;
  switch (event.type) {
    case 'SeverityChanged':
      return derive({ ...previous, severity: event.data.to }, event.data.newTargets);
    case 'FirstResponseGiven': {
      const facts = withStatus(previous, previous.status === 'new' ? 'in-progress' : previous.status, at);
      facts.firstResponseAt = at;
      facts.firstResponse = targetFacts(event.data.target);
      return derive(facts);
    }
    case 'InformationRequested':
      return derive(withStatus(previous, 'awaiting-customer', at), event.data.targets);
    case 'CustomerResponded':
      return derive(withStatus(previous, 'in-progress', at), event.data.targets);
    case 'CaseResolved': {
      const facts = withStatus(previous, 'resolved', at);
      facts.resolvedAt = at;
      return derive(facts, event.data.targets);
    }
    case 'CaseReopened': {
      const facts = withStatus(previous, 'in-progress', at);
      facts.resolvedAt = null;
      return derive(facts, event.data.targets);
    }
    case 'CaseClosed': {
      const facts = withStatus(previous, 'closed', at);
      facts.openEscalation = false;
      return derive(facts);
    }
    case 'CaseRedirected': {
      // Even a resolved case may be redirected: it then counts as referred out, not as resolved.
      const facts = withStatus(previous, 'redirected', at);
      facts.resolvedAt = null;
      facts.openEscalation = false;
      return derive(facts, event.data.targets);
    }
    case 'SlaTargetBreached': {
      const facts = { ...previous };
      if (event.data.target === 'first-response') facts.firstResponse = breached(previous.firstResponse);
      else facts.resolution = breached(previous.resolution);
      return derive(facts);
    }
    case 'CaseEscalated':
      return { ...previous, openEscalation: true, escalationLevel: event.data.level };
    case 'CaseDeEscalated':
      return { ...previous, openEscalation: false };
    case 'MissionCriticalChanged':
      return { ...previous, missionCritical: event.data.missionCritical };
    case 'EngineerAssigned':
      return { ...previous, assignee: event.data.engineer };
    case 'CaseUnassigned':
      return previous.assignee === null ? previous : { ...previous, assignee: null };
    default:
      // Comments, sharing, at-risk warnings and escalation handling change no SLA fact.
      return previous;
  }
}

function openedFacts({ data }: Extract<CaseEvent, { type: 'CaseOpened' }>): SlaCaseFacts {
  const facts: SlaCaseFacts = {
    id: data.caseId,
    accountId: data.accountId,
    licenceId: data.licenceId,
    product: data.product,
    title: data.title,
    missionCritical: data.missionCritical,
    timeZone: data.timeZone,
    ...(data.calendar !== undefined ? { calendar: data.calendar } : {}),
    severity: data.severity,
    assignee: null,
    status: 'new',
    active: true,
    openedAt: data.at,
    firstResponseAt: null,
    resolvedAt: null,
    firstResponse: targetFacts(data.targets.firstResponse),
    resolution: targetFacts(data.targets.resolution),
    // Placeholders: `derive` computes the deadlines and the windows from the targets.
    unmetDueAt: NO_DEADLINE,
    atRiskFrom: NO_DEADLINE,
    ...atRiskWindows(data.targets, false),
    openEscalation: false,
    escalationLevel: 0,
    supportSpans: [],
    withSupportSince: data.at,
  };
  return derive(facts);
}

/**
 * A copy of the facts for this event, the case in `status` from `at`, opening or closing its span
 * with support accordingly. The caller completes the copy (and `derive` fills it in) instead of
 * spreading it again: a rebuild runs this for a third of the case events, and each copy of the
 * facts is some thirty fields of garbage.
 */
function withStatus(facts: SlaCaseFacts, status: CaseStatus, at: string): SlaCaseFacts {
  const next = { ...facts, status };
  const withSupport = WITH_SUPPORT.has(status);
  const since = facts.withSupportSince;
  if (withSupport && since === null) next.withSupportSince = at;
  if (!withSupport && since !== null) {
    next.withSupportSince = null;
    next.supportSpans = [...facts.supportSpans, [since, at]];
  }
  return next;
}

function breached(target: TargetFacts): TargetFacts {
  return { ...target, state: 'breached' };
}

/**
 * Fills in the derived deadlines of `facts`, a copy made for this event, from its targets (replaced
 * first when the event recorded new ones), in place rather than in one more copy.
 */
function derive(facts: SlaCaseFacts, targets?: SlaTargets): SlaCaseFacts {
  if (targets) {
    facts.firstResponse = targetFacts(targets.firstResponse);
    facts.resolution = targetFacts(targets.resolution);
  }
  const { firstResponse, resolution } = facts;
  const active = ACTIVE.has(facts.status);
  const windows = atRiskWindows({ firstResponse, resolution }, active);
  facts.active = active;
  facts.unmetDueAt = active
    ? earliest(breachableDueAt(firstResponse), breachableDueAt(resolution))
    : NO_DEADLINE;
  facts.atRiskFrom = earliestAtRiskFrom(windows);
  facts.firstResponseAtRiskFrom = windows.firstResponseAtRiskFrom;
  facts.firstResponseAtRiskUntil = windows.firstResponseAtRiskUntil;
  facts.resolutionAtRiskFrom = windows.resolutionAtRiskFrom;
  facts.resolutionAtRiskUntil = windows.resolutionAtRiskUntil;
  return facts;
}
