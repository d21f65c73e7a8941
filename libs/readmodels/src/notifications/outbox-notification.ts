import type { MissionCriticalCoverChange } from './mission-critical-cover-change';
import type {
  CaseEvent,
  LicenceExpired,
  LicenceHolderChanged,
  LicenceIssued,
  LicenceTermsChanged,
  LicensedUserAssigned,
  LicensedUserInvitationResent,
  LicensedUserPermissionsChanged,
  LicensedUserRegistrationCompleted,
  LicensedUserRemoved,
  OpenedCase,
  SlaTarget,
  StatusUpdatesOwedAs,
} from '@casetrail/domain';
import type { GlobalPosition } from '@casetrail/eventstore';
import type { CollectionDefinition } from '../read-model-store.port';
import type { CaseNotificationKind } from './notification-kinds';
import type { NotificationRecipient } from './notification-recipients';

export const NOTIFICATION_OUTBOX = 'notification_outbox';

export const NOTIFICATION_OUTBOX_COLLECTION: CollectionDefinition = {
  name: NOTIFICATION_OUTBOX,
  indexedFields: ['position', 'eventId', 'caseId', 'recipient', 'kind'],
};

/** One SLA target as a notification shows it: state and due time at the event. */
export interface SlaTargetSnapshot {
  state: SlaTarget['state'];
  dueAt: string;
  atRiskAt: string;
  metAt?: string;
  breachedAt?: string;
}

/** The case as it stood right after the event, as much of it as a message shows. */
export interface CaseSnapshot {
  caseId: string;
  accountId: string;
  title: string;
  status: OpenedCase['status'];
  severity: number;
  product: string;
  missionCritical: boolean;
  assignee: string | null;
  escalationLevel: number | null;
  /**
   * The open escalation's standing right after the event: what is owed next and by when, so the
   * engineer handed the case (or anyone reading the mail) learns the obligation, not just a level.
   * Absent when none is open, and from rows written before it was recorded (added without raising
   * the projection's version, as `timeZone` was): those show the level alone.
   */
  escalation?: EscalationSnapshot;
  sla: { firstResponse: SlaTargetSnapshot; resolution: SlaTargetSnapshot };
  /**
   * IANA zone of the case's business calendar (e.g. "America/Los_Angeles"): the zone its customer
   * and engineers read times in. Absent from rows written before it was recorded, which render
   * their times in UTC only. Added without raising the projection's version: both kinds of row
   * render, and a new version would stop the outbox writer (so all mail) until a rebuild.
   */
  timeZone?: string;
  /**
   * A resolved case's automatic closure, as it stands after the command: a change that restarts
   * the quiet period (a de-escalation) records it in an `AutoClosePostponed` just after, which
   * refreshes the snapshot (see completesCommandOf), so its message can say the new closing time.
   * Absent for other statuses, and from rows written before it was recorded (added without raising
   * the projection's version, as `timeZone` was).
   */
  autoCloseAt?: string;
}

