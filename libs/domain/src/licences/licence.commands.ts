import { ActorIdentity } from '../accounts/actor-identity';
import { LicencePlan, LicenceSeats } from './licence-terms';
import { LicensedUserPermissions } from './licensed-user-permissions';
import type { EmailDomainRules } from './email-domain-rules';
import type { InvitedUserDetails } from './licence.events';

/** Every licence command names who asks and when (`at`, ISO-8601): the decider reads no clock. */
interface LicenceCommandOf<Type extends string, Data> {
  type: Type;
  data: Data;
  actor: ActorIdentity;
  at: string;
}

/**
 * The why of a change to the licence's users, which needs none but may be given one (DOMAIN.md:
 * every change records who, when and why); see `optionalReason`.
 */
interface OptionalReason {
  reason?: string;
}

export type IssueLicence = LicenceCommandOf<
  'IssueLicence',
  {
    licenceId: string;
    accountId: string;
    product: string;
    /** e.g. "Online Marketing License". */
    edition: string;
    plan: LicencePlan;
    /** `YYYY-MM-DD` (through the end of that day anywhere on Earth) or an ISO-8601 instant with offset. */
    activeUntil: string;
    /** Absent means unlimited. */
    seats?: LicenceSeats;
    holderEmail: string;
  }
>;

export type AssignLicensedUser = LicenceCommandOf<'AssignLicensedUser', InvitedUserDetails & OptionalReason>;

export type CompleteRegistration = LicenceCommandOf<'CompleteRegistration', { email: string }>;

/** PATCH semantics: permissions left out keep their current value. */
export type ChangeUserPermissions = LicenceCommandOf<
  'ChangeUserPermissions',
  { email: string; permissions: Partial<LicensedUserPermissions> } & OptionalReason
>;

export type RemoveLicensedUser = LicenceCommandOf<'RemoveLicensedUser', { email: string } & OptionalReason>;

/**
 * An admin renews, resizes, re-plans or re-names the edition of an issued licence. PATCH semantics:
 * a term left out (undefined) keeps its value; at least one must be named. Each term is checked
 * as at issuance, except that `activeUntil` may lie in the past: that ends the licence.
 */
export type ChangeLicenceTerms = LicenceCommandOf<
  'ChangeLicenceTerms',
  {
    /** `YYYY-MM-DD` or an ISO-8601 instant with offset, as at issuance. */
    activeUntil?: string;
    /** A number of seats or `"unlimited"`; never below the users holding seats. */
    seats?: LicenceSeats;
    plan?: LicencePlan;
    edition?: string;
    /** Why (a renewal order, a contract change): kept with the change for whoever reads it later. */
    reason?: string;
  }
>;

/**
 * The licence passes to another holder (the customer's licence owner left): the new holder's email
 * and, optionally, why. See changeLicenceHolder for who may, and to whom.
 */
export type ChangeLicenceHolder = LicenceCommandOf<'ChangeLicenceHolder', { email: string } & OptionalReason>;

/** A pending invitation sent again (the invitee lost or never got the mail); see resendInvitation. */
export type ResendInvitation = LicenceCommandOf<'ResendInvitation', { email: string } & OptionalReason>;

export type LicenceCommand =
  | IssueLicence
  | AssignLicensedUser
  | CompleteRegistration
  | ChangeUserPermissions
  | RemoveLicensedUser
  | ChangeLicenceTerms
  | ChangeLicenceHolder
  | ResendInvitation;

/** What a licence decision needs besides the command and the stream: policy, and for an issue the products. */
export interface LicenceDecisionContext {
  /**
   * `policy.licensing.groupMailboxPatterns`: case-insensitive regular-expression sources tested
   * against an address's local part (see `isGroupMailbox`).
   */
  groupMailboxPatterns: readonly string[];
  /**
   * `policy.licensing.pendingInvitationFollowUpHours`: the access an invitation promises, recorded
   * with it (and its resends) so its mail states the policy's time. Absent: the 48 hours of DOMAIN.md.
   */
  pendingInvitationFollowUpHours?: number;
  /**
   * `policy.licensing`'s domains refused for a licensed user (AssignLicensedUser) and a holder
   * (IssueLicence, ChangeLicenceHolder): disposable mail by default, free mail when the policy says
   * so. Absent: no domain is refused.
   */
  emailDomainRules?: EmailDomainRules;
  /**
   * For IssueLicence and ChangeLicenceHolder: the records know the holder's email as vendor staff
   * and as no customer's (CustomerDirectory.isKnownStaff); such an address is refused as a holder
   * (requireCustomerHolder).
   */
  holderKnownStaff?: boolean;
  /**
   * For AssignLicensedUser: the same judgement of the user's email (refuseKnownStaff). Registered,
   * the person would be a customer, and a customer's record outweighs what vouches for staff.
   */
  userKnownStaff?: boolean;
  /**
   * For IssueLicence: the products licences were ever issued for, as recorded (see
   * requireKnownSpelling); absent where none are known, and for the other commands.
   */
  knownProducts?: readonly string[];
  /**
   * For a customer who is no party to the licence (neither its holder nor on its roster): whether
   * they are shown the account's licences in its account view (seesLicencesOfAccount). They are then
   * refused 403 saying why, instead of the 404 of an unknown id (see nonPartyRefusal). Absent: no.
   */
  actorSeesAccountLicences?: boolean;
}
