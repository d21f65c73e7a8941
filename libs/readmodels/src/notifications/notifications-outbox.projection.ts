import {
  CASE_EVENT_TYPES,
  DEFAULT_GROUP_MAILBOX_PATTERNS,
  evolveCase,
  initialCaseState,
  isCaseEvent,
  normalizeEmail,
  openEscalation,
  statusUpdatesOwedBy,
  type CaseEvent,
  type OpenedCase,
  type StatusUpdatesOwer,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { Projection } from '../projections/projection';
import { storedCaseState } from '../projections/stored-case-state';
import { streamDocument } from '../projections/stream-document';
import type { ProjectionTransaction } from '../read-model-store.port';
import { ACCOUNT_FACT_EVENT_TYPES, applyAccountFact, isAccountFactEvent } from './account-facts.apply';
import { caseSnapshot } from './case-snapshot';
import { licenceTermsSeenBy } from './licence-terms-sight';
import { INVITATION_EVENT_TYPES, isInvitationEvent, writeInvitation } from './invitation-notifications';
import { applyLicenceFact, isLicenceFactEvent, LICENCE_FACT_EVENT_TYPES } from './licence-facts.apply';
import { writeLicenceIssued } from './licence-issue-notifications';
import {
  isLicenceChangeEvent,
  LICENCE_LAPSE_EVENT_TYPES,
  writeLicenceChange,
} from './licence-change-notifications';
import type { LicenceCoverReader } from './licence-cover-from-log';
import { droppingRowsNeverSent, type RowsNeverSent } from './rows-never-sent';
import {
  ownerInUnvouchedAssigneesStead,
  replacedLevelHandsAfter,
  replacedLevelOwerWhoCanAct,
  type ReplacedLevelHands,
} from './replaced-level-hands';
import {
  applyLicenceUser,
  isLicenceUserEvent,
  LICENCE_USER_EVENT_TYPES,
  seesCaseThroughSharedTickets,
} from './see-shared-facts';
import { caseThreadId, notificationId, notificationMessageId } from './message-identity';
import {
  NOTIFICATION_ACCOUNT_FACTS,
  NOTIFICATION_CASE_FACTS,
  NOTIFICATION_LICENCE_FACTS,
  type AccountFacts,
  type CaseFacts,
  type CommandMark,
  type LastNotification,
} from './notification-facts';
import { notificationKindOf, reachesStaffOnly, type CaseNotificationKind } from './notification-kinds';
import {
  notificationRecipients,
  staffSeeingTheCase,
  type NotificationRecipient,
  type RecipientFacts,
} from './notification-recipients';
import {
  NOTIFICATION_OUTBOX,
  NOTIFICATION_OUTBOX_COLLECTION,
  type CaseNotification,
  type CaseSnapshot,
  type NotificationActor,
} from './outbox-notification';

export const NOTIFICATIONS_OUTBOX_PROJECTION = 'notifications-outbox';

export interface NotificationsOutboxSettings {
  /** Addresses that stand for "the engineers" on escalations and SLA alerts. */
  supportTeam: readonly string[];
  /**
   * Which rows not to store because they will never be sent (see rows-never-sent.ts); the
   * notification pipeline tells. Without it every row is stored, as a rebuild from the CLI does:
   * the pipeline's pruner deletes those rows later.
   */
  rowsNeverSent?: RowsNeverSent;
  /**
   * The policy's group-mailbox patterns (licensing.groupMailboxPatterns), which decided which
   * addresses the licence commands accepted: a licence-change mail is never for a group address.
   * Absent: the built-in patterns, as a policy that sets none has them.
   */
  groupMailboxPatterns?: readonly string[];
  /**
   * Reads an account's licences' cover from the log (licenceCoverFromLog), for the end of a
   * mission-critical licence of an account whose licences the writer may not all know. Absent: such
   * a mail says the cover conditionally.
   */
  licenceCoverFromLog?: LicenceCoverReader;
}

const STAFF_ROLES = new Set(['engineer', 'csm']);
/** Roles that see every case (DOMAIN.md "Who may see a case"); a CSM sees only their accounts' cases. */
const EVERY_CASE_ROLES = new Set(['engineer', 'auditor', 'admin']);

/**
 * The notification process manager's writing half: turns case events, invitations to licences,
 * licences issued and changed (to their holders) into outbox rows, one per event per recipient, keyed
 * `eventId|recipient`. It is a projection, so it has its own durable checkpoint stored atomically
 * with its rows: an event is turned into notifications exactly once, and a redelivered event adds
 * nothing. Recipients come from this projection's own copies of the facts, which, applied in log
 * order, are the facts as they stood at the event.
 *
 * A rebuild empties and refills these collections with the same rows (same ids, same content);
 * delivery state lives elsewhere (the delivery worker's collections), so a rebuild mails no one.
 *
 * Invitations came later, without raising the projection's version (which would stop all mail
 * until a rebuild): an installation's checkpoint is already past its earlier invitations, so none
 * is written now (and a rebuild would write them below the delivery cursor, which never adopts
 * them); the licences it saw issued before have no facts here, so their invitations name the
 * licence by id (see LicenceSnapshot).
 *
 * Which staff acted on a case as a CSM only, or were assigned it as its account's CSM
 * (CaseFacts.accountBoundStaff, so that a CSM taken off the account stops hearing of its cases)
 * came later too, for the same reason without raising the version: facts stored before lack it and
 * read as "none known", as the earlier rules had it.
 */
export function notificationsOutboxProjection(settings: NotificationsOutboxSettings): Projection {
  const supportTeam = [...new Set(settings.supportTeam.map((email) => email.trim().toLowerCase()))];
  const groupMailboxPatterns = settings.groupMailboxPatterns ?? DEFAULT_GROUP_MAILBOX_PATTERNS;
  return {
    name: NOTIFICATIONS_OUTBOX_PROJECTION,
    // `casetrail rebuild` leaves the outbox as it is: a stream set aside is taken again once restored,
    // and the mails of the events it skipped meanwhile (the restored one's too) are written then, late,
    // at the position of the batch that takes it back (ProjectionWorker.applyTakenBack): rows at their
    // own positions, below the delivery cursor, would never be sent. Their recipients are judged from
    // the case's own facts as they stood at each event, but from the account's and licences' facts as
    // they stand at the take-back.
    setAsideUntil: 'readable',
    collections: [
      NOTIFICATION_OUTBOX_COLLECTION,
      { name: NOTIFICATION_ACCOUNT_FACTS, indexedFields: [] },
      { name: NOTIFICATION_CASE_FACTS, indexedFields: [] },
      { name: NOTIFICATION_LICENCE_FACTS, indexedFields: [] },
    ],
    handles: [
      ...CASE_EVENT_TYPES,
      ...ACCOUNT_FACT_EVENT_TYPES,
      ...LICENCE_FACT_EVENT_TYPES,
      ...INVITATION_EVENT_TYPES,
      ...LICENCE_USER_EVENT_TYPES,
      ...LICENCE_LAPSE_EVENT_TYPES,
    ],
    async apply(recorded: RecordedEvent, given: ProjectionTransaction) {
      const tx = await droppingRowsNeverSent(recorded, given, settings.rowsNeverSent);
      const event = { type: recorded.type, data: recorded.data } as { type: string; data: unknown };
      if (isAccountFactEvent(event)) return applyAccountFact(event, tx);
      if (isLicenceFactEvent(event)) {
        await applyLicenceFact(event, tx);
        if (event.type === 'LicenceIssued') await writeLicenceIssued(recorded, event, tx);
        else if (isLicenceChangeEvent(event))
          await writeLicenceChange(recorded, event, tx, groupMailboxPatterns, settings.licenceCoverFromLog);
        return;
      }
      if (isLicenceUserEvent(event)) await applyLicenceUser(event, tx);
      if (isInvitationEvent(event)) return writeInvitation(recorded, event, tx);
      if (isLicenceChangeEvent(event))
        return writeLicenceChange(recorded, event, tx, groupMailboxPatterns, settings.licenceCoverFromLog);
      if (isCaseEvent(event)) return applyCaseEvent(recorded, event, tx, supportTeam);
    },
  };
}

async function applyCaseEvent(
  recorded: RecordedEvent,
  event: CaseEvent,
  tx: ProjectionTransaction,
  supportTeam: readonly string[],
): Promise<void> {
  const caseId = event.data.caseId;
  const facts = await streamDocument<CaseFacts>(tx, NOTIFICATION_CASE_FACTS, caseId, recorded);
  const state = evolveCase(facts?.state ?? initialCaseState, event);
  if (state.status === 'none') return;
  const actor = actorOf(recorded, event, state);
  const kind = notificationKindOf(event);
  // The account's CSM also tells who can still act on an acknowledged escalation (the "Owed by" line).
  const account =
    kind || openEscalation(state)?.status === 'acknowledged'
      ? await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, state.accountId)
      : undefined;
  const staff = caseStaffAfter(facts?.staff ?? [], event, actor);
  const accountBoundStaff = assignedCsmBoundAfter(
    accountBoundStaffAfter(facts?.accountBoundStaff ?? [], recorded, actor),
    facts?.staff ?? [],
    event,
    account,
  );
  const seesCase = staffSeeingTheCase(accountBoundStaff, account?.csm);
  const outOfReach = (email: string) => !seesCase(email);
  const replacedLevelHands = replacedLevelHandsAfter(facts?.replacedLevelHands, facts?.state, state);
  const snapshot = caseSnapshot(state, outOfReach, replacedLevelHands);
  let lastNotification = facts?.lastNotification;
  // A reopening that notifies no one marks its command; the rest of it is read against the mark.
  const reopenedByCommand: CommandMark | undefined =
    event.type === 'CaseReopened' && !kind
      ? { revision: recorded.revision, at: event.data.at, by: event.data.by }
      : undefined;
  const reopenedByIt = completesCommandOf(facts?.reopenedByCommand, recorded, event);
  // The customers hear of an escalation their closure ended in the closure's mail (reachesStaffOnly).
  const escalationEndedByCommand =
    event.type === 'CaseDeEscalated' && event.data.endedByClosure === true
      ? { revision: recorded.revision, at: event.data.at, by: event.data.by, level: event.data.level }
      : undefined;
  const endedEscalation = facts?.escalationEndedByCommand;
  const endedEscalationLevel =
    event.type === 'CaseClosed' && completesCommandOf(endedEscalation, recorded, event)
      ? endedEscalation.level
      : undefined;

  if (!kind) {
    if (completesCommandOf(lastNotification, recorded, event))
      await refreshSnapshots(lastNotification, snapshot, tx);
  } else {
    // A customer's closure of an escalated case ends the escalation first (a staff-only
    // CaseDeEscalated), then closes it: that mail tells of the customer closing the case, so it
    // shows the case as the closure left it, closed, not still resolved. Those it reached (staff)
    // are not mailed the closure too: one action, one mail each (finding F8); the customers hear of
    // both in the closure's mail.
    const toldOfTheEndedEscalation = new Set<string>();
    if (event.type === 'CaseClosed' && completesCommandOf(lastNotification, recorded, event)) {
      const endsEscalation = endedEscalationLevel !== undefined;
      // Their mail then says the customer's reason for the closure, which only the closure's told.
      const closureReason = endsEscalation && event.data.reason ? { closureReason: event.data.reason } : {};
      await refreshSnapshots(lastNotification, snapshot, tx, closureReason);
      if (endsEscalation)
        for (const email of lastNotification.recipients) toldOfTheEndedEscalation.add(email);
    }
    // Told of their escalation's every turn, its end included, whatever ended it: a staff
    // de-escalation, or the opener's closure (whose mail tells the customers it ended it). And of
    // the updates while it is open that the customer side acts on (updateForTheRequester).
    const requester =
      kind === 'escalation' ||
      endedEscalationLevel !== undefined ||
      updateForTheRequester(event, state, reopenedByIt)
        ? await escalationRequesterWhoSees(state, staff, event.data.at, account, tx)
        : undefined;
    const facts: RecipientFacts = {
      kind,
      actor: event.data.by,
      state,
      account,
      // The actor of this very event counts as involved from now on, but is not told of their own note.
      caseStaff: staff,
      accountBoundStaff,
      supportTeam,
      ...(event.type === 'CaseShared' || event.type === 'CaseUnshared'
        ? { shareSubject: event.data.email }
        : {}),
      ...(requester ? { escalationRequester: requester } : {}),
      ...(isCustomersOwnWord(event, actor) ? { fromCustomer: true } : {}),
      ...((event.type === 'EngineerAssigned' || event.type === 'CaseUnassigned') &&
      event.data.previousEngineer
        ? { previousAssignee: event.data.previousEngineer }
        : {}),
    };
    const everyone = notificationRecipients({
      ...facts,
      ...statusUpdateOwedBy(event, state, outOfReach, replacedLevelHands),
    });
    const staffOnly = reachesStaffOnly(event);
    const recipients = everyone.filter(
      (recipient) =>
        (!staffOnly || recipient.audience === 'staff') && !toldOfTheEndedEscalation.has(recipient.email),
    );
    const ifAssigneeUnvouched = recipientsIfAssigneeUnvouched(
      event,
      state,
      outOfReach,
      facts,
      recipients,
      replacedLevelHands,
    );
    const seesLicenceTerms = (email: string) => licenceTermsSeenBy(email, state, event.data.at, account, tx);
    const content = { event, kind, actor, snapshot, reopenedByIt, endedEscalationLevel, seesLicenceTerms };
    await writeOutboxRows(recorded, content, recipients, tx);
    if (ifAssigneeUnvouched)
      await writeOutboxRows(
        recorded,
        content,
        ifAssigneeUnvouched.recipients,
        tx,
        ifAssigneeUnvouched.assignee,
      );
    const written = [...recipients, ...(ifAssigneeUnvouched?.recipients ?? [])];
    if (written.length > 0) {
      lastNotification = {
        eventId: recorded.id,
        revision: recorded.revision,
        at: event.data.at,
        by: event.data.by,
        recipients: written.map((recipient) => recipient.email),
      };
    }
  }
  tx.put(NOTIFICATION_CASE_FACTS, caseId, {
    id: caseId,
    state: storedCaseState(state),
    staff,
    ...(accountBoundStaff.length > 0 ? { accountBoundStaff } : {}),
    ...(lastNotification ? { lastNotification } : {}),
    ...(reopenedByCommand ? { reopenedByCommand } : {}),
    ...(escalationEndedByCommand ? { escalationEndedByCommand } : {}),
    ...(replacedLevelHands ? { replacedLevelHands } : {}),
  } satisfies CaseFacts);
}

