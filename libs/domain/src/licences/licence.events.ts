import { DomainEvent } from '../shared/decider';
import { ChangeableLicenceTerms, LicencePlan, LicenceSeats } from './licence-terms';
import { LicensedUserPermissions } from './licensed-user-permissions';

/**
 * Facts of one licence stream. Every event names its licence and account (projections of licensed
 * users by account read the global log) and carries `at`, the instant the command was decided.
 */
interface LicenceEventData {
  licenceId: string;
  accountId: string;
  at: string;
}

/**
 * The why the person gave with a change of the licence's users: present only when given, so events
 * recorded before reasons were taken read the same.
 */
interface GivenReason {
  reason?: string;
}

export type LicenceIssued = DomainEvent<
  'LicenceIssued',
  LicenceEventData & {
    product: string;
    edition: string;
    plan: LicencePlan;
    /** As given at issuance. */
    activeUntil: string;
    /** The first instant the licence is no longer active (UTC ISO-8601), derived from `activeUntil`. */
    expiresAt: string;
    seats: LicenceSeats;
    holderEmail: string;
  }
>;

/** The invited person as the invitation names them (assigned, and the same when it is sent again). */
export interface InvitedUserDetails {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  country: string;
  permissions: LicensedUserPermissions;
}

export type LicensedUserAssigned = DomainEvent<
  'LicensedUserAssigned',
  LicenceEventData &
    InvitedUserDetails & {
      /**
       * The hours of access the invitation promises, as the policy set them (its mail says so). Absent
       * from invitations recorded before it was kept: those promised the 48 hours of DOMAIN.md.
       */
      accessPromisedWithinHours?: number;
    } & GivenReason
>;

/**
 * A pending invitation sent again: the invitation's details as they stand (the mail names them),
 * its original `invitedAt` (unchanged: the follow-up list shows how long the person has waited), and
 * the hours of access the policy promises now.
 */
export type LicensedUserInvitationResent = DomainEvent<
  'LicensedUserInvitationResent',
  LicenceEventData &
    InvitedUserDetails & {
      invitedAt: string;
      accessPromisedWithinHours: number;
    } & GivenReason
>;

export type LicensedUserRegistrationCompleted = DomainEvent<
  'LicensedUserRegistrationCompleted',
  LicenceEventData & { email: string }
>;

export type LicensedUserPermissionsChanged = DomainEvent<
  'LicensedUserPermissionsChanged',
  LicenceEventData & {
    email: string;
    permissions: LicensedUserPermissions;
    previousPermissions: LicensedUserPermissions;
  } & GivenReason
>;

/** `invitationWithdrawn`: the user had not completed registration (a pending invitation withdrawn). */
export type LicensedUserRemoved = DomainEvent<
  'LicensedUserRemoved',
  LicenceEventData & { email: string; invitationWithdrawn?: true } & GivenReason
>;

/**
 * An admin changed the licence's terms after issuance: a renewal (`activeUntil`, with the
 * `expiresAt` it gives), more or fewer seats, another plan or edition. Only the terms that changed
 * are recorded, each in `terms` at its new value and in `previousTerms` at its old one.
 */
export type LicenceTermsChanged = DomainEvent<
  'LicenceTermsChanged',
  LicenceEventData & {
    terms: Partial<ChangeableLicenceTerms>;
    previousTerms: Partial<ChangeableLicenceTerms>;
    /** Present when the admin gave one. */
    reason?: string;
  }
>;

/**
 * The licence passed to another holder: `holderEmail` manages its users from now on, and
 * `previousHolderEmail` no longer does (their own user entry, if any, stays as it was).
 */
export type LicenceHolderChanged = DomainEvent<
  'LicenceHolderChanged',
  LicenceEventData & { holderEmail: string; previousHolderEmail: string } & GivenReason
>;

/**
 * The licence reached the end of its term (`expiresAt`, the instant its `activeUntil` gives, the one
 * `isLicenceActive` turns false at) with nobody ending it: recorded by the licence-lapse process
 * once that instant has passed, at `at` (a little after it, or later after downtime). An admin's end
 * to a date already past is recorded as that change (LicenceTermsChanged) and gets no LicenceExpired;
 * an end the admin moved earlier but still ahead does, when it comes. A renewal after it
 * (LicenceTermsChanged to a later end) puts the licence in force again, and its next end is recorded
 * again.
 */
export type LicenceExpired = DomainEvent<
  'LicenceExpired',
  LicenceEventData & { activeUntil: string; expiresAt: string }
>;

export type LicenceEvent =
  | LicenceIssued
  | LicenceExpired
  | LicenceHolderChanged
  | LicensedUserInvitationResent
  | LicensedUserAssigned
  | LicensedUserRegistrationCompleted
  | LicensedUserPermissionsChanged
  | LicensedUserRemoved
  | LicenceTermsChanged;
