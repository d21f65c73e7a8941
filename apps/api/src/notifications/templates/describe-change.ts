import {
  assertNever,
  type CaseEvent,
  type OverdueReminderFacts,
  type StatusUpdatesOwedAs,
  type StatusUpdatesOwer,
} from '@casetrail/domain';
import { onOneLine } from '@casetrail/domain/shared/unsafe-characters';
import type { EscalationSnapshot } from '@casetrail/readmodels/notifications';
import { formatInstant } from './format-instant';

/** What changed, in words: a headline, labelled facts, and the text a person wrote, if any. */
export interface ChangeDescription {
  headline: string;
  details: { label: string; value: string }[];
  /** A comment, a summary, a referral: shown as written. */
  body?: string;
  /** Label for `body` (e.g. "Comment", "Internal note"). */
  bodyLabel?: string;
}

const TARGET_NAMES = { 'first-response': 'First response', resolution: 'Resolution' } as const;
const REDIRECTS = { consulting: 'consulting services', 'account-manager': 'the account manager' } as const;
const ESCALATION_REASONS = {
  'business-operations-risk': 'High risk of interrupting business operations',
  'production-impact': 'Production environment impacted in a critical way',
  'low-satisfaction': 'Low satisfaction with the level or timeliness of support',
} as const;

export interface DescribeOptions {
  /** Who reads it: staff are told what the customer was asked, not asked themselves. */
  audience?: 'customer' | 'staff';
  /** The case's business time zone, for the instants a change names (see formatInstant). */
  timeZone?: string;
  /**
   * An escalation of the case is open right after the change: a resolved case then closes by
   * itself only once it is de-escalated (the automatic closure waits, as the case detail's
   * `autoCloseWaitsFor` says), so its quiet period's end is no closing time on its own.
   */
  escalationOpen?: boolean;
  /**
   * A resolved case's automatic closure as it stands after the change (the case snapshot's). A
   * de-escalation restarts the quiet period, and the "Case resolved" message said only "once
   * de-escalated": the de-escalation's message says when that now is. Staff's public comment
   * restarts it too, and its message says so.
   */
  autoCloseAt?: string;
  /**
   * The same command reopened the case just before this change: the customer's reply or escalation
   * to a resolved (or closed) case, whose reopening has no mail of its own. The headline says so, so
   * nobody triaging by subject takes it for a routine comment on a case they closed out.
   */
  reopenedByIt?: boolean;
  /** A closure that ended the case's open escalation of this level (the customer confirmed the resolution). */
  endedEscalationLevel?: number;
  /**
   * The reason the customer gave for the closure that ended the escalation, on the staff's mail of
   * that end: they get no mail of the closure itself, which said it.
   */
  closureReason?: string;
  /**
   * Who owes the open escalation's status updates, and why (statusUpdatesOwedBy in the domain): a
   * missed update's alert names them, so everyone it reaches knows whose update is missing.
   */
  statusUpdateOwedBy?: StatusUpdatesOwer;
  /**
   * The case's assignee, whom the rule would name as owing them but whom the desk does not vouch
   * for as staff at send time (their mail is held back): `statusUpdateOwedBy` is who owes them in
   * their stead, and the line says why the assignee is passed over.
   */
  statusUpdateUnvouchedAssignee?: string;
  /**
   * The open level, awaiting acknowledgement, was raised over an acknowledged level's status update
   * it goes on owing (the case snapshot's): its overdue acknowledgement is that missed update, and
   * the alert says so instead of reading as this level left unacknowledged since before it existed.
   */
  raisedOverStatusUpdate?: EscalationSnapshot['raisedOverStatusUpdate'];
  /**
   * The assignee `raisedOverStatusUpdate` names as having owed that update, whom the desk does not
   * vouch for as staff at send time: the "Missed" line names who owed it in their stead (its
   * `owedBeyondAssignee`), and says why, as a missed update's own "Owed by" line does.
   */
  raisedOverUnvouchedAssignee?: string;
  /**
   * For an overdue acknowledgement's alert: who has the case (null: nobody), and, when they were not
   * told of it, why (their copy withheld): the line says so, so nobody reading it takes the assignee
   * for alerted when nobody who could act was.
   */
  assignedTo?: { assignee: string | null; notTold?: 'not-vouched' | 'out-of-sight' };
  /**
   * The reader is a customer from outside the case's account: the licence's edition (what the
   * owning customer bought) is not named, as the API's case detail withholds it from them.
   */
  licenceTermsWithheld?: boolean;
}

/** Why the engineer named on a missed status update owes it, as the "Owed by" line says. */
const OWED_AS_TEXT: Record<StatusUpdatesOwedAs, string> = {
  assignee: 'assigned to the case',
  acknowledger: 'acknowledged the escalation',
  'last-updater': 'posted its last status update',
  'support-team': 'nobody who worked the escalation can still see the case',
};