interface NotificationContent {
  event: CaseEvent;
  kind: CaseNotificationKind;
  actor: NotificationActor;
  snapshot: CaseSnapshot;
  reopenedByIt: boolean;
  endedEscalationLevel: number | undefined;
  /** Whether a customer reads the account's licence terms (licence-terms-sight.ts); staff do. */
  seesLicenceTerms: (email: string) => Promise<boolean>;
}

/**
 * `onlyIfAssigneeUnvouched`: rows for those who hear of the event only should the desk not vouch
 * for this assignee at send time (see recipientsIfAssigneeUnvouched); the delivery worker decides.
 */
async function writeOutboxRows(
  recorded: RecordedEvent,
  content: NotificationContent,
  recipients: NotificationRecipient[],
  tx: ProjectionTransaction,
  onlyIfAssigneeUnvouched?: string,
): Promise<void> {
  const { event, kind, actor, snapshot, reopenedByIt, endedEscalationLevel, seesLicenceTerms } = content;
  for (const recipient of recipients) {
    const id = notificationId(recorded.id, recipient.email);
    // Rows are immutable: a row that exists already (an overlapping replay) keeps what it said.
    if (await tx.get(NOTIFICATION_OUTBOX, id)) continue;
    const termsWithheld = recipient.audience === 'customer' && !(await seesLicenceTerms(recipient.email));
    const row: CaseNotification = {
      id,
      eventId: recorded.id,
      position: recorded.position,
      caseId: event.data.caseId,
      kind,
      recipient: recipient.email,
      recipientName: recipient.name ?? null,
      audience: recipient.audience,
      reasons: recipient.reasons,
      change: event,
      actor,
      case: snapshot,
      occurredAt: event.data.at,
      messageId: notificationMessageId(recorded.id, recipient.email),
      threadId: caseThreadId(event.data.caseId),
      ...(reopenedByIt ? { reopenedByIt: true as const } : {}),
      ...(endedEscalationLevel !== undefined ? { endedEscalationLevel } : {}),
      ...(termsWithheld ? { licenceTermsWithheld: true as const } : {}),
      ...(recipient.withheld ? { withheld: recipient.withheld } : {}),
      ...(onlyIfAssigneeUnvouched !== undefined ? { onlyIfAssigneeUnvouched } : {}),
    };
    tx.put(NOTIFICATION_OUTBOX, id, row);
  }
}

