import {
  CASE_EVENT_TYPES,
  CaseEvent,
  CaseState,
  CaseTimer,
  LicenceEvent,
  OpenedCase,
  SUPPORT_POLICY_ADOPTED,
  SlaTarget,
  SupportPolicyAdoptedData,
  caseTimers,
  evolveCase,
  initialCaseState,
  isCaseEvent,
  openEscalation,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { Projection } from '../projections/projection';
import type { ProjectionTransaction } from '../read-model-store.port';
import { storedCaseState } from '../projections/stored-case-state';
import { streamDocument } from '../projections/stream-document';
import { utcInstant, type ScheduledCase } from '../sla-timers/sla-timer-schedule';
import {
  AT_RISK_WINDOW_FIELDS,
  atRiskWindows,
  earliestAtRiskFrom,
  type AtRiskWindows,
} from '../sla/at-risk-windows';
import { casePriority } from './case-detail';
import { GOAL_OUTCOME_FIELDS, goalOutcomes, type GoalOutcomes } from './goal-outcomes';
import { CASE_POLICY_VERSIONS, recordAdoptedPolicy } from './case-policy-versions';
import {
  hasPausedClock,
  pausedClockPolicies,
  pausedTimeLeftMs,
  type PausedClockPolicies,
} from './paused-queue-order';
import { SELF_ASSIGNED_ENGINEERS, recordSelfAssignment } from './self-assignments';

export const CASES = 'cases';
export const CASE_SHARES = 'case_shares';
/** The cases projection's own copy of who may share tickets, so it never reads another projection. */
export const CASE_OPENER_PERMISSIONS = 'case_opener_permissions';

/** Sorts after every real instant, for "no running target". */
export const NEVER = '9999-12-31T23:59:59.999Z';

const ACTIVE_STATUSES = new Set(['new', 'in-progress', 'awaiting-customer']);

/**
 * A case's read-model row. `state` is the domain state itself (so the detail view and the as-of
 * view are computed by the same function); the top-level fields exist to be queried and sorted.
 */
export interface CaseDocument extends Record<string, unknown>, ScheduledCase, AtRiskWindows, GoalOutcomes {
  id: string;
  accountId: string;
  licenceId: string;
  product: string;
  status: OpenedCase['status'];
  severity: number;
  assignee: string | null;
  openedBy: string;
  openedAt: string;
  /** Still being worked (new, in-progress, awaiting-customer). */
  active: boolean;
  escalated: boolean;
  /**
   * Support still owes work on it: active, or resolved with an escalation open (its status updates
   * are owed until it is de-escalated). The assignee's and the Mission Critical queues list these.
   */
  worked: boolean;
  missionCritical: boolean;
  priorityRank: number;
  /** Earliest due time of an unmet target whose clock runs (or ran out): breaching once past. */
  nextDueAt: string;
  /** The queues' next sort key after `nextDueAt`, for the cases it leaves tied: see `tieOrder`. */
  tieOrder: string;
  /** While a clock is paused: its time left as the queues order it (`pausedTimeLeftMs`). */
  pausedTimeLeftMs?: number;
  /**
   * The earliest start of the targets' at-risk windows: no target is at risk before it, so its
   * index finds the few cases the at-risk queue then checks window by window. Not a case's "at
   * risk from" on its own: a target's window ends at its due time, and the other may be at risk
   * while the earliest is overdue.
   */
  nextAtRiskAt: string;
  /**
   * The opener holds share-tickets on the case's licence (or held them when removed from it):
   * colleagues with see-shared-tickets may see the case.
   */
  openerShareTickets: boolean;
  lastChangedAt: string;
  revision: number;
  lastEventId: string;
  state: OpenedCase;
  /**
   * The SLA process manager's schedule: the timers the case needs now (`caseTimers`, earliest
   * first), and when the first fires (`NEVER` without any), which finds the cases with a timer due.
   */
  timers: CaseTimer[];
  nextTimerAt: string;
}

/**
 * What the projection folds for a case, event by event; the rest of its row is computed from these
 * as the row is stored (`completeCaseDocument`, the collection's `complete`).
 */
export type CaseFacts = Pick<
  CaseDocument,
  'id' | 'state' | 'openerShareTickets' | 'revision' | 'lastEventId' | 'pausedTimeLeftMs'
> & {
  /**
   * Put by an event of a case with a paused clock: the policies its `pausedTimeLeftMs` counts on,
   * which the row's completion counts once (a row read back from the store carries the count).
   * Never stored itself.
   */
  pausedClockPolicies?: PausedClockPolicies;
};

export const caseShareId = (caseId: string, email: string) => `${caseId}|${email}`;
const openerKey = (licenceId: string, email: string) => `${licenceId}|${email}`;

/**
 * A case's row (detail, queue columns and the SLA timers the process manager fires) and its shares,
 * derived from one fold of the case per event. The timers were a projection of their own, with a
 * row per timer and a second copy of every case's state to fold each event a second time.
 */
export const casesProjection: Projection = {
  name: 'cases',
  // 2: a case's state is kept without its comments (stored-case-state.ts).
  // 3: the SLA timers are kept in the case's row, no longer by a projection of their own.
  // 4: a redirected case's resolution clock is stopped at the redirection (it ran on, and showed
  //    breached once its due time passed).
  // 5: each target's at-risk window is kept (`AtRiskWindows`), so a case whose other target is
  //    already overdue is in the at-risk queue too.
  // 6: `tieOrder` is kept, so cases awaiting the customer are queued by the time they have left, and
  //    running cases due at the same instant by their opening (both were in id order: a hash for
  //    cases opened with an Idempotency-Key).
  // 7: an opener's removal from the licence leaves `openerShareTickets` as they last held it (it was
  //    cleared, so colleagues with see-shared-tickets lost a leaver's cases).
  // 8: each target's goal severity, met and "missed from" are kept (`GoalOutcomes`), so the case
  //    list lists the cases a dashboard goal figure counted.
  // 9: `worked` is kept (active, or resolved with an escalation open), so a resolved case whose
  //    escalation still owes status updates stays in its assignee's and the Mission Critical queues.
  // 10: a case's escalation keeps who posted its last status update (`lastStatusUpdateBy`, for who
  //    owes the next one), so rows stored before lack a field a rebuild writes.
  // 11: cases awaiting the customer are queued by their paused time left counted on their calendar
  //    (`pausedTimeLeftMs`), in the order of the due times their rows show; it was the wall-clock
  //    time left at the pause, nights and weekends included.
  // 12: an ended escalation keeps who acknowledged it, when, its last status update and who ended it
  //    (`endedBy`), which the case detail shows; rows stored before dropped them at the end. A level
  //    raised over an acknowledged one also keeps which level owed the update it goes on owing, and
  //    who did (`statusUpdateOwed.level`, `.owedBy`).
  // 13: who took a case themselves is kept (`self_assigned_engineers`), which alone vouches for an
  //    engineer by assignment; being assigned by a colleague vouched too, so old assignments of
  //    outsiders vouched for their own assignees.
  // 14: an acknowledged escalation keeps who owed its missed status update when the miss was recorded
  //    (`statusUpdateOverdueOwedBy`), so a level raised over it names them, not a later assignee;
  //    and how it was taken on (`acknowledgementReason`), which the case detail shows.
  version: 14,
  collections: [
    {
      name: CASES,
      // Each of these leads a compound index below, orders the case list (openedAt) or finds the
      // cases with an SLA timer due (nextTimerAt).
      indexedFields: [
        'accountId',
        'status',
        'openedBy',
        'openedAt',
        'active',
        'escalated',
        'worked',
        'nextTimerAt',
      ],
      // Queried only next to an indexed condition (a queue's `active`, an account, an opener):
      // an index of their own would be one more b-tree to update on every case event.
      filterOnlyFields: [
        'licenceId',
        'product',
        'severity',
        'assignee',
        'missionCritical',
        'priorityRank',
        'nextDueAt',
        'tieOrder',
        'nextAtRiskAt',
        // Checked on the few rows `nextAtRiskAt` finds (the at-risk queue).
        ...AT_RISK_WINDOW_FIELDS,
        'openerShareTickets',
        'lastChangedAt',
        // Each leads or follows a goal index below.
        ...GOAL_OUTCOME_FIELDS,
      ],
      // Each engineer queue reads its first page in priority order straight off an index: its
      // equality fields, then the sort (priorityRank, nextDueAt, tieOrder). Without one, the
      // store sorted every match (thousands with 100,000 open cases) for each page.
      compoundIndexes: [
        ['active', 'priorityRank', 'nextDueAt', 'tieOrder'],
        ['active', 'assignee', 'priorityRank', 'nextDueAt', 'tieOrder'],
        ['worked', 'assignee', 'priorityRank', 'nextDueAt', 'tieOrder'],
        ['worked', 'missionCritical', 'priorityRank', 'nextDueAt', 'tieOrder'],
        ['active', 'severity', 'priorityRank', 'nextDueAt', 'tieOrder'],
        ['status', 'priorityRank', 'nextDueAt', 'tieOrder'],
        ['escalated', 'priorityRank', 'nextDueAt', 'tieOrder'],
        ['active', 'nextDueAt'],
        ['active', 'nextAtRiskAt'],
        // An account's queues (`accountId`), read in priority order off the index as the others;
        // its first column serves a CSM's accounts and `accountId + active` as before.
        ['accountId', 'active', 'priorityRank', 'nextDueAt', 'tieOrder'],
        // The case list drilled down by account or product, newest first (`openedAt` desc), with
        // or without an opening period: read straight off the index, not sorted per page.
        ['accountId', 'openedAt'],
        ['product', 'openedAt'],
        ['openedBy', 'licenceId'],
        // The case list drilled down from a dashboard goal figure: met, newest first straight off
        // the index; missed, a range of its "missed from" against now (the cases missed so far).
        ['firstResponseMet', 'firstResponseGoalSeverity', 'openedAt'],
        ['resolutionMet', 'resolutionGoalSeverity', 'openedAt'],
        ['firstResponseMissedFrom', 'firstResponseGoalSeverity'],
        ['resolutionMissedFrom', 'resolutionGoalSeverity'],
      ],
      complete: (doc) => completeCaseDocument(doc as CaseFacts),
    },
    { name: CASE_SHARES, indexedFields: ['caseId', 'email'] },
    { name: CASE_OPENER_PERMISSIONS, indexedFields: [] },
    { name: CASE_POLICY_VERSIONS, indexedFields: [] },
    { name: SELF_ASSIGNED_ENGINEERS, indexedFields: [] },
  ],
  // Not LicensedUserRemoved: see applyLicenceEvent.
  handles: [
    ...CASE_EVENT_TYPES,
    'LicensedUserAssigned',
    'LicensedUserPermissionsChanged',
    SUPPORT_POLICY_ADOPTED,
  ],
  async apply(recorded: RecordedEvent, tx: ProjectionTransaction) {
    if (recorded.type === SUPPORT_POLICY_ADOPTED)
      return recordAdoptedPolicy(recorded.data as unknown as SupportPolicyAdoptedData, tx);
    const event = { type: recorded.type, data: recorded.data } as CaseEvent | LicenceEvent;
    if (isCaseEvent(event)) return applyCaseEvent(recorded, event, tx);
    return applyLicenceEvent(event as LicenceEvent, tx);
  },
};

async function applyCaseEvent(
  recorded: RecordedEvent,
  event: CaseEvent,
  tx: ProjectionTransaction,
): Promise<void> {
  const caseId = event.data.caseId;
  const existing = await streamDocument<CaseFacts>(tx, CASES, caseId, recorded);
  const before: CaseState = existing?.state ?? initialCaseState;
  const state = evolveCase(before, event);
  if (state.status === 'none') return;

  let openerShareTickets = existing?.openerShareTickets ?? false;
  if (event.type === 'CaseOpened') {
    const opener = await tx.get<{ shareTickets: boolean }>(
      CASE_OPENER_PERMISSIONS,
      openerKey(state.licenceId, state.openedBy.email),
    );
    openerShareTickets = opener?.shareTickets ?? false;
  }
  if (event.type === 'CaseShared') {
    const id = caseShareId(caseId, event.data.email);
    tx.put(CASE_SHARES, id, { id, caseId, email: event.data.email, accountId: state.accountId });
  }
  if (event.type === 'CaseUnshared') tx.delete(CASE_SHARES, caseShareId(caseId, event.data.email));
  await recordSelfAssignment(event, tx);
  // Most events leave no clock paused: they look nothing up (and await nothing more).
  const policies = hasPausedClock(state) ? await pausedClockPolicies(state, tx) : undefined;
  const facts: CaseFacts = {
    id: caseId,
    state: storedCaseState(state),
    openerShareTickets,
    revision: recorded.revision,
    lastEventId: recorded.id,
    ...(policies !== undefined ? { pausedClockPolicies: policies } : {}),
  };
  tx.put(CASES, caseId, facts);
}

async function applyLicenceEvent(event: LicenceEvent, tx: ProjectionTransaction): Promise<void> {
  // A removal changes nothing here: an opener's cases stay visible to colleagues with see-shared
  // tickets with the share tickets the opener last held on the licence, so offboarding a leaver does
  // not orphan their cases (only a permission change or the licence's expiry takes them away).
  if (event.type !== 'LicensedUserAssigned' && event.type !== 'LicensedUserPermissionsChanged') return;
  const { licenceId, email } = event.data;
  const shareTickets = event.data.permissions.shareTickets;
  const key = openerKey(licenceId, email);
  const previous = await tx.get<{ shareTickets: boolean }>(CASE_OPENER_PERMISSIONS, key);
  tx.put(CASE_OPENER_PERMISSIONS, key, { id: key, shareTickets });
  if ((previous?.shareTickets ?? false) === shareTickets) return;
  // Share-tickets is read when someone looks, not frozen at opening: update the opener's cases.
  for (const caseId of await tx.findIds(CASES, { openedBy: email, licenceId })) {
    const doc = await tx.get<CaseFacts>(CASES, caseId);
    if (doc) tx.put(CASES, caseId, factsOf({ ...doc, openerShareTickets: shareTickets }));
  }
}

/** Only the folded facts of a case's row (a row read back carries its computed fields too). */
function factsOf({
  id,
  state,
  openerShareTickets,
  revision,
  lastEventId,
  pausedTimeLeftMs,
  pausedClockPolicies,
}: CaseFacts): CaseFacts {
  return {
    id,
    state,
    openerShareTickets,
    revision,
    lastEventId,
    ...(pausedTimeLeftMs !== undefined ? { pausedTimeLeftMs } : {}),
    ...(pausedClockPolicies !== undefined ? { pausedClockPolicies } : {}),
  };
}

/** A case's whole row from its facts: the queue columns and SLA timers are computed here. */
export function completeCaseDocument(facts: CaseFacts): CaseDocument {
  return caseDocument(
    facts.state,
    { revision: facts.revision, id: facts.lastEventId },
    facts.openerShareTickets,
    facts.pausedClockPolicies !== undefined
      ? pausedTimeLeftMs(facts.state, facts.pausedClockPolicies)
      : facts.pausedTimeLeftMs,
  );
}

export function caseDocument(
  state: OpenedCase,
  recorded: Pick<RecordedEvent, 'revision' | 'id'>,
  openerShareTickets: boolean,
  pausedTimeLeftMs?: number,
): CaseDocument {
  const targets = [state.targets.firstResponse, state.targets.resolution];
  const unmetClocks = targets.filter(
    (target) => target.state === 'running' || (target.state === 'breached' && !target.metAt),
  );
  const active = ACTIVE_STATUSES.has(state.status);
  const escalated = openEscalation(state) !== undefined;
  const timers = caseTimers(state);
  const windows = atRiskWindows(state.targets, active);
  return {
    id: state.caseId,
    accountId: state.accountId,
    licenceId: state.licenceId,
    product: state.product,
    status: state.status,
    severity: state.severity,
    assignee: state.assignee ?? null,
    openedBy: state.openedBy.email,
    openedAt: state.openedAt,
    active,
    escalated,
    worked: active || escalated,
    missionCritical: state.missionCritical,
    priorityRank: casePriority(state).rank,
    nextDueAt: active ? earliestDueAt(unmetClocks) : NEVER,
    tieOrder: active ? tieOrder(state, unmetClocks.length > 0, pausedTimeLeftMs) : '',
    // Kept with the row, so a row read back and stored again (applyLicenceEvent) keeps its order.
    ...(pausedTimeLeftMs !== undefined ? { pausedTimeLeftMs } : {}),
    nextAtRiskAt: earliestAtRiskFrom(windows),
    ...windows,
    ...goalOutcomes(state),
    openerShareTickets,
    lastChangedAt: state.lastChangedAt,
    revision: recorded.revision,
    lastEventId: recorded.id,
    state: storedCaseState(state),
    timers,
    nextTimerAt: timers.length > 0 ? utcInstant(timers[0].fireAt) : NEVER,
  };
}

function earliestDueAt(targets: SlaTarget[]): string {
  return targets.map((target) => target.dueAt).sort()[0] ?? NEVER;
}

/** Digits of a paused clock's time left: zero-padded so the strings sort as the numbers (31,000+ years). */
const TIME_LEFT_DIGITS = 15;

/**
 * Where an active case stands among the cases of its rank that `nextDueAt` leaves tied. Without
 * this key they came in id order, and an id derived from an Idempotency-Key is a hash: of two cases
 * opened a minute apart the later one could come first.
 *
 * - A case with a running clock: the first opened first (a weekend's cases are all due the same
 *   instant on Monday; they are served in the order they came in).
 * - A case whose every unmet target is paused (it awaits the customer; `nextDueAt` NEVER, after
 *   every running case): the least time left on its paused clocks first, the one closest to
 *   breaching once the customer answers, counted on its calendar as its row's `dueAt` is
 *   (`pausedTimeLeftMs`), then the first opened. By time left, 30 minutes came after 29 days when
 *   the id decided.
 *
 * One string, one column after `nextDueAt` on the queues' indexes, so each queue still reads its
 * pages straight off its index. The two forms never meet: running and paused cases differ in
 * `nextDueAt`.
 */
function tieOrder(state: OpenedCase, running: boolean, pausedTimeLeftMs: number | undefined): string {
  if (running || pausedTimeLeftMs === undefined) return state.openedAt;
  return `${String(Math.max(0, pausedTimeLeftMs)).padStart(TIME_LEFT_DIGITS, '0')} ${state.openedAt}`;
}