/**
 * The "Owed by" line: who, why, and whom the rule passed over as no longer able to see the case,
 * or, the case's assignee (`unvouchedAssignee`), as someone the desk does not vouch for.
 */
function owedByText(owes: StatusUpdatesOwer, unvouchedAssignee?: string): string {
  const who = owes.as === 'support-team' ? 'the support team' : owes.engineer;
  const outOfSight = (owes.passedOver ?? []).filter((email) => email !== unvouchedAssignee);
  const why =
    unvouchedAssignee !== undefined && owes.as === 'support-team' && outOfSight.length === 0
      ? 'the duty engineers: take it from the escalated queue'
      : OWED_AS_TEXT[owes.as];
  const passedOver = outOfSight.length > 0 ? `; ${outOfSight.join(', ')} can no longer see the case` : '';
  const notVouched = unvouchedAssignee
    ? `; ${unvouchedAssignee}, the case's assignee, is not vouched for as staff and gets none of its mail: reassign the case`
    : '';
  return `${who} (${why}${passedOver}${notVouched})`;
}

/** Why an assignee was not told of the overdue acknowledgement, in the words of the "Owed by" line. */
const NOT_TOLD_TEXT = {
  'not-vouched': 'not vouched for as staff',
  'out-of-sight': 'can no longer see the case',
} as const;

/** The "Assigned to" line: who has the case, and, when they were not told, why and what to do. */
function assignedToText({ assignee, notTold }: NonNullable<DescribeOptions['assignedTo']>): string {
  if (assignee === null) return 'nobody';
  return notTold ? `${assignee} (${NOT_TOLD_TEXT[notTold]}, not told: reassign or acknowledge)` : assignee;
}

/** The reason a change may be given but need not be (a share, a closure): a detail only when given. */
function givenReason(reason: string | undefined): ChangeDescription['details'] {
  return reason ? [{ label: 'Reason', value: reason }] : [];
}