/**
 * A comment is recorded before what it causes (the first response that moves a case to
 * in-progress, the customer's answer that resumes the clock), by the same command. Those events
 * notify no one themselves; they complete the comment's notifications' case snapshot, so an
 * engineer's first reply does not arrive saying "Status: New". So does the closure that follows
 * the end of an escalation the customer's closure caused. A customer's reply (or escalation) that
 * reopens a resolved case comes after the `CaseReopened` of its command: it completes that mark,
 * and its message says the case was reopened by it. One command's events are appended together
 * (consecutive revisions) and share the command's instant and actor.
 */
function completesCommandOf<Mark extends CommandMark>(
  last: Mark | undefined,
  recorded: RecordedEvent,
  event: CaseEvent,
): last is Mark {
  return (
    last !== undefined &&
    recorded.revision === last.revision + 1 &&
    event.data.at === last.at &&
    event.data.by === last.by
  );
}

/** `more`: what else the rest of the command tells of (the closure's reason, to an ended escalation's rows). */
async function refreshSnapshots(
  last: LastNotification,
  snapshot: CaseSnapshot,
  tx: ProjectionTransaction,
  more: Pick<CaseNotification, 'closureReason'> = {},
): Promise<void> {
  for (const recipient of last.recipients) {
    const id = notificationId(last.eventId, recipient);
    const row = await tx.get<CaseNotification>(NOTIFICATION_OUTBOX, id);
    if (row) tx.put(NOTIFICATION_OUTBOX, id, { ...row, case: snapshot, ...more });
  }
}

