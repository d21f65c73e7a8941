import type { CaseEvent, CaseStatus, EscalationReason, Severity } from '@casetrail/domain';
import { NO_DEADLINE } from './reporting-collections';
import type { SlaCaseFacts } from './sla-case-facts';

export type EscalationBoardStatus =
  'awaiting-acknowledgement' | 'acknowledged' | 'de-escalated' | 'superseded';

/**
 * One escalation on the board. `nextDueAt` is what is owed next (the acknowledgement, then the
 * next status update); whether it is overdue is decided at query time (`nextDueAt <= now`), so the
 * board is right before any overdue timer has fired.
 */
export interface EscalationEntry extends Record<string, unknown> {
  /** `<caseId>:<level>`. */
  id: string;
  caseId: string;
  accountId: string;
  product: string;
  title: string;
  /**
   * The case as it stands now, on every entry of the case, open or ended: the board filters and
   * sorts on these, so they must be what it shows (see `withCaseNow`).
   */
  missionCritical: boolean;
  severity: Severity;
  caseStatus: CaseStatus;
  /** The engineer the case is assigned to now; null: unassigned (nobody's queue). */
  assignee: string | null;
  level: number;
  reason: EscalationReason;
  details: string;
  raisedBy: 'customer' | 'engineer';
  escalatedAt: string;
  escalatedBy: string;
  status: EscalationBoardStatus;
  open: boolean;
  acknowledgementDueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** How the engineer said they took it on (the acknowledgement's optional reason); null when none was given. */
  acknowledgementReason: string | null;
  lastStatusUpdateAt: string | null;
  /** Who posted the last status update: with the assignee, who owes the next (see `statusUpdatesOwer`). */
  lastStatusUpdateBy: string | null;
  statusUpdates: number;
  /** Null until acknowledged, and again once ended: no status update is owed on an ended escalation. */
  nextStatusUpdateDueAt: string | null;
  /** Overdue acknowledgements and status updates the timers recorded on this level (only). */
  overdueRecorded: number;
  /**
   * Those the levels it replaced recorded for what it goes on owing (the same acknowledgement or
   * status update, due when it was): how late it already was when raised.
   */
  overdueCarried: number;
  endedAt: string | null;
  endReason: string | null;
  /**
   * Who ended it: the engineer who de-escalated or redirected the case, the customer whose closure
   * ended it, whoever raised the next level, or the SLA timers' actor for an automatic closure.
   */
  endedBy: string | null;
  nextDueAt: string;
}

export const escalationId = (caseId: string, level: number) => `${caseId}:${level}`;

/**
 * A new level's entry. Raised over a level nobody acknowledged, it owes the same acknowledgement
 * (the domain keeps its due time); raised over an acknowledged level when its acknowledgement is
 * due when that level's status update was (the domain holds it to the update still owed), it owes
 * that update. Either way the overdue alerts the replaced levels recorded for it are counted as
 * `overdueCarried`, so the board does not show an escalation late since the first level as never
 * late; `overdueRecorded` counts only the alerts recorded on this level, so a sum over every entry
 * counts each alert once (before, the raised level's count included the replaced level's, which
 * that level's entry kept too).
 */
export function raisedEscalation(
  event: Extract<CaseEvent, { type: 'CaseEscalated' }>,
  facts: SlaCaseFacts,
  superseded?: EscalationEntry,
): EscalationEntry {
  const { data } = event;
  const sameAcknowledgementOwed =
    superseded?.status === 'awaiting-acknowledgement' &&
    superseded.acknowledgementDueAt === data.acknowledgementDueAt;
  const sameUpdateOwed =
    superseded?.status === 'acknowledged' && superseded.nextStatusUpdateDueAt === data.acknowledgementDueAt;
  return {
    id: escalationId(facts.id, data.level),
    caseId: facts.id,
    accountId: facts.accountId,
    product: facts.product,
    title: facts.title,
    missionCritical: facts.missionCritical,
    severity: facts.severity,
    caseStatus: facts.status,
    assignee: facts.assignee ?? null,
    level: data.level,
    reason: data.reason,
    details: data.details,
    raisedBy: data.raisedBy,
    escalatedAt: data.at,
    escalatedBy: data.by,
    status: 'awaiting-acknowledgement',
    open: true,
    acknowledgementDueAt: data.acknowledgementDueAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgementReason: null,
    lastStatusUpdateAt: null,
    lastStatusUpdateBy: null,
    statusUpdates: 0,
    nextStatusUpdateDueAt: null,
    overdueRecorded: 0,
    overdueCarried:
      (sameAcknowledgementOwed || sameUpdateOwed) && superseded
        ? superseded.overdueRecorded + superseded.overdueCarried
        : 0,
    endedAt: null,
    endReason: null,
    endedBy: null,
    nextDueAt: data.acknowledgementDueAt,
  };
}

/**
 * Whether an event changed what every entry of the case shows of it (`withCaseNow`: severity,
 * status, Mission Critical cover, assignee): only then do
 * ended escalations need rewriting.
 */
export function caseShownChanged(before: SlaCaseFacts, after: SlaCaseFacts): boolean {
  return (
    before.severity !== after.severity ||
    before.status !== after.status ||
    before.missionCritical !== after.missionCritical ||
    (before.assignee ?? null) !== (after.assignee ?? null)
  );
}

/**
 * Any entry, open or ended, showing the case as `facts` has it now; the entry itself when it does
 * already. Ended escalations stay on the board (`?state=all`), which filters on these fields, so
 * they follow the case too: an entry frozen at its end showed a severity the case had since left,
 * and `?severity=` found it under that one instead of the one the case has.
 */
export function withCaseNow(entry: EscalationEntry, facts: SlaCaseFacts): EscalationEntry {
  if (
    entry.severity === facts.severity &&
    entry.caseStatus === facts.status &&
    entry.missionCritical === facts.missionCritical &&
    entry.assignee === (facts.assignee ?? null)
  )
    return entry;
  return {
    ...entry,
    severity: facts.severity,
    caseStatus: facts.status,
    missionCritical: facts.missionCritical,
    assignee: facts.assignee ?? null,
  };
}

/**
 * The open escalation after a later event of its case, or undefined when the event changes
 * nothing of it. Shows the case as `facts` has it after the event (`withCaseNow`).
 */
export function updatedEscalation(
  entry: EscalationEntry,
  event: CaseEvent,
  facts: SlaCaseFacts,
): EscalationEntry | undefined {
  const { at, by } = event.data;
  const fresh = withCaseNow(entry, facts);
  switch (event.type) {
    case 'CaseEscalated':
      // A new escalation raises the level and replaces this one.
      return ended(fresh, 'superseded', { at, by, reason: `superseded by level ${event.data.level}` });
    case 'EscalationAcknowledged':
      return {
        ...fresh,
        status: 'acknowledged',
        acknowledgedAt: at,
        acknowledgedBy: event.data.by,
        acknowledgementReason: event.data.reason ?? null,
        nextStatusUpdateDueAt: event.data.nextStatusUpdateDueAt,
        nextDueAt: event.data.nextStatusUpdateDueAt,
      };
    case 'EscalationStatusUpdatePosted':
      return {
        ...fresh,
        lastStatusUpdateAt: at,
        lastStatusUpdateBy: by,
        statusUpdates: entry.statusUpdates + 1,
        nextStatusUpdateDueAt: event.data.nextStatusUpdateDueAt,
        nextDueAt: event.data.nextStatusUpdateDueAt,
      };
    case 'SeverityChanged': {
      // The new severity's cadence may move the next status update of an acknowledged escalation.
      const nextDue = event.data.nextStatusUpdateDueAt;
      if (nextDue === undefined || entry.status !== 'acknowledged') break;
      return { ...fresh, nextStatusUpdateDueAt: nextDue, nextDueAt: nextDue };
    }
    case 'EscalationAcknowledgementOverdue':
    case 'EscalationStatusUpdateOverdue':
      return { ...fresh, overdueRecorded: entry.overdueRecorded + 1 };
    case 'CaseDeEscalated':
      return ended(fresh, 'de-escalated', { at, by, reason: event.data.reason });
    case 'CaseClosed':
      return ended(fresh, 'de-escalated', { at, by, reason: 'case closed' });
    case 'CaseRedirected':
      return ended(fresh, 'de-escalated', { at, by, reason: 'case redirected' });
  }
  return fresh !== entry ? fresh : undefined;
}

/**
 * The entry once ended: nothing is owed any more, so neither the next status update nor anything
 * else is due (`nextDueAt` parks at NO_DEADLINE, off the open boards). When it had to be
 * acknowledged stays, as the deadline it had.
 */
function ended(
  entry: EscalationEntry,
  status: 'de-escalated' | 'superseded',
  end: { at: string; by: string; reason: string },
): EscalationEntry {
  return {
    ...entry,
    status,
    open: false,
    endedAt: end.at,
    endReason: end.reason,
    endedBy: end.by,
    nextStatusUpdateDueAt: null,
    nextDueAt: NO_DEADLINE,
  };
}