export function describeChange(change: CaseEvent, options: DescribeOptions = {}): ChangeDescription {
  const {
    audience = 'customer',
    timeZone,
    escalationOpen = false,
    autoCloseAt,
    reopenedByIt = false,
    endedEscalationLevel,
    closureReason,
    statusUpdateOwedBy,
    statusUpdateUnvouchedAssignee,
    raisedOverStatusUpdate,
    raisedOverUnvouchedAssignee,
    licenceTermsWithheld = false,
    assignedTo,
  } = options;
  // Every instant in the case's zone, as the rest of the message shows them.
  const when = (iso: string) => formatInstant(iso, timeZone);
  // Worded as the case detail and the console word it.
  const closesAutomatically = (iso: string) =>
    escalationOpen ? `once de-escalated, and not before ${when(iso)}` : when(iso);
  switch (change.type) {
    case 'CaseOpened':
      return {
        headline: 'New case opened',
        details: [
          { label: 'Severity', value: String(change.data.severity) },
          { label: 'Channel', value: change.data.channel },
          // One-line values, shown on one line even when recorded before breaks were refused in them.
          {
            label: 'Product',
            value: onOneLine(
              licenceTermsWithheld ? change.data.product : `${change.data.product} (${change.data.edition})`,
            ),
          },
        ],
        body: change.data.description,
        bodyLabel: 'Description',
      };
    case 'CommentAdded':
      return change.data.internal
        ? {
            headline: 'New internal note (staff only)',
            details: [],
            body: change.data.body,
            bodyLabel: 'Internal note',
          }
        : {
            headline: reopenedByIt ? "Case reopened by the customer's reply" : 'New comment',
            // Staff's public comment on a resolved case restarts its quiet period (the case
            // snapshot holds the closure as the comment's command left it): the customer is told
            // when it now closes by itself, as the resolution's message told them first.
            details: autoCloseAt
              ? [{ label: 'Closes automatically', value: closesAutomatically(autoCloseAt) }]
              : [],
            body: change.data.body,
            bodyLabel: 'Comment',
          };
    case 'SeverityChanged':
      return {
        headline: `Severity changed from ${change.data.from} to ${change.data.to}`,
        details: [{ label: 'Reason', value: change.data.reason }],
      };
    case 'InformationRequested':
      return {
        // Staff (the CSM, the assignee) are not the ones asked.
        headline:
          audience === 'staff'
            ? 'Support asked the customer for more information'
            : 'Support needs more information from you',
        details: givenReason(change.data.reason),
        ...(change.data.body ? { body: change.data.body, bodyLabel: 'Question' } : {}),
      };
    case 'CaseResolved':
      return {
        headline: 'Case resolved',
        details: [{ label: 'Closes automatically', value: closesAutomatically(change.data.autoCloseAt) }],
        body: change.data.summary,
        bodyLabel: 'Resolution',
      };
    case 'CaseReopened':
      return { headline: 'Case reopened', details: [{ label: 'Reason', value: change.data.reason }] };
    case 'CaseShared':
      // The address first: the name is whatever the sharer typed ("Mallory, CEO <ceo@...>"), so
      // it must not read as the address.
      return {
        headline: `Case shared with ${change.data.email} (${onOneLine(change.data.name)})`,
        details: givenReason(change.data.reason),
      };
    case 'CaseUnshared':
      return {
        headline: `Case no longer shared with ${change.data.email}`,
        details: givenReason(change.data.reason),
      };
    case 'CaseClosed':
      return {
        headline: change.data.automatic
          ? 'Case closed automatically after the quiet period'
          : endedEscalationLevel !== undefined
            ? `Case closed; its escalation (level ${endedEscalationLevel}) ended with it`
            : 'Case closed',
        details: [
          ...givenReason(change.data.reason),
          // The customers get no mail of that escalation's end: this one tells them (customer2 F10).
          ...(endedEscalationLevel !== undefined
            ? [{ label: 'Escalation', value: `level ${endedEscalationLevel}, ended by this closure` }]
            : []),
        ],
      };
    case 'CaseRedirected':
      return {
        headline: `Case redirected to ${REDIRECTS[change.data.to]}`,
        details: [],
        body: change.data.referral,
        bodyLabel: 'Referral',
      };
    case 'CaseEscalated':
      return {
        headline: reopenedByIt
          ? `Case reopened and escalated by the customer (level ${change.data.level})`
          : `Case escalated (level ${change.data.level})`,
        details: [
          { label: 'Reason', value: ESCALATION_REASONS[change.data.reason] },
          { label: 'Raised by', value: change.data.raisedBy },
          { label: 'Acknowledgement due', value: when(change.data.acknowledgementDueAt) },
        ],
        body: change.data.details,
        bodyLabel: 'Details',
      };
    case 'EscalationAcknowledged':
      return {
        headline: `Escalation acknowledged (level ${change.data.level})`,
        details: [
          { label: 'Next status update due', value: when(change.data.nextStatusUpdateDueAt) },
          ...givenReason(change.data.reason),
        ],
      };
    case 'EscalationStatusUpdatePosted':
      return {
        headline: `Escalation status update (level ${change.data.level})`,
        details: [{ label: 'Next status update due', value: when(change.data.nextStatusUpdateDueAt) }],
        body: change.data.body,
        bodyLabel: 'Status update',
      };
    case 'CaseDeEscalated':
      return {
        // Ended by the customer's closure (mailed to staff only; the customers hear of the closure).
        headline: change.data.endedByClosure
          ? `Escalation ended (level ${change.data.level}): the customer closed the case`
          : `Case de-escalated (level ${change.data.level})`,
        details: [
          { label: 'Reason', value: change.data.reason },
          ...(change.data.endedByClosure && closureReason
            ? [{ label: "Customer's reason for closing", value: closureReason }]
            : []),
          // The customer's closure follows at once: no quiet period left to announce.
          ...(autoCloseAt && !change.data.endedByClosure
            ? [{ label: 'Closes automatically', value: closesAutomatically(autoCloseAt) }]
            : []),
        ],
      };
    case 'SlaTargetAtRisk':
      return {
        headline: `${TARGET_NAMES[change.data.target]} target at risk`,
        details: [{ label: 'Due', value: when(change.data.dueAt) }],
      };
    case 'SlaTargetBreached':
      return {
        headline: `${TARGET_NAMES[change.data.target]} target breached`,
        details: [{ label: 'Was due', value: when(change.data.dueAt) }],
      };
    case 'EscalationAcknowledgementOverdue': {
      const assignedLine = assignedTo ? [{ label: 'Assigned to', value: assignedToText(assignedTo) }] : [];
      if (raisedOverStatusUpdate && raisedOverStatusUpdate.level < change.data.level) {
        const raisedOver = raisedOverMissedUpdate(
          change.data,
          raisedOverStatusUpdate,
          when,
          raisedOverUnvouchedAssignee,
        );
        return { ...raisedOver, details: [...assignedLine, ...raisedOver.details] };
      }
      return {
        headline: `Escalation ${change.data.reminder ? 'still ' : ''}not acknowledged in time (${overdueCount(change.data)})`,
        details: [...assignedLine, ...overdueDetails(change.data, when)],
      };
    }
    case 'EscalationStatusUpdateOverdue':
      return {
        headline: `Escalation status update ${change.data.reminder ? 'still ' : ''}overdue (${overdueCount(change.data)})`,
        details: [
          ...(statusUpdateOwedBy
            ? [
                {
                  label: 'Owed by',
                  value: owedByText(statusUpdateOwedBy, statusUpdateUnvouchedAssignee),
                },
              ]
            : []),
          ...overdueDetails(change.data, when),
        ],
      };
    case 'EngineerAssigned':
      return {
        // A reassignment says so: its mail reaches the engineer who lost the case too. The headline
        // alone names both engineers (and the facts' `By` who moved it): a `Previously` detail only
        // repeated the headline's first name.
        headline: change.data.previousEngineer
          ? `Case reassigned from ${change.data.previousEngineer} to ${change.data.engineer}`
          : `Case assigned to ${change.data.engineer}`,
        details: givenReason(change.data.reason),
      };
    case 'CaseUnassigned':
      // Worded as a reassignment is: the mail reaches the engineer the case was taken from.
      return {
        headline: `Case unassigned from ${change.data.previousEngineer}: back in the unassigned queue`,
        details: givenReason(change.data.reason),
      };
    // These never become notifications on their own (see notificationKindOf); described for completeness.
    case 'FirstResponseGiven':
      return { headline: 'First response given', details: [] };
    case 'CustomerResponded':
      return { headline: 'Customer responded', details: [] };
    case 'AutoClosePostponed':
      return {
        headline: 'Automatic closure postponed',
        details: [{ label: 'Closes automatically', value: closesAutomatically(change.data.autoCloseAt) }],
      };
    case 'MissionCriticalChanged':
      return {
        headline: change.data.missionCritical
          ? 'The account is now Mission Critical: highest priority'
          : 'The account is no longer Mission Critical',
        details: [],
      };
    default:
      return assertNever(change);
  }
}

