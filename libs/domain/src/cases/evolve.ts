import { assertNever } from '../shared/decider';
import type { SlaTarget, SlaTargets } from '../sla/targets/sla-target';
import type { CaseEvent, CaseOpened, OverdueReminderFacts } from './events';
import { meetResolution } from '../sla/targets/stop-targets';
import { NO_COMMENTS, withComment } from './seen-comments';
import { slaTargetKey } from './sla-target-key';
import {
  statusUpdatesOwer,
  type AcknowledgedEscalationHands,
  type StatusUpdatesOwer,
} from './status-updates-owed-by';
import type { Severity } from '../policy/support-vocabulary';
import {
  openedFacts,
  type AcknowledgedEscalation,
  type CaseEscalation,
  type CaseState,
  type OpenedCase,
  type OpenedCaseFacts,
  type OverdueReminder,
  type StatusUpdateOwed,
} from './state';

/**
 * Folds one event into the case. Events are facts: evolve never refuses one and never computes
 * time; every instant it stores was computed by `decide` and recorded in the event.
 */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') return opened(event);
  // Events for a case that was never opened cannot come from decide; ignore them rather than
  // inventing a case from a fragment of its history.
  if (state.status === 'none') return state;
  // Every event touches the case; each branch builds the next state in one spread (a rebuild folds
  // every case event through here once per projection that keeps the case).
  const lastChangedAt = event.data.at;

  switch (event.type) {
    case 'SeverityChanged': {
      const changed = {
        ...state,
        lastChangedAt,
        severity: event.data.to,
        targets: event.data.newTargets,
        policyVersion: event.data.policyVersion,
      };
      if (state.escalation?.status !== 'acknowledged') return changed;
      return withEscalation(changed, lastChangedAt, (escalation) =>
        escalation.status === 'acknowledged'
          ? cadenceAfterSeverityChange(escalation, event.data.from, event.data.nextStatusUpdateDueAt)
          : escalation,
      );
    }
    case 'CaseEscalated':
      return {
        ...state,
        lastChangedAt,
        escalationCount: event.data.level,
        escalation: {
          status: 'awaiting-acknowledgement',
          level: event.data.level,
          reason: event.data.reason,
          details: event.data.details,
          escalatedAt: event.data.at,
          escalatedBy: event.data.by,
          acknowledgementDueAt: event.data.acknowledgementDueAt,
          ...overdueAcknowledgementCarried(state.escalation, event.data.acknowledgementDueAt),
          ...statusUpdateOwedCarried(state.escalation, state.assignee),
        },
      };
    case 'EscalationAcknowledged':
      return withEscalation(state, lastChangedAt, (escalation) =>
        copyWith(escalationFacts(escalation), {
          status: 'acknowledged',
          acknowledgedAt: event.data.at,
          acknowledgedBy: event.data.by,
          ...(event.data.reason !== undefined ? { acknowledgementReason: event.data.reason } : {}),
          nextStatusUpdateDueAt: event.data.nextStatusUpdateDueAt,
          ...owedUpdateStillDue(escalation, event.data.nextStatusUpdateDueAt),
        }),
      );
    case 'EscalationStatusUpdatePosted':
      return withEscalation(state, lastChangedAt, (escalation) =>
        escalation.status === 'acknowledged'
          ? // A new interval starts: the due times severities left in the last one are owed no more.
            copyWith(forNewUpdateInterval(escalation), {
              lastStatusUpdateAt: event.data.at,
              lastStatusUpdateBy: event.data.by,
              nextStatusUpdateDueAt: event.data.nextStatusUpdateDueAt,
            })
          : escalation,
      );
    case 'CaseDeEscalated':
      return withEscalation(state, lastChangedAt, (escalation) =>
        endedEscalation(escalation, { at: event.data.at, by: event.data.by, reason: event.data.reason }),
      );
    case 'CommentAdded':
      return {
        ...state,
        lastChangedAt,
        comments: withComment(state.comments, {
          commentId: event.data.commentId,
          body: event.data.body,
          internal: event.data.internal,
        }),
      };
    case 'FirstResponseGiven': {
      const answered = {
        lastChangedAt,
        firstResponseAt: event.data.at,
        targets: withTarget(state.targets, event.data.target),
      };
      // Answering a new case starts work on it.
      return state.status === 'new'
        ? { ...state, ...answered, status: 'in-progress' }
        : { ...state, ...answered };
    }
    case 'EngineerAssigned':
      return { ...state, lastChangedAt, assignee: event.data.engineer };
    case 'CaseUnassigned': {
      const { assignee: _returned, ...unassigned } = state;
      return { ...unassigned, lastChangedAt };
    }
    case 'InformationRequested':
      return inStatus(openedFacts(state), {
        lastChangedAt,
        status: 'awaiting-customer',
        targets: event.data.targets,
        informationRequestedAt: event.data.at,
      });
    case 'CustomerResponded':
      return inStatus(openedFacts(state), {
        lastChangedAt,
        status: 'in-progress',
        targets: event.data.targets,
      });
    case 'CaseResolved':
      return inStatus(openedFacts(state), {
        lastChangedAt,
        status: 'resolved',
        targets: event.data.targets,
        resolvedAt: event.data.at,
        resolutionSummary: event.data.summary,
        autoCloseAt: event.data.autoCloseAt,
      });
    case 'AutoClosePostponed':
      return state.status === 'resolved'
        ? { ...state, lastChangedAt, autoCloseAt: event.data.autoCloseAt }
        : { ...state, lastChangedAt };
    case 'CaseClosed':
      return inStatus(endEscalation(openedFacts(state), event.data, 'case closed'), {
        lastChangedAt,
        status: 'closed',
        closedAt: event.data.at,
        closedAutomatically: event.data.automatic,
        resolvedAt: state.status === 'resolved' ? state.resolvedAt : event.data.at,
        resolutionSummary: state.status === 'resolved' ? state.resolutionSummary : '',
      });
    case 'CaseReopened':
      return inStatus(openedFacts(state), {
        lastChangedAt,
        status: 'in-progress',
        targets: event.data.targets,
      });
    case 'CaseRedirected':
      return inStatus(endEscalation(openedFacts(state), event.data, 'case redirected'), {
        lastChangedAt,
        status: 'redirected',
        // Redirections recorded before they carried their targets stopped the clock all the same.
        targets: event.data.targets ?? meetResolution(state.targets, event.data.at),
        redirectedAt: event.data.at,
        redirectedTo: event.data.to,
        referral: event.data.referral,
      });
    case 'CaseShared':
      return {
        ...state,
        lastChangedAt,
        shares: [
          ...state.shares,
          {
            email: event.data.email,
            name: event.data.name,
            sharedAt: event.data.at,
            sharedBy: event.data.by,
          },
        ],
      };
    case 'CaseUnshared':
      return {
        ...state,
        lastChangedAt,
        shares: state.shares.filter((share) => share.email !== event.data.email),
      };
    case 'SlaTargetAtRisk':
      return updateTarget(state, lastChangedAt, event.data.target, (target) =>
        copyWith(target, { atRiskRaisedAt: event.data.at }),
      );
    case 'SlaTargetBreached':
      return updateTarget(state, lastChangedAt, event.data.target, (target) =>
        copyWith(target, { state: 'breached', breachedAt: event.data.dueAt }),
      );
    case 'EscalationAcknowledgementOverdue':
      return withEscalation(state, lastChangedAt, (escalation) =>
        escalation.status === 'awaiting-acknowledgement'
          ? copyWith(withReminder(escalation, event.data), {
              acknowledgementOverdueAt: escalation.acknowledgementOverdueAt ?? event.data.at,
            })
          : escalation,
      );
    case 'EscalationStatusUpdateOverdue':
      return withEscalation(state, lastChangedAt, (escalation) =>
        escalation.status === 'acknowledged'
          ? copyWith(withReminder(escalation, event.data), {
              statusUpdateOverdueFor: event.data.dueAt,
              statusUpdateOverdueOwedBy: owerAtTheMiss(escalation, event.data.dueAt, state.assignee),
            })
          : escalation,
      );
    case 'MissionCriticalChanged':
      return { ...state, lastChangedAt, missionCritical: event.data.missionCritical };
    default:
      return assertNever(event);
  }
}