/**
 * The customer who requested the case's escalation (`escalatedBy`; not staff who raised it), when
 * they see the case, at the event, only as a licensed user with see-shared-tickets: the opener,
 * the case team and the shares are recipients already (an opted-out case-team member stays opted
 * out), and one who lost sight of the case (permission withdrawn, removed, licence expired, the
 * opener's share tickets withdrawn) hears nothing more of it.
 */
async function escalationRequesterWhoSees(
  state: OpenedCase,
  staff: readonly string[],
  at: string,
  account: AccountFacts | undefined,
  tx: ProjectionTransaction,
): Promise<string | undefined> {
  const requester = state.escalation?.escalatedBy;
  const key = normalizeEmail(requester ?? '');
  if (!requester || staff.some((email) => normalizeEmail(email) === key)) return undefined;
  return (await seesCaseThroughSharedTickets(requester, state, at, account, tx)) ? requester : undefined;
}

/**
 * An update while the case's escalation is open that its requester, a licensed user who sees the
 * case, must act on or would want to know of, as the opener is told of it: the resolution (their
 * closure is what then ends the escalation, finding F10), a request for information (the customer
 * side must answer before the work goes on) and a reopening, by staff or by a customer's reply
 * (`reopenedByIt`; one that is an escalation is an escalation's mail already). They get it in that
 * event's one mail, whatever else reaches them for it (one mail per person per event).
 */