type OverdueAlert = { level: number; dueAt: string } & OverdueReminderFacts;
type ChangeDetail = ChangeDescription['details'][number];

/** "level 2", or "level 2, reminder 3": a reminder must not read as the same alert sent twice. */
function overdueCount(alert: OverdueAlert): string {
  return alert.reminder ? `level ${alert.level}, reminder ${alert.reminder}` : `level ${alert.level}`;
}

/**
 * The overdue acknowledgement of a level raised over an earlier level's missed status update (finding
 * U5): it was due when that update was, before the level existed, so "not acknowledged in time, was
 * due" read as the new level left unanswered for minutes before the customer raised it. It says
 * when the level was raised and which update was missed, by whom, when: not an assignee the desk
 * does not vouch for (`unvouchedAssignee`), but whoever owed it in their stead (finding F9).
 */
function raisedOverMissedUpdate(
  alert: OverdueAlert,
  raisedOver: NonNullable<EscalationSnapshot['raisedOverStatusUpdate']>,
  when: (instant: string) => string,
  unvouchedAssignee: string | undefined,
): ChangeDescription {
  const instead = raisedOver.owedBeyondAssignee;
  // Named in the stead of an assignee who could no longer see the case, the line says so (passedOver).
  const owedBy =
    instead && raisedOver.owedAs === 'assignee' && raisedOver.owedBy === unvouchedAssignee
      ? `, owed by ${owedByText({ engineer: instead.by, as: instead.as, ...(instead.passedOver ? { passedOver: instead.passedOver } : {}) }, unvouchedAssignee)}`
      : raisedOver.owedBy && raisedOver.owedAs
        ? `, owed by ${owedByText({ engineer: raisedOver.owedBy, as: raisedOver.owedAs, ...(raisedOver.passedOver ? { passedOver: raisedOver.passedOver } : {}) })}`
        : raisedOver.owedBy
          ? `, owed by ${raisedOver.owedBy}`
          : '';
  return {
    headline:
      `Escalation ${alert.reminder ? 'still ' : ''}not acknowledged (${overdueCount(alert)}): ` +
      `raised over level ${raisedOver.level}'s overdue status update`,
    details: [
      { label: 'Raised', value: when(raisedOver.escalatedAt) },
      {
        label: 'Missed',
        value: `level ${raisedOver.level}'s status update, due ${when(alert.dueAt)}${owedBy}`,
      },
      ...(alert.nextReminderAt ? [{ label: 'Next reminder', value: when(alert.nextReminderAt) }] : []),
    ],
  };
}

/** When it was due, and when the next reminder comes if nothing is done (alerts before reminders have none). */
function overdueDetails(alert: OverdueAlert, when: (instant: string) => string): ChangeDetail[] {
  return [
    { label: 'Was due', value: when(alert.dueAt) },
    ...(alert.nextReminderAt ? [{ label: 'Next reminder', value: when(alert.nextReminderAt) }] : []),
  ];
}