function opened({ data }: CaseOpened): CaseState {
  return {
    status: 'new',
    caseId: data.caseId,
    accountId: data.accountId,
    licenceId: data.licenceId,
    product: data.product,
    edition: data.edition,
    plan: data.plan,
    missionCritical: data.missionCritical,
    timeZone: data.timeZone,
    ...(data.calendar !== undefined ? { calendar: data.calendar } : {}),
    title: data.title,
    description: data.description,
    ...(data.category !== undefined ? { category: data.category } : {}),
    channel: data.channel,
    severity: data.severity,
    openedAt: data.at,
    openedBy: data.openedBy,
    ...(data.loggedBy !== undefined ? { loggedBy: data.loggedBy } : {}),
    policyVersion: data.policyVersion,
    targets: data.targets,
    escalationCount: 0,
    shares: [],
    comments: NO_COMMENTS,
    lastChangedAt: data.at,
  };
}

/**
 * `{ ...source, ...added }`, built by setting each field on a new object. V8 (Node 20) gives an
 * object that starts as a spread of another and then takes a field its source lacks a hidden class of
 * its own, shared with no other object (each acknowledged escalation, each target warned at risk, each
 * comment had one): every later read of it, and copy of the state holding it, took the slow path,
 * and each left a map for the old generation's collector. Fields set one by one follow the
 * transitions all such objects share. Same fields, same order.
 */
