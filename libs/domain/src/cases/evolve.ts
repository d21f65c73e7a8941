import { assertNever } from '../shared/decider';
import type { SlaTarget, SlaTargets } from '../sla/targets/sla-target';
import type { CaseEvent, CaseOpened } from './events';
import { slaTargetKey } from './sla-target-key';
import {
  openedFacts,
  type CaseEscalation,
  type CaseState,
  type OpenedCase,
  type OpenedCaseFacts,
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
  const touched = { ...state, lastChangedAt: event.data.at };

  switch (event.type) {
    case 'SeverityChanged':
      return {
        ...touched,
        severity: event.data.to,
        targets: event.data.newTargets,
        policyVersion: event.data.policyVersion,
      };
    case 'CaseEscalated':
      return {
        ...touched,
        escalationCount: event.data.level,
        escalation: {
          status: 'awaiting-acknowledgement',
          level: event.data.level,
          reason: event.data.reason,
          details: event.data.details,
          escalatedAt: event.data.at,
          escalatedBy: event.data.by,
          acknowledgementDueAt: event.data.acknowledgementDueAt,
        },
      };
    case 'EscalationAcknowledged':
      return withEscalation(touched, (escalation) => ({
        ...escalationFacts(escalation),
        status: 'acknowledged',
        acknowledgedAt: event.data.at,
        acknowledgedBy: event.data.by,
        nextStatusUpdateDueAt: event.data.nextStatusUpdateDueAt,
      }));
    case 'EscalationStatusUpdatePosted':
      return withEscalation(touched, (escalation) =>
        escalation.status === 'acknowledged'
          ? {
              ...escalation,
              lastStatusUpdateAt: event.data.at,
              nextStatusUpdateDueAt: event.data.nextStatusUpdateDueAt,
            }
          : escalation,
      );
    case 'CaseDeEscalated':
      return withEscalation(touched, (escalation) => ({
        ...escalationFacts(escalation),
        status: 'de-escalated',
        endedAt: event.data.at,
        endReason: event.data.reason,
      }));
    case 'CommentAdded':
      return {
        ...touched,
        comments: {
          ...touched.comments,
          [event.data.commentId]: { body: event.data.body, internal: event.data.internal },
        },
      };
    case 'FirstResponseGiven': {
      const facts = {
        ...touched,
        firstResponseAt: event.data.at,
        targets: withTarget(touched.targets, event.data.target),
      };
      return touched.status === 'new' ? { ...facts, status: 'in-progress' } : facts;
    }
    case 'EngineerAssigned':
      return { ...touched, assignee: event.data.engineer };
    case 'InformationRequested':
      return {
        ...openedFacts(touched),
        status: 'awaiting-customer',
        targets: event.data.targets,
        informationRequestedAt: event.data.at,
      };
    case 'CustomerResponded':
      return { ...openedFacts(touched), status: 'in-progress', targets: event.data.targets };
    case 'CaseResolved':
      return {
        ...openedFacts(touched),
        status: 'resolved',
        targets: event.data.targets,
        resolvedAt: event.data.at,
        resolutionSummary: event.data.summary,
        autoCloseAt: event.data.autoCloseAt,
      };
    case 'AutoClosePostponed':
      return touched.status === 'resolved' ? { ...touched, autoCloseAt: event.data.autoCloseAt } : touched;
    case 'CaseClosed':
      return {
        ...endEscalation(openedFacts(touched), event.data.at, 'case closed'),
        status: 'closed',
        closedAt: event.data.at,
        closedAutomatically: event.data.automatic,
        resolvedAt: touched.status === 'resolved' ? touched.resolvedAt : event.data.at,
        resolutionSummary: touched.status === 'resolved' ? touched.resolutionSummary : '',
      };
    case 'CaseReopened':
      return { ...openedFacts(touched), status: 'in-progress', targets: event.data.targets };
    case 'CaseRedirected':
      return {
        ...endEscalation(openedFacts(touched), event.data.at, 'case redirected'),
        status: 'redirected',
        redirectedAt: event.data.at,
        redirectedTo: event.data.to,
        referral: event.data.referral,
      };
    case 'CaseShared':
      return {
        ...touched,
        shares: [
          ...touched.shares,
          {
            email: event.data.email,
            name: event.data.name,
            sharedAt: event.data.at,
            sharedBy: event.data.by,
          },
        ],
      };
    case 'CaseUnshared':
      return { ...touched, shares: touched.shares.filter((share) => share.email !== event.data.email) };
    case 'SlaTargetAtRisk':
      return updateTarget(touched, event.data.target, (target) => ({
        ...target,
        atRiskRaisedAt: event.data.at,
      }));
    case 'SlaTargetBreached':
      return updateTarget(touched, event.data.target, (target) => ({
        ...target,
        state: 'breached',
        breachedAt: event.data.dueAt,
      }));
    case 'EscalationAcknowledgementOverdue':
      return withEscalation(touched, (escalation) =>
        escalation.status === 'awaiting-acknowledgement'
          ? { ...escalation, acknowledgementOverdueAt: event.data.at }
          : escalation,
      );
    case 'EscalationStatusUpdateOverdue':
      return withEscalation(touched, (escalation) =>
        escalation.status === 'acknowledged'
          ? { ...escalation, statusUpdateOverdueFor: event.data.dueAt }
          : escalation,
      );
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
    comments: {},
    lastChangedAt: data.at,
  };
}

function withTarget(targets: SlaTargets, target: SlaTarget): SlaTargets {
  return { ...targets, [slaTargetKey(target.kind)]: target };
}

function updateTarget<State extends OpenedCase>(
  state: State,
  kind: SlaTarget['kind'],
  change: (target: SlaTarget) => SlaTarget,
): State {
  const key = slaTargetKey(kind);
  return { ...state, targets: { ...state.targets, [key]: change(state.targets[key]) } };
}

function withEscalation<State extends OpenedCase>(
  state: State,
  change: (escalation: CaseEscalation) => CaseEscalation,
): State {
  return state.escalation ? { ...state, escalation: change(state.escalation) } : state;
}

/** Closing or redirecting a case ends an open escalation: nobody owes status updates on it any more. */
function endEscalation(facts: OpenedCaseFacts, at: string, endReason: string): OpenedCaseFacts {
  const escalation = facts.escalation;
  if (!escalation || escalation.status === 'de-escalated') return facts;
  return {
    ...facts,
    escalation: { ...escalationFacts(escalation), status: 'de-escalated', endedAt: at, endReason },
  };
}

function escalationFacts(escalation: CaseEscalation) {
  const { level, reason, details, escalatedAt, escalatedBy } = escalation;
  return { level, reason, details, escalatedAt, escalatedBy };
}