function updateForTheRequester(event: CaseEvent, state: OpenedCase, reopenedByIt: boolean): boolean {
  if (openEscalation(state) === undefined) return false;
  switch (event.type) {
    case 'CaseResolved':
    case 'InformationRequested':
    case 'CaseReopened':
      return true;
    case 'CommentAdded':
      return reopenedByIt;
    default:
      return false;
  }
}

/**
 * A missed status update's alert (or reminder) is for whoever owes the updates (statusUpdatesOwedBy:
 * the assignee, else the engineer who last posted one or acknowledged it, passing over those who can
 * no longer see the case), and so is the overdue acknowledgement of a level raised over that missed
 * update. An assignee is a recipient anyway, as such; only an engineer who owes them without being
 * assigned is added for it, and the support team, owing them when nobody else can, is on every alert.
 * When the rule passed someone over, the engineer who acknowledged the escalation hears of its
 * missed update too, whoever owes it now: they took it on, and the one it was left with cannot act.
 */
function statusUpdateOwedBy(
  event: CaseEvent,
  state: OpenedCase,
  outOfReach: (email: string) => boolean,
  replacedLevel: ReplacedLevelHands | undefined,
): { statusUpdateOwedBy?: string; escalationAcknowledgedBy?: string } {
  if (event.type === 'EscalationStatusUpdateOverdue') {
    const escalation = openEscalation(state);
    const owes = statusUpdatesOwedBy(state, outOfReach);
    return {
      ...namedOnTheAlert(owes),
      // Only once someone was passed over: a colleague who took the case over owes it alone (U4).
      ...(escalation?.status === 'acknowledged' && owes?.passedOver
        ? { escalationAcknowledgedBy: escalation.acknowledgedBy }
        : {}),
    };
  }
  return event.type === 'EscalationAcknowledgementOverdue'
    ? namedOnTheAlert(updateOwedByReplacedLevel(state, outOfReach, replacedLevel))
    : {};
}

