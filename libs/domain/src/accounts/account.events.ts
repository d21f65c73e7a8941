import { DomainEvent } from '../shared/decider';

/**
 * Facts of one account stream. Every event names its account (projections read the global log)
 * and carries `at`, the instant the command was decided.
 */
/** `calendar` is present only when the account names one of the policy's calendars (since 2026-11). */
export type AccountRegistered = DomainEvent<
  'AccountRegistered',
  { accountId: string; name: string; timeZone: string | null; calendar?: string; at: string }
>;

/**
 * The why the person gave with a change (see the commands' `reason`): present only when given, so
 * events recorded before reasons were taken read the same.
 */
interface GivenReason {
  reason?: string;
}

/** The details an admin changes (ChangeAccountDetails), each at its value in the account. */
export interface AccountDetails {
  name: string;
  /** null: the default, UTC. */
  timeZone: string | null;
  /** null: the policy's default calendar. */
  calendar: string | null;
}

/**
 * The account's name, business-calendar time zone or named calendar changed (only the fields
 * given; `calendar: null` is back to the policy's default). Cases opened from then on follow the
 * new zone and calendar; an open case keeps those it was opened under, recorded in its own events,
 * so its due times never move after the fact. `previous` holds the value each changed field had,
 * so the event alone says what it was before (absent on events recorded before it was kept).
 */
export type AccountDetailsChanged = DomainEvent<
  'AccountDetailsChanged',
  {
    accountId: string;
    name?: string;
    timeZone?: string | null;
    calendar?: string | null;
    previous?: Partial<AccountDetails>;
    at: string;
  } & GivenReason
>;

export type CustomerSuccessManagerAssigned = DomainEvent<
  'CustomerSuccessManagerAssigned',
  { accountId: string; email: string; previousEmail: string | null; at: string } & GivenReason
>;

/** The account has no CSM any more (the person left, or the account no longer needs one). */
export type CustomerSuccessManagerUnassigned = DomainEvent<
  'CustomerSuccessManagerUnassigned',
  { accountId: string; email: string; at: string } & GivenReason
>;

export type CaseTeamMemberAdded = DomainEvent<
  'CaseTeamMemberAdded',
  { accountId: string; email: string; name: string; notify: boolean; at: string } & GivenReason
>;

export type CaseTeamNotificationPreferenceChanged = DomainEvent<
  'CaseTeamNotificationPreferenceChanged',
  { accountId: string; email: string; notify: boolean; at: string } & GivenReason
>;

export type CaseTeamMemberRemoved = DomainEvent<
  'CaseTeamMemberRemoved',
  { accountId: string; email: string; at: string } & GivenReason
>;

export type AccountEvent =
  | AccountRegistered
  | AccountDetailsChanged
  | CustomerSuccessManagerAssigned
  | CustomerSuccessManagerUnassigned
  | CaseTeamMemberAdded
  | CaseTeamNotificationPreferenceChanged
  | CaseTeamMemberRemoved;