/** An open escalation as a notification shows it (as the escalations board's `nextDue`/`nextDueAt` do). */
export interface EscalationSnapshot {
  level: number;
  status: 'awaiting-acknowledgement' | 'acknowledged';
  /** What is owed next: the acknowledgement, then each status update. */
  nextDue: 'acknowledgement' | 'status-update';
  nextDueAt: string;
  /** Past due at the event: its overdue recorded, or the due time passed. */
  overdue: boolean;
  /**
   * Who acknowledged it, and so owes its status updates (DOMAIN.md "Escalation"): the mail names
   * them, so the list knows whose update is missing. Absent before the acknowledgement, and from
   * rows written before it was recorded (added without raising the projection's version).
   */
  acknowledgedBy?: string;
  /**
   * Who owes its status updates now, and why (statusUpdatesOwedBy in the domain): the case's
   * assignee, else the engineer who last acknowledged it or posted one; the mail's "Owed by" line.
   * Absent from rows written before it was recorded (added without raising the projection's
   * version): those name the acknowledger, as they did.
   */
  statusUpdatesOwedBy?: string;
  statusUpdatesOwedAs?: StatusUpdatesOwedAs;
  /** Who the rule passed over for them, as no longer able to see the case (an ex-CSM); absent: nobody. */
  statusUpdatesPassedOver?: string[];
  /**
   * When the assignee owes them: who would if the desk does not vouch for the assignee as staff (the
   * same rule with the assignee passed over, as the board and the case detail pass them over). The
   * writer has no directory to judge the assignee; the delivery worker does, at send time, and the
   * "Owed by" line then names this one (see UnvouchedAssigneeCheck.unvouchedOwer). Absent
   * otherwise, and from rows written before it was recorded (added without raising the projection's
   * version): those name the support team in an unvouched assignee's stead.
   */
  statusUpdatesOwedBeyondAssignee?: { by: string; as: StatusUpdatesOwedAs; passedOver?: string[] };
  /**
   * Awaiting acknowledgement, on a case whose assignee could no longer see it at the event (a CSM
   * taken off its account, assigned it as its CSM): their copy of the alerts is withheld, so the
   * overdue acknowledgement's "Assigned to" line says they were not told. Absent otherwise, and from
   * rows written before it was recorded (added without raising the projection's version).
   */
  assigneeOutOfSight?: true;
  /**
   * Awaiting acknowledgement, raised over an acknowledged level whose status update it goes on
   * owing (its acknowledgement due when that update was): which level owed the update, who owed it
   * then and when this level was raised, so its alerts say what was missed rather than reading as
   * this level left unacknowledged since before it existed. Absent otherwise, and from rows written
   * before it was recorded (added without raising the projection's version, as `timeZone` was).
   */
  raisedOverStatusUpdate?: {
    level: number;
    escalatedAt: string;
    owedBy?: string;
    owedAs?: StatusUpdatesOwedAs;
    /**
     * Whom `owedBy` was named in the stead of, as no longer able to see the case at the event: the
     * assignee who owed it (a CSM taken off the account), and any other of that level's hands the
     * rule passed over for it. Absent: nobody, and on rows written before it was recorded (added
     * without raising the projection's version): those name the ex-CSM, as they did.
     */
    passedOver?: string[];
    /**
     * When the assignee owed it: who owed it in their stead should the desk not vouch for them (the
     * rule run over the replaced level's hands with that assignee passed over), named and mailed
     * when the delivery worker finds them unvouched at send time, as statusUpdatesOwedBeyondAssignee
     * is. Absent otherwise, and from rows written before it was recorded (added without raising the
     * projection's version): those name the assignee, as they did.
     */
    owedBeyondAssignee?: { by: string; as: StatusUpdatesOwedAs; passedOver?: string[] };
  };
}

/** Who made the change, as far as the events tell. */
export interface NotificationActor {
  /** An email, or `system:<process>` for timers. */
  email: string;
  name?: string;
  staff: boolean;
}

/**
 * A notification to write: one per event per recipient (`id` = `eventId|recipient`). It holds the
 * facts of the moment, never the rendered message: rendering happens at delivery, from these
 * facts alone, so every send of a notification renders the same message. A case notification, a
 * licence invitation, or a licence's issue to its holder (`kind` tells them apart).
 *
 * Delivery state (attempts, sent, dead) is not here: this collection is the projection's and a
 * rebuild empties and refills it, while delivery state must survive rebuilds.
 */
export type OutboxNotification =
  CaseNotification | InvitationNotification | LicenceIssuedNotification | LicenceChangeNotification;

/** What every outbox row holds, whatever it is about. */
interface OutboxRow extends Record<string, unknown> {
  id: string;
  eventId: string;
  /** The event's global position: the delivery worker adopts new rows in position order. */
  position: GlobalPosition;
  recipient: string;
  recipientName: string | null;
  audience: NotificationRecipient['audience'];
  reasons: NotificationRecipient['reasons'];
  actor: NotificationActor;
  /** When the change happened (the event's `at`); also the message's Date header. */
  occurredAt: string;
  messageId: string;
  threadId: string;
}