function copyWith<Source extends object, const Added extends object>(
  source: Source,
  added: Added,
): Source & Added {
  return Object.assign({}, source, added);
}

/**
 * A case in a new status: the facts every status shares (a fresh copy, from `openedFacts`), with
 * `next`'s set on it (see `copyWith`: spread into one more literal, each such state got a hidden
 * class of its own, and a resolution took about 10 us against 1.5), and a rebuild folds every status
 * change once per projection that keeps the case.
 */
function inStatus<Next extends { status: OpenedCase['status'] }>(
  facts: OpenedCaseFacts,
  next: Next,
): OpenedCaseFacts & Next {
  return Object.assign(facts, next);
}

function withTarget(targets: SlaTargets, target: SlaTarget): SlaTargets {
  return { ...targets, [slaTargetKey(target.kind)]: target };
}

function updateTarget<State extends OpenedCase>(
  state: State,
  lastChangedAt: string,
  kind: SlaTarget['kind'],
  change: (target: SlaTarget) => SlaTarget,
): State {
  const key = slaTargetKey(kind);
  return { ...state, lastChangedAt, targets: { ...state.targets, [key]: change(state.targets[key]) } };
}

/**
 * An acknowledged escalation after a severity change: the due time it had at the severity left is
 * remembered (a raise back is held to it), then the new cadence's due time, when the change moved it.
 * Only the due times the events recorded are stored: histories fold to the due times they had.
 */
function cadenceAfterSeverityChange(
  escalation: AcknowledgedEscalation,
  from: Severity,
  nextDue: string | undefined,
): AcknowledgedEscalation {
  const left = { severity: from, dueAt: escalation.nextStatusUpdateDueAt };
  const statusUpdateDueWhenLeft = [
    ...(escalation.statusUpdateDueWhenLeft ?? []).filter((earlier) => earlier.severity !== from),
    left,
  ];
  return copyWith(escalation, {
    statusUpdateDueWhenLeft,
    ...(nextDue !== undefined ? { nextStatusUpdateDueAt: nextDue } : {}),
  });
}

/**
 * A level raised over one nobody acknowledged keeps its acknowledgement due time (see `escalate`),
 * and with it what the timers recorded of it being overdue: the same acknowledgement is owed, not a
 * new one. Levels recorded before were given a fresh window (a later due time): nothing is carried.
 */
function overdueAcknowledgementCarried(previous: CaseEscalation | undefined, dueAt: string) {
  if (previous?.status !== 'awaiting-acknowledgement' || previous.acknowledgementDueAt !== dueAt) return {};
  const { acknowledgementOverdueAt, overdueReminder } = previous;
  return {
    ...(acknowledgementOverdueAt !== undefined ? { acknowledgementOverdueAt } : {}),
    ...(overdueReminder !== undefined ? { overdueReminder } : {}),
  };
}

/**
 * The status update the replaced level owed, carried by the new level: an acknowledged level's next
 * update (with its overdue alert and reminders), or what a replaced unacknowledged level carried.
 */
function statusUpdateOwedCarried(
  previous: CaseEscalation | undefined,
  assignee: string | undefined,
): {
  statusUpdateOwed?: StatusUpdateOwed;
} {
  if (previous?.status === 'awaiting-acknowledgement')
    return previous.statusUpdateOwed !== undefined ? { statusUpdateOwed: previous.statusUpdateOwed } : {};
  if (previous?.status !== 'acknowledged') return {};
  const { nextStatusUpdateDueAt: dueAt, statusUpdateOverdueFor: overdueFor, overdueReminder } = previous;
  const alerted = overdueFor === dueAt;
  return {
    statusUpdateOwed: {
      dueAt,
      ...(alerted ? { overdueFor } : {}),
      ...(alerted && overdueReminder !== undefined ? { overdueReminder } : {}),
      level: previous.level,
      // Who owed it when it was missed, as its alert named them; a later assignee took it on after.
      owedBy:
        alerted && previous.statusUpdateOverdueOwedBy !== undefined
          ? previous.statusUpdateOverdueOwedBy
          : statusUpdatesOwer(handsOf(previous, assignee)),
    },
  };
}