/**
 * A missed status update's alert (or reminder) while the case's assignee owes the updates: should
 * the desk not vouch for that assignee as staff when it goes out, the alert names who owes them in
 * the assignee's stead (the rule with the assignee passed over, as the snapshot keeps it), and that
 * person must get it, as must the acknowledger whom the rule then adds (statusUpdateOwedBy). Only
 * the delivery worker can judge the assignee (it has the directory; this writer sees only events),
 * so those of them not on the alert anyway get rows of their own that it sends only if the assignee
 * is unvouched at send time, and sets aside otherwise. Keyed by event and recipient as every row,
 * so a redelivered event adds nothing, and nobody already on the alert gets a second row.
 *
 * So too the overdue acknowledgement of a level raised over a status update the assignee owed
 * (missedUpdateRecipientsIfAssigneeUnvouched): whoever owed it in that assignee's stead stays on
 * its alerts, as they were on the missed update's own (finding F9).
 */
function recipientsIfAssigneeUnvouched(
  event: CaseEvent,
  state: OpenedCase,
  outOfReach: (email: string) => boolean,
  facts: RecipientFacts,
  recipients: readonly NotificationRecipient[],
  replacedLevel: ReplacedLevelHands | undefined,
): { assignee: string; recipients: NotificationRecipient[] } | undefined {
  if (event.type === 'EscalationAcknowledgementOverdue')
    return missedUpdateRecipientsIfAssigneeUnvouched(state, outOfReach, facts, recipients, replacedLevel);
  const assignee = state.assignee;
  if (event.type !== 'EscalationStatusUpdateOverdue' || !assignee) return undefined;
  if (statusUpdatesOwedBy(state, outOfReach)?.as !== 'assignee') return undefined;
  const passingOverAssignee = (email: string) =>
    normalizeEmail(email) === normalizeEmail(assignee) || outOfReach(email);
  return notOnTheAlertYet(
    assignee,
    notificationRecipients({
      ...facts,
      ...statusUpdateOwedBy(event, state, passingOverAssignee, replacedLevel),
    }),
    recipients,
  );
}

