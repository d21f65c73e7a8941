import { ActorIdentity } from './actor-identity';

/** Every account command names who asks and when (`at`, ISO-8601): the decider reads no clock. */
interface AccountCommandOf<Type extends string, Data> {
  type: Type;
  data: Data;
  actor: ActorIdentity;
  at: string;
}

/**
 * The why of a change that needs none but may be given one (DOMAIN.md: every change records who,
 * when and why); see `optionalReason`.
 */
interface OptionalReason {
  reason?: string;
}

export type RegisterAccount = AccountCommandOf<
  'RegisterAccount',
  {
    accountId: string;
    name: string;
    /** IANA zone for the account's business calendar; absent means UTC. */
    timeZone?: string;
    /** One of the support policy's named calendars; absent or null means the policy's default. */
    calendar?: string | null;
  }
>;

export type ChangeAccountDetails = AccountCommandOf<
  'ChangeAccountDetails',
  {
    name?: string;
    /** IANA zone; null goes back to the default, UTC. */
    timeZone?: string | null;
    /** One of the support policy's named calendars; null goes back to the policy's default. */
    calendar?: string | null;
  } & OptionalReason
>;

export type AssignCustomerSuccessManager = AccountCommandOf<
  'AssignCustomerSuccessManager',
  { email: string } & OptionalReason
>;

export type UnassignCustomerSuccessManager = AccountCommandOf<
  'UnassignCustomerSuccessManager',
  OptionalReason
>;

export type AddCaseTeamMember = AccountCommandOf<
  'AddCaseTeamMember',
  { email: string; name: string; notify: boolean } & OptionalReason
>;

export type ChangeNotificationPreference = AccountCommandOf<
  'ChangeNotificationPreference',
  { email: string; notify: boolean } & OptionalReason
>;

export type RemoveCaseTeamMember = AccountCommandOf<
  'RemoveCaseTeamMember',
  { email: string } & OptionalReason
>;

export type AccountCommand =
  | RegisterAccount
  | ChangeAccountDetails
  | AssignCustomerSuccessManager
  | UnassignCustomerSuccessManager
  | AddCaseTeamMember
  | ChangeNotificationPreference
  | RemoveCaseTeamMember;