export interface CaseNotification extends OutboxRow {
  kind: CaseNotificationKind;
  caseId: string;
  /** The event itself: what changed. */
  change: CaseEvent;
  case: CaseSnapshot;
  /**
   * The same command reopened the resolved or closed case just before this change (a customer's
   * reply or escalation, whose `CaseReopened` notifies no one itself), so the message says so.
   * Absent otherwise, and from rows written before it was recorded.
   */
  reopenedByIt?: true;
  /**
   * A closure whose command ended the case's open escalation of this level first (the customer
   * confirmed the resolution): the message says the escalation ended with it, since the customers
   * get no mail of the escalation's end itself. Absent otherwise, and from rows written before.
   */
  endedEscalationLevel?: number;
  /**
   * On the staff's mail of an escalation the customer's closure ended (`CaseDeEscalated` with
   * `endedByClosure`): the reason the customer gave for the closure. Those staff get no mail of the
   * closure itself (one action, one mail), which is what said it. Set when the closure follows (it
   * refreshes the row, as it does the case snapshot); absent when none was given, and from rows
   * written before it was recorded (added without raising the projection's version).
   */
  closureReason?: string;
  /**
   * The recipient is a customer from outside the case's account (a sharee, a case-team member of
   * another company): the message withholds the account's licence terms (the edition), as the API
   * withholds them from them in the case (licence-terms-sight.ts). Absent for staff, the opener and
   * the account's own people, and from rows written before it was recorded.
   */
  licenceTermsWithheld?: true;
  /**
   * Not to be sent, and why (NotificationRecipient.withheld): the delivery worker records it
   * withheld. Absent from rows written before it was recorded (such an assignee got no row at all).
   */
  withheld?: string;
  /**
   * Written for someone who must hear of a missed status update only if the desk does not vouch for
   * the case's assignee (this address) as staff when it goes out: the alert then names them as owing
   * the updates in the assignee's stead (the outbox writer's recipientsIfAssigneeUnvouched). The
   * writer cannot judge that (it has no directory): the delivery worker sends the row only when the
   * assignee is unvouched at send time, and sets it aside as `unneeded` otherwise. Absent from every
   * other row; added without raising the projection's version, so alerts written before it have no
   * such rows (their Owed by line names whom the row kept, who was not mailed for it).
   */
  onlyIfAssigneeUnvouched?: string;
}

/** The licence an invitation is to, as the outbox writer knew it at the invitation. */
export interface LicenceSnapshot {
  licenceId: string;
  accountId: string;
  /**
   * The account's name when the row was written (a licence's issue names it). Absent from rows
   * written before it was recorded, from invitations, and when the writer knew no name of the
   * account: the message then names the account by id alone.
   */
  accountName?: string;
  /**
   * Null when the outbox writer never saw the licence issued: licences issued before it followed
   * licence events (it skipped them then, and its checkpoint is past them). The message then names
   * the licence by id.
   */
  product: string | null;
  edition: string | null;
  /**
   * IANA zone of the account's business time at the invitation, which its times are shown in
   * beside UTC (as a case's are in the case's zone). Absent when the account sets none (UTC), and
   * from rows written before it was recorded or whose account the writer knew no zone of: those
   * show UTC only. Added without raising the projection's version, as the case's zone was.
   */
  timeZone?: string;
}

/** A person was invited to a licence: tells them how to complete their registration. */
export interface InvitationNotification extends OutboxRow {
  kind: 'invitation';
  licenceId: string;
  /**
   * The invitation itself (the invitee's name, company and permissions), or its resend, which
   * repeats them with the original `invitedAt`.
   */
  change: LicensedUserAssigned | LicensedUserInvitationResent;
  licence: LicenceSnapshot;
  /**
   * A resend's: who made the invitation (`actor` is who sent it again), as the reminder names them.
   * Absent from rows written before it was kept, and where the writer never saw the invitation.
   */
  invitedBy?: NotificationActor;
  /**
   * The instant the licence ends, as the writer knew it at the (re)sending: a licence ending before
   * the promised access time is said to end then instead. Absent from rows written before it was
   * kept, and where the writer does not know the licence's end (facts stored before it kept them).
   */
  licenceExpiresAt?: string;
}

export function isInvitation(row: OutboxNotification): row is InvitationNotification {
  return row.kind === 'invitation';
}