/**
 * Who owed the update whose miss is recorded: kept from its first alert through its reminders, so
 * a case taken over after the miss does not rewrite who missed it.
 */
function owerAtTheMiss(
  escalation: AcknowledgedEscalation,
  dueAt: string,
  assignee: string | undefined,
): StatusUpdatesOwer {
  return escalation.statusUpdateOverdueFor === dueAt && escalation.statusUpdateOverdueOwedBy !== undefined
    ? escalation.statusUpdateOverdueOwedBy
    : statusUpdatesOwer(handsOf(escalation, assignee));
}

/** Who may owe an acknowledged escalation's status updates (see statusUpdatesOwer). */
function handsOf(
  escalation: AcknowledgedEscalation,
  assignee: string | undefined,
): AcknowledgedEscalationHands {
  return {
    assignee,
    acknowledgedBy: escalation.acknowledgedBy,
    lastStatusUpdateBy: escalation.lastStatusUpdateBy,
  };
}

/**
 * On acknowledgement, the owed update's alert and reminders when the acknowledgement left it due
 * when it was (`acknowledgeEscalation`): it is not alerted afresh, and its reminders go on.
 */
function owedUpdateStillDue(escalation: CaseEscalation, nextDueAt: string) {
  const owed = escalation.status === 'awaiting-acknowledgement' ? escalation.statusUpdateOwed : undefined;
  if (owed?.dueAt !== nextDueAt || owed.overdueFor === undefined) return {};
  return {
    statusUpdateOverdueFor: owed.overdueFor,
    ...(owed.overdueReminder !== undefined ? { overdueReminder: owed.overdueReminder } : {}),
  };
}

/** The escalation with the reminder an overdue alert scheduled (none after alerts recorded before reminders). */
function withReminder<Escalation extends { overdueReminder?: OverdueReminder }>(
  escalation: Escalation,
  alert: OverdueReminderFacts,
): Escalation {
  const { overdueReminder: _previous, ...rest } = escalation;
  if (alert.nextReminderAt === undefined) return rest as Escalation;
  return copyWith(rest, {
    overdueReminder: { reminders: alert.reminder ?? 0, nextAt: alert.nextReminderAt },
  }) as Escalation;
}

/** A status update was posted: the severities left and the reminders of a missed update are behind it. */
function forNewUpdateInterval(escalation: AcknowledgedEscalation): AcknowledgedEscalation {
  const { statusUpdateDueWhenLeft: _left, overdueReminder: _reminder, ...rest } = escalation;
  return rest;
}

function withEscalation<State extends OpenedCase>(
  state: State,
  lastChangedAt: string,
  change: (escalation: CaseEscalation) => CaseEscalation,
): State {
  return state.escalation
    ? { ...state, lastChangedAt, escalation: change(state.escalation) }
    : { ...state, lastChangedAt };
}

/**
 * Closing or redirecting a case ends an open escalation: nobody owes status updates on it any more.
 * Only histories recorded before need it: staff may no longer close or redirect an escalated case,
 * and a customer's closure records its CaseDeEscalated first, so the escalation has ended by then
 * and this changes nothing. Earlier closures and redirections still fold as they did.
 */
function endEscalation(
  facts: OpenedCaseFacts,
  end: { at: string; by: string },
  reason: string,
): OpenedCaseFacts {
  const escalation = facts.escalation;
  if (!escalation || escalation.status === 'de-escalated') return facts;
  return { ...facts, escalation: endedEscalation(escalation, { ...end, reason }) };
}

/**
 * The escalation once ended: when, by whom and why, keeping who acknowledged it and its last
 * status update, so the case's detail still tells how it was handled (before, an ended escalation
 * kept only its raise and its end). An escalation ended already stays as it was.
 */
function endedEscalation(
  escalation: CaseEscalation,
  end: { at: string; by: string; reason: string },
): CaseEscalation {
  if (escalation.status === 'de-escalated') return escalation;
  const handled =
    escalation.status === 'acknowledged'
      ? {
          acknowledgedAt: escalation.acknowledgedAt,
          acknowledgedBy: escalation.acknowledgedBy,
          ...(escalation.lastStatusUpdateAt !== undefined
            ? { lastStatusUpdateAt: escalation.lastStatusUpdateAt }
            : {}),
        }
      : {};
  return copyWith(escalationFacts(escalation), {
    status: 'de-escalated',
    endedAt: end.at,
    endReason: end.reason,
    endedBy: end.by,
    ...handled,
  });
}

function escalationFacts(escalation: CaseEscalation) {
  const { level, reason, details, escalatedAt, escalatedBy } = escalation;
  return { level, reason, details, escalatedAt, escalatedBy };
}
