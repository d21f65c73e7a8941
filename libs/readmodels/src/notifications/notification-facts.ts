import { isBeforeExpiry, type LicencePlan, type OpenedCase } from '@casetrail/domain';
import type { NotificationActor } from './outbox-notification';
import type { ReplacedLevelHands } from './replaced-level-hands';

/**
 * The outbox writer's own copies of the facts recipients depend on. It keeps them itself (never
 * reading another projection) so that, applying the log in order, it sees every fact exactly as it
 * stood when the event it is handling happened: the case team of that moment, the shares of that
 * moment. A rebuild replays the log and arrives at the same answers.
 */
export const NOTIFICATION_ACCOUNT_FACTS = 'notification_account_facts';
export const NOTIFICATION_CASE_FACTS = 'notification_case_facts';
export const NOTIFICATION_LICENCE_FACTS = 'notification_licence_facts';

export interface CaseTeamMemberFacts {
  name: string;
  notify: boolean;
}

export interface AccountFacts {
  id: string;
  /**
   * The account's name as last registered or changed, which a licence's mail calls it by. Absent
   * from facts the writer stored before it kept the name: learned again at the account's next
   * rename, and until then such mails name the account by id only (a rebuild of the outbox knows it
   * from the account's registration).
   */
  name?: string;
  /** The designated customer success manager (Mission Critical accounts). */
  csm: string | null;
  /** Case team keyed by lower-cased email. */
  team: Record<string, CaseTeamMemberFacts>;
  /**
   * IANA zone of the account's business time (null: none set, UTC), for the times an invitation to
   * one of its licences shows. Absent from facts the writer stored before it kept the zone: it is
   * learned again from the account's next change of details, and until then such invitations show
   * UTC only (a rebuild of the outbox knows it from the account's registration).
   */
  timeZone?: string | null;
  /**
   * Who holds see-shared-tickets as an active user, keyed by lower-cased email, on which of the
   * account's licences (see see-shared-facts.ts). Absent: nobody known.
   */
  seeSharedLicences?: Record<string, string[]>;
  /**
   * Each of the account's licences' plan and expiry, keyed by licence id, as the log stood at the
   * event (see mission-critical-facts.ts). Absent from facts stored before it was kept, and without
   * the licences issued before then: such licences are learned at their next re-plan.
   */
  licenceCover?: Record<string, LicenceCoverFacts>;
  /**
   * The writer saw the account registered while it kept licences' cover, so `licenceCover` holds
   * every licence of the account (a licence's end can tell its holder whether the account lost its
   * Mission Critical cover). Absent: an account registered before, whose licences may not all be known.
   */
  licenceCoverComplete?: true;
}

export interface LicenceCoverFacts {
  plan: LicencePlan;
  /** The first instant the licence is no longer active. */
  expiresAt: string;
}

export interface CaseFacts {
  id: string;
  state: OpenedCase;
  /** Engineers and CSMs who have acted on the case (they hear its internal notes), lower-cased. */
  staff: string[];
  /**
   * Of `staff`, those whose latest act on the case carried the CSM role and none that sees every
   * case (engineer, auditor, admin), and anyone assigned the case by someone else while CSM of its
   * account before acting on it: they hear of the case only while CSM of its account. Absent from
   * facts the writer stored before it kept it (read as none): a CSM who worked on such a case
   * before is known as one from their next act on it, or their next assignment to it.
   */
  accountBoundStaff?: string[];
  /** The latest event that notified anyone, so the rest of its command can complete its case snapshot. */
  lastNotification?: LastNotification;
  /**
   * A reopening by the customer's reply or escalation, which notifies no one itself: the reply or
   * escalation that follows it in the same command says the case was reopened by it. Kept until
   * the next event of the case.
   */
  reopenedByCommand?: CommandMark;
  /**
   * An escalation the customer's closure ended (a `CaseDeEscalated` with `endedByClosure`, mailed to
   * staff only): the closure that follows it in the same command tells the customers it ended. Kept
   * until the next event of the case.
   */
  escalationEndedByCommand?: CommandMark & { level: number };
  /**
   * Who had taken on the acknowledged level the open one was raised over, while it still owes that
   * level's status update (see replaced-level-hands.ts). Absent otherwise, and from facts stored
   * before it was kept (added without raising the projection's version): the alerts then name who
   * owed the update as the domain does.
   */
  replacedLevelHands?: ReplacedLevelHands;
}

/** Where one command stood in a case's stream: its next event is `revision + 1`, same instant and actor. */
export interface CommandMark {
  revision: number;
  at: string;
  by: string;
}

export interface LastNotification extends CommandMark {
  eventId: string;
  recipients: string[];
}

/** What an invitation names of its licence, and who may see its shared tickets. */
export interface LicenceFacts {
  id: string;
  accountId: string;
  product: string;
  edition: string;
  /**
   * The first instant the licence is no longer active, and its users by lower-cased email with the
   * permissions visibility depends on. Absent from facts stored before they were kept: nobody is
   * known on such a licence (see see-shared-facts.ts).
   */
  expiresAt?: string;
  users?: Record<string, LicenceUserFacts>;
  /** Lower-cased. Absent from facts stored before it was kept: the holder is not known. */
  holderEmail?: string;
  /** Users removed while holding share tickets: their cases stay shared (openerSharesTickets). */
  removedWithShareTickets?: string[];
  /**
   * Its users and pending invitees were mailed that it ends or has ended (a lapse, or an end moved
   * earlier) and not yet that its end moved later: a renewal after that end tells them it is in force
   * again. Absent: not told (a lapse mailed to nobody, users not kept), told of a later end since, or
   * facts stored before it was kept.
   */
  usersToldOfEnd?: true;
}

/**
 * Whether the licence is still in force at `at`, the moment of the event being handled. Facts
 * stored before the expiry was kept answer no: what such a licence allowed is not known (the safe
 * side, for shared tickets and for the terms a mail shows alike).
 */
export function licenceInForceAt(licence: LicenceFacts, at: string): boolean {
  return licence.expiresAt !== undefined && isBeforeExpiry(licence.expiresAt, at);
}

export interface LicenceUserFacts {
  /** Registration completed (an invitee is pending until then). */
  active: boolean;
  shareTickets: boolean;
  seeSharedTickets: boolean;
  /**
   * Holds manage-users (a previous holder who does keeps administering the licence's users).
   * Absent from facts stored before it was kept: not known.
   */
  manageUsers?: boolean;
  /**
   * Who invited them (the invitation's actor), whom a resend's reminder still names as the inviter
   * (invitation-notifications.ts). Absent from facts stored before it was kept.
   */
  invitedBy?: NotificationActor;
}

export function emptyAccountFacts(accountId: string): AccountFacts {
  return { id: accountId, csm: null, team: {} };
}