/** Those of `wanted` not on the alert already, for the rows sent only if `assignee` is unvouched. */
function notOnTheAlertYet(
  assignee: string,
  wanted: readonly NotificationRecipient[],
  onTheAlert: readonly NotificationRecipient[],
): { assignee: string; recipients: NotificationRecipient[] } | undefined {
  const already = new Set(onTheAlert.map((recipient) => recipient.email));
  const extra = wanted.filter((recipient) => !already.has(recipient.email));
  return extra.length > 0 ? { assignee, recipients: extra } : undefined;
}

/**
 * The overdue acknowledgement of a level raised over a status update the assignee owed: should the
 * desk not vouch for that assignee when it goes out, its "Missed" line names who owed the update in
 * their stead (the snapshot's raisedOverStatusUpdate.owedBeyondAssignee), and they get it, once, in
 * a row sent only if that assignee is unvouched at send time (see recipientsIfAssigneeUnvouched).
 */
function missedUpdateRecipientsIfAssigneeUnvouched(
  state: OpenedCase,
  outOfReach: (email: string) => boolean,
  facts: RecipientFacts,
  recipients: readonly NotificationRecipient[],
  replacedLevel: ReplacedLevelHands | undefined,
): { assignee: string; recipients: NotificationRecipient[] } | undefined {
  const open = openEscalation(state);
  if (open?.status !== 'awaiting-acknowledgement') return undefined;
  const owed = open.statusUpdateOwed;
  if (owed?.owedBy === undefined || owed.dueAt !== open.acknowledgementDueAt) return undefined;
  // An assignee who can no longer see the case is passed over on the alert itself, whatever the desk says.
  const owedBy = replacedLevelOwerWhoCanAct(owed.owedBy, replacedLevel, owed.level, outOfReach);
  const instead = ownerInUnvouchedAssigneesStead(owedBy, replacedLevel, owed.level, outOfReach);
  if (!owedBy || !instead) return undefined;
  return notOnTheAlertYet(
    owedBy.engineer,
    notificationRecipients({ ...facts, ...namedOnTheAlert(instead) }),
    recipients,
  );
}

/** Who owes the updates, added to the alert unless they are on it anyway (the assignee, the support team). */
function namedOnTheAlert(owes: StatusUpdatesOwer | undefined): { statusUpdateOwedBy?: string } {
  return owes && owes.as !== 'assignee' && owes.as !== 'support-team'
    ? { statusUpdateOwedBy: owes.engineer }
    : {};
}

/**
 * A level raised over an acknowledged one whose status update it goes on owing (its acknowledgement
 * due when the update was): its overdue acknowledgement is that missed update too, so whoever owed
 * it then stays on the alerts until the new level is acknowledged (finding U5: they were dropped
 * the moment the customer escalated again over their missing update); in the stead of an assignee
 * who can no longer see the case, whoever owed it instead, as the alert names them.
 */
function updateOwedByReplacedLevel(
  state: OpenedCase,
  outOfReach: (email: string) => boolean,
  replacedLevel: ReplacedLevelHands | undefined,
) {
  const escalation = openEscalation(state);
  if (escalation?.status !== 'awaiting-acknowledgement') return undefined;
  const owed = escalation.statusUpdateOwed;
  return owed?.dueAt === escalation.acknowledgementDueAt
    ? replacedLevelOwerWhoCanAct(owed.owedBy, replacedLevel, owed.level, outOfReach)
    : undefined;
}

/**
 * A customer's public comment, or an escalation a customer requested: on a case awaiting them,
 * either is their answer (the escalation records CustomerResponded first), and the engineer who
 * asked hears of it alike.
 */
