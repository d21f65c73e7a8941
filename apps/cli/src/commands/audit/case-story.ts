import {
  assertNever,
  evaluateTarget,
  isCaseEvent,
  openEscalation,
  resolveCalendar,
  type CaseEvent,
  type CaseState,
  type OpenedCase,
  type SlaTarget,
  type SlaTargets,
  type PolicyVersions,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { UnreadableEvent } from './evidence-log';

/**
 * A case's history as lines a person reads: when, which revision, who, and what happened in words,
 * with the deadlines each step set. Text is quoted and shortened; the audit bundle has it whole.
 * `after` is the case as the event left it (what a resolution's automatic closure waits for).
 *
 * The time is the event's recorded time, the one its hash covers (format 2): the history's `time`
 * and the bundle's `recordedAt`, so an auditor holding replay against either finds the same
 * instants, and a recorded time moved after the fact shows in its line. The decision time
 * (`data.at`, what the case detail and `?asOf=` go by) is a few milliseconds earlier.
 */
export function storyLine(event: RecordedEvent, after?: CaseState): string {
  const typed = { type: event.type, data: event.data } as CaseEvent;
  const time = eventTime(event.recordedAt);
  if (!isCaseEvent(typed)) return `${time}  #${event.revision}  ${event.metadata.actor}  ${event.type}`;
  const escalation = after !== undefined && after.status !== 'none' ? openEscalation(after) : undefined;
  const context: DescribeContext = {
    escalationOpen: !!escalation,
    statusUpdateDueAt: escalation?.status === 'acknowledged' ? escalation.nextStatusUpdateDueAt : undefined,
  };
  return `${time}  #${String(event.revision).padEnd(3)} ${typed.data.by.padEnd(28)} ${describe(typed, context)}`;
}

/** The story's line for a row that cannot be read: its time is in it too, so none is shown. */
export function unreadableStoryLine({ revision, position, problem }: UnreadableEvent): string {
  return `${'(time unknown)'.padEnd(24)}  #${String(revision).padEnd(3)} CANNOT BE READ (position ${position}): ${problem}`;
}

export interface DescribeContext {
  /**
   * An escalation of the case is open right after the event: a resolved case then closes by itself
   * only once de-escalated, as the case detail's `autoCloseWaitsFor` says.
   */
  escalationOpen?: boolean;
  /** The open, acknowledged escalation's next status update right after the event. */
  statusUpdateDueAt?: string;
}

export function describe(
  event: CaseEvent,
  { escalationOpen = false, statusUpdateDueAt }: DescribeContext = {},
): string {
  switch (event.type) {
    case 'CaseOpened': {
      const { data } = event;
      const loggedBy = data.loggedBy ? `, logged by ${data.loggedBy.email} for ${data.openedBy.email}` : '';
      return `opened ${quote(data.title)} at severity ${data.severity} by ${data.channel}${loggedBy} (${data.product}, ${data.plan} plan); ${deadlines(data.targets)}`;
    }
    case 'SeverityChanged':
      return `changed severity ${event.data.from} -> ${event.data.to}: ${quote(event.data.reason)}; ${deadlines(event.data.newTargets)}${statusUpdateAfterSeverityChange(event.data.nextStatusUpdateDueAt ?? statusUpdateDueAt)}`;
    case 'CaseEscalated':
      return `escalated (level ${event.data.level}, ${event.data.reason}, by the ${event.data.raisedBy}): ${quote(event.data.details)}; acknowledgement due ${when(event.data.acknowledgementDueAt)}`;
    case 'EscalationAcknowledged':
      return `acknowledged the level ${event.data.level} escalation${because(event.data.reason)}; next status update due ${when(event.data.nextStatusUpdateDueAt)}`;
    case 'EscalationStatusUpdatePosted':
      return `posted a status update on the level ${event.data.level} escalation: ${quote(event.data.body)}; next due ${when(event.data.nextStatusUpdateDueAt)}`;
    case 'CaseDeEscalated':
      // The customer's closure ends the escalation itself; its own line (closed) follows.
      return event.data.endedByClosure
        ? `ended the level ${event.data.level} escalation by closing the case: ${quote(event.data.reason)}`
        : `de-escalated level ${event.data.level}: ${quote(event.data.reason)}`;
    case 'CommentAdded':
      return `${event.data.internal ? 'added an internal note' : 'commented'}: ${quote(event.data.body)}`;
    case 'FirstResponseGiven':
      return `first response (by ${event.data.via}): ${outcome(event.data.target)}`;
    case 'EngineerAssigned':
      return `assigned ${event.data.engineer}${event.data.previousEngineer ? ` (was ${event.data.previousEngineer})` : ''}${because(event.data.reason)}`;
    case 'CaseUnassigned':
      return `unassigned ${event.data.previousEngineer}: back in the unassigned queue${because(event.data.reason)}`;
    case 'InformationRequested':
      return `asked the customer for information${event.data.body ? `: ${quote(event.data.body)}` : ''}${reasonBesideText(event.data.reason)}; resolution clock paused`;
    case 'CustomerResponded':
      return `customer answered; resolution clock resumed, due ${when(event.data.targets.resolution.dueAt)}`;
    case 'CaseResolved':
      return `resolved: ${quote(event.data.summary)}; resolution ${outcome(event.data.targets.resolution)}; ${autoClose(event.data.autoCloseAt, escalationOpen)}`;
    case 'AutoClosePostponed':
      return `automatic closure moved: ${autoClose(event.data.autoCloseAt, escalationOpen)}`;
    case 'CaseClosed':
      return event.data.automatic
        ? 'closed automatically after the quiet period'
        : `closed (resolution confirmed)${because(event.data.reason)}`;
    case 'CaseReopened':
      return `reopened from ${event.data.reopenedFrom}: ${quote(event.data.reason)}; resolution due ${when(event.data.targets.resolution.dueAt)}`;
    case 'CaseRedirected':
      return `redirected to ${event.data.to}: ${quote(event.data.referral)}`;
    case 'CaseShared':
      return `shared the case with ${event.data.email} (${event.data.name})${because(event.data.reason)}`;
    case 'CaseUnshared':
      return `stopped sharing the case with ${event.data.email}${because(event.data.reason)}`;
    case 'SlaTargetAtRisk':
      return `${event.data.target} target at risk (due ${when(event.data.dueAt)})`;
    case 'SlaTargetBreached':
      return `${event.data.target} target BREACHED (was due ${when(event.data.dueAt)})`;
    case 'EscalationAcknowledgementOverdue':
      return `acknowledgement of the level ${event.data.level} escalation overdue (was due ${when(event.data.dueAt)}${stillMissing(event.data.reminder)})`;
    case 'EscalationStatusUpdateOverdue':
      return `status update on the level ${event.data.level} escalation overdue (was due ${when(event.data.dueAt)}${stillMissing(event.data.reminder)})`;
    case 'MissionCriticalChanged':
      return event.data.missionCritical
        ? "the account's Mission Critical cover began: highest priority, its CSM follows the case"
        : "the account's Mission Critical cover ended: back to standard priority";
    default:
      return assertNever(event);
  }
}

/**
 * A severity change sets the new severity's status-update cadence on an acknowledged escalation:
 * the line says when the next update is due, as it gives the new SLA due times (the event records
 * the time when the change moved it; otherwise the case as the change left it has it).
 */
function statusUpdateAfterSeverityChange(dueAt: string | undefined): string {
  return dueAt === undefined ? '' : `; next status update due ${when(dueAt)}`;
}

/** A further alert of the same missed acknowledgement or update says which, so the story tells how long it stayed missing. */
function stillMissing(reminder: number | undefined): string {
  return reminder === undefined ? '' : `; still missing, reminder ${reminder}`;
}

/** The optional reason a person gave for a change, as the required ones are shown (quoted). */
function because(reason: string | undefined): string {
  return reason === undefined ? '' : `: ${quote(reason)}`;
}

/**
 * The optional reason beside a quoted text of the event's own (an information request's body), named
 * so that it is not read as a second part of that text.
 */
function reasonBesideText(reason: string | undefined): string {
  return reason === undefined ? '' : `; reason: ${quote(reason)}`;
}

/**
 * Where the case stands after its last event, with its targets judged at `now` on the case's business
 * calendar, each under the policy version it was computed under (the policy in force for a version
 * the archive does not hold), as the API judges them. A paused target's due time is
 * the case detail's `dueAt`: the time the customer's answer at `now` would give (the business time
 * left at the pause, counted from `now`), said as such; the due time recorded at the pause lies in the
 * past once the customer has kept the case waiting long enough.
 */
export function standing(state: OpenedCase, now: string, versions: PolicyVersions): string {
  const target = (value: SlaTarget) => {
    const { calendar } = resolveCalendar(versions.policyOf(value.policyVersion), state);
    const evaluation = evaluateTarget(value, now, calendar);
    if (evaluation.state === 'met') return `met ${when(value.metAt!)}`;
    if (evaluation.state === 'breached')
      return value.metAt
        ? `missed (answered late ${when(value.metAt)})`
        : `BREACHED (due ${when(value.dueAt)})`;
    if (evaluation.state === 'paused')
      return `paused while awaiting the customer, due ${when(evaluation.dueAt)} if the customer answers now`;
    return `${evaluation.state}, due ${when(value.dueAt)}${evaluation.atRisk ? ' (at risk)' : ''}`;
  };
  const closure =
    state.status === 'resolved' ? `; ${autoClose(state.autoCloseAt, !!openEscalation(state))}` : '';
  return `now ${state.status}, severity ${state.severity}; first response ${target(state.targets.firstResponse)}; resolution ${target(state.targets.resolution)}${escalationStanding(state, now)}${closure}`;
}

/**
 * The open escalation and what it owes next by when, OVERDUE once that time has passed at `now`, as
 * a case mail's Escalation line says it; nothing when no escalation is open.
 */
function escalationStanding(state: OpenedCase, now: string): string {
  const escalation = openEscalation(state);
  if (!escalation) return '';
  const [owed, dueAt] =
    escalation.status === 'acknowledged'
      ? (['acknowledged; next status update due', escalation.nextStatusUpdateDueAt] as const)
      : (['not yet acknowledged; acknowledgement due', escalation.acknowledgementDueAt] as const);
  const overdue = Date.parse(dueAt) <= Date.parse(now) ? ', OVERDUE' : '';
  return `; escalation level ${escalation.level}, ${owed} ${when(dueAt)}${overdue}`;
}

/** When a resolved case closes by itself, worded as the case detail and the notifications word it. */
function autoClose(autoCloseAt: string, escalationOpen: boolean): string {
  return escalationOpen
    ? `automatic closure waits for the de-escalation (then closes itself if quiet, not before ${when(autoCloseAt)})`
    : `closes itself ${when(autoCloseAt)} if quiet`;
}

function deadlines(targets: SlaTargets): string {
  return `first response due ${when(targets.firstResponse.dueAt)}, resolution due ${when(targets.resolution.dueAt)}`;
}

function outcome(target: SlaTarget): string {
  return target.state === 'met'
    ? `goal met (due ${when(target.dueAt)})`
    : `goal MISSED (was due ${when(target.dueAt)})`;
}

/**
 * An event's own time, always to the millisecond: two events of one second stay apart in the
 * story (and in order), and the column keeps its width. `2026-03-02 09:00:00.120Z`.
 */
export function eventTime(instant: string): string {
  const withMilliseconds = /\.\d+Z$/.test(instant) ? instant : instant.replace(/Z$/, '.000Z');
  return withMilliseconds.replace('T', ' ');
}

/** Any other instant (a deadline): `2026-03-02 09:00:00Z`, with its milliseconds when it has any. */
export function when(instant: string): string {
  return instant.replace('T', ' ').replace(/\.0+Z$/, 'Z');
}

function quote(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(line.length > max ? `${line.slice(0, max - 1)}…` : line);
}