/**
 * A licence was issued: tells its holder the licence id, its terms, how to invite users and how
 * they open cases (nobody told the holder before, and the id is what everything else asks for).
 */
export interface LicenceIssuedNotification extends OutboxRow {
  kind: 'licence-issued';
  licenceId: string;
  /** The issue itself: the terms as issued. */
  change: LicenceIssued;
  licence: LicenceSnapshot;
}

export function isLicenceIssued(row: OutboxNotification): row is LicenceIssuedNotification {
  return row.kind === 'licence-issued';
}

/**
 * A change of a licence after its issue that its holder (and the user it is about) hears of; a
 * hand-over to another holder, which the new holder and the previous one hear of.
 */
export type LicenceChange =
  | LicenceExpired
  | LicenceHolderChanged
  | LicensedUserRegistrationCompleted
  | LicensedUserPermissionsChanged
  | LicensedUserRemoved
  | LicenceTermsChanged;

/**
 * A licence's administration: a user completed their registration, had their permissions changed
 * or was removed, or the licence's terms changed (an early end among them). Told to its holder and,
 * for a change to a user, that user (licence-change-notifications.ts).
 */
export interface LicenceChangeNotification extends OutboxRow {
  kind: 'licence-change';
  licenceId: string;
  change: LicenceChange;
  licence: LicenceSnapshot;
  /**
   * On a hand-over, in the previous holder's row only: their own user entry on the licence, which
   * stays as it was (an active user still opens cases; with none, the licence is no longer theirs).
   */
  previousHolderEntry?: 'active-user' | 'pending-invitation' | 'none';
  /**
   * On a hand-over, in the previous holder's row only: whether their active user entry holds
   * manage-users (they keep administering its users). Absent: no active entry, or facts stored
   * before the writer kept the permission (not known).
   */
  previousHolderManagesUsers?: boolean;
  /**
   * On a hand-over (and in the changed user's row of a change of permissions): the licence was past its end at the change, so the entry the previous holder
   * keeps opens no cases, and the new holder invites nobody, until it is renewed. Absent: in force,
   * or not known (and in new holders' rows written before it was set for them).
   */
  licenceEnded?: true;
  /**
   * On a change of permissions, in the changed user's row only: they have not completed their
   * registration (the permissions apply once they do). Absent: registered, or not known.
   */
  recipientPending?: true;
  /**
   * On a removal, in the removed user's row only: the licence's holder, whom to ask to be added again.
   * On its end (a lapse, an end moved earlier), in each user's and invitee's row: whom to ask for
   * its renewal; on a permissions change of a licence past its end, in the user's row: the same.
   * Absent: not known (or a row written before ends carried it).
   */
  licenceHolder?: string;
  /**
   * On its end, in the row of a user who manages its users: that permission waits for the renewal
   * too. Absent: they do not, not known, or a row written before this was recorded.
   */
  recipientManagesUsers?: true;
  /**
   * On a renewal after an end its users and pending invitees were mailed (a lapse or an early end),
   * or an end moved later before that end came, in the holder's row: they are told of it too. Absent: they are not (nobody was told of
   * that end), or a row written before renewals were mailed to them.
   */
  usersToldOfRenewal?: true;
  /**
   * On its end (a lapse, an end moved earlier), in the holder's row: the writer does not know the
   * licence's users (issued before it kept them), so none of them is mailed, and the holder's mail
   * says so. Absent: they are mailed, or a row written before this was recorded.
   */
  usersNotMailed?: true;
  /**
   * On the end (past at the event) or the renewal of a mission-critical licence, in the holder's
   * row: what it does to the account's Mission Critical cover (MissionCriticalCoverChange). Absent:
   * not a mission-critical licence, or a row written before this was recorded.
   */
  missionCriticalCover?: MissionCriticalCoverChange;
}

export function isLicenceChange(row: OutboxNotification): row is LicenceChangeNotification {
  return row.kind === 'licence-change';
}

/** A notification about a licence rather than a case (its delivery record names the licence). */
export function isLicenceNotification(
  row: OutboxNotification,
): row is InvitationNotification | LicenceIssuedNotification | LicenceChangeNotification {
  return isInvitation(row) || isLicenceIssued(row) || isLicenceChange(row);
}