function isCustomersOwnWord(event: CaseEvent, actor: NotificationActor): boolean {
  if (actor.staff) return false;
  if (event.type === 'CommentAdded') return !event.data.internal;
  return event.type === 'CaseEscalated' && event.data.raisedBy === 'customer';
}

/** Who made the change, with a display name when the case's facts know one. */
function actorOf(recorded: RecordedEvent, event: CaseEvent, state: OpenedCase): NotificationActor {
  const email = event.data.by;
  const staff =
    actorRolesOf(recorded).some((role) => STAFF_ROLES.has(role)) ||
    (event.type === 'CommentAdded' && event.data.byStaff);
  const signedInAs = recorded.metadata.actorName;
  const name =
    (event.type === 'CommentAdded' ? event.data.authorName : undefined) ??
    (typeof signedInAs === 'string' && signedInAs ? signedInAs : undefined) ??
    (state.openedBy.email === email ? state.openedBy.name : undefined) ??
    (state.loggedBy?.email === email ? state.loggedBy.name : undefined) ??
    state.shares.find((share) => share.email === email)?.name;
  return { email, ...(name ? { name } : {}), staff };
}

/** The staff roles the actor's token carried (events recorded before roles were kept carry none). */
function actorRolesOf(recorded: RecordedEvent): string[] {
  const roles: unknown = recorded.metadata.actorRoles;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
}

/**
 * Staff who, on their latest act on the case, acted as a CSM only: the staff actor joins them when
 * their token carried the CSM role and none that sees every case, and leaves them when it carried
 * one (an engineer who is also a CSM sees every case). Whoever logged a case by phone is its actor.
 */
function accountBoundStaffAfter(
  previous: string[],
  recorded: RecordedEvent,
  actor: NotificationActor,
): string[] {
  if (!actor.staff || actor.email.startsWith('system:')) return previous;
  const roles = actorRolesOf(recorded);
  const email = actor.email.toLowerCase();
  const bound = new Set(previous);
  if (roles.includes('csm') && !roles.some((role) => EVERY_CASE_ROLES.has(role))) bound.add(email);
  else bound.delete(email);
  return [...bound].sort();
}

/**
 * A case assigned by someone else to the CSM of its account: the assignee hears of everything on
 * it, internal notes included, so is known as one who hears of it only while CSM of the account,
 * as if they had acted on it as a CSM (accountBoundStaffAfter), unless they have acted on this case
 * with a role that sees every case (an engineer who is a CSM too; they are in `staffBefore` and not
 * bound). Nothing else tells the writer the roles of a person who has not acted on the case: an
 * engineer who is also the account's CSM, assigned the case and taken off the account before
 * acting on it, is told of it again from their first act on it as an engineer. Whoever takes a
 * case themselves is judged by their own token, as every actor is.
 */
function assignedCsmBoundAfter(
  bound: string[],
  staffBefore: readonly string[],
  event: CaseEvent,
  account: AccountFacts | undefined,
): string[] {
  if (event.type !== 'EngineerAssigned' || !account?.csm) return bound;
  const assignee = normalizeEmail(event.data.engineer);
  if (assignee === normalizeEmail(event.data.by) || assignee !== normalizeEmail(account.csm)) return bound;
  const known = (emails: readonly string[]) => emails.some((email) => normalizeEmail(email) === assignee);
  if (known(bound) || known(staffBefore)) return bound;
  return [...bound, assignee].sort();
}

/** Engineers and CSMs involved in the case: whoever logged it by phone, and staff who acted on it. */
function caseStaffAfter(previous: string[], event: CaseEvent, actor: NotificationActor): string[] {
  const staff = new Set(previous);
  if (event.type === 'CaseOpened' && event.data.loggedBy) staff.add(event.data.loggedBy.email.toLowerCase());
  if (actor.staff && !actor.email.startsWith('system:')) staff.add(actor.email.toLowerCase());
  return [...staff].sort();
}
