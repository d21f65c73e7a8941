import { assertNever } from '../shared/decider';
import { requireMayActOnAccount } from './account-command-access';
import {
  AccountCommand,
  AddCaseTeamMember,
  AssignCustomerSuccessManager,
  ChangeAccountDetails,
  ChangeNotificationPreference,
  RegisterAccount,
  RemoveCaseTeamMember,
  UnassignCustomerSuccessManager,
} from './account.commands';
import { AccountErrors } from './account.errors';
import { AccountDetails, AccountEvent } from './account.events';
import { findCaseTeamMember, requireRegisteredAccount } from './account.queries';
import { AccountState, RegisteredAccount } from './account.state';
import type { CustomerRole } from './customer-role';
import { accountCalendar } from './account-calendar';
import { canonicalTimeZone } from './account-time-zone';
import { recordedEmail, requireEmail } from './email-address';
import { refuseKnownStaff } from './known-staff-refusal';
import { requireFlag, requireOneLineText } from './required-fields';
import { givenReason, optionalReason } from '../shared/optional-reason';
import { DEFAULT_GROUP_MAILBOX_PATTERNS, requireIndividualAddress } from '../licences/group-mailbox';
import {
  EmailDomainPlaces,
  requireCompanyEmailDomain,
  type EmailDomainRules,
} from '../licences/email-domain-rules';

/** What an account decision needs besides the command and the account's own events. */
export interface AccountDecisionContext {
  /**
   * For AssignCustomerSuccessManager: how the licence and account records know the email, when
   * they know it as a customer's (on any account). A CSM hears of all the account's activity,
   * internal notes included.
   */
  csmCustomerRole?: CustomerRole;
  /**
   * For RegisterAccount and ChangeAccountDetails that name a calendar: the names of the support
   * policy's calendars (`policyCalendarNames`), the only ones an account may name.
   */
  calendarNames?: readonly string[];
  /**
   * For AddCaseTeamMember: the policy's group-mailbox patterns (`policy.licensing`); absent, the
   * defaults. A member sees and is mailed every case of the account, so a list is refused.
   */
  groupMailboxPatterns?: readonly string[];
  /**
   * For AddCaseTeamMember: the policy's refused mail domains (`policy.licensing`, as for a licensed
   * user); absent, none is refused. A member is mailed every case of the account.
   */
  emailDomainRules?: EmailDomainRules;
  /**
   * For AddCaseTeamMember: the records know the email as vendor staff and as no customer's
   * (CustomerDirectory.isKnownStaff, as for a licence's holder and users): refused (refuseKnownStaff).
   */
  memberKnownStaff?: boolean;
}

/**
 * Decides an account command. Checks run in a fixed order: the account exists and the actor may
 * act (requireMayActOnAccount: the API's "who" column is enforced here too, so every entry point
 * obeys it), the input is valid, and finally the account's current state allows the change. A
 * change that alters nothing yields no event. The account holds no licence facts (see
 * `isMissionCriticalAccount`); the context only says what other records know of a would-be CSM.
 */
export function decideAccount(
  command: AccountCommand,
  state: AccountState,
  context: AccountDecisionContext | void = {},
): AccountEvent[] {
  requireMayActOnAccount(command, state);
  switch (command.type) {
    case 'RegisterAccount':
      return registerAccount(command, state, context ?? {});
    case 'ChangeAccountDetails':
      return changeAccountDetails(command, requireRegisteredAccount(state), context ?? {});
    case 'AssignCustomerSuccessManager':
      return assignCustomerSuccessManager(command, requireRegisteredAccount(state), context ?? {});
    case 'UnassignCustomerSuccessManager':
      return unassignCustomerSuccessManager(command, requireRegisteredAccount(state));
    case 'AddCaseTeamMember':
      return addCaseTeamMember(command, requireRegisteredAccount(state), context ?? {});
    case 'ChangeNotificationPreference':
      return changeNotificationPreference(command, requireRegisteredAccount(state));
    case 'RemoveCaseTeamMember':
      return removeCaseTeamMember(command, requireRegisteredAccount(state));
    default:
      return assertNever(command);
  }
}

function registerAccount(
  { data, at }: RegisterAccount,
  state: AccountState,
  context: AccountDecisionContext,
): AccountEvent[] {
  const accountId = requireOneLineText(data.accountId, 'accountId');
  const name = requireOneLineText(data.name, 'name');
  const timeZone = data.timeZone === undefined ? null : canonicalTimeZone(data.timeZone);
  const calendar = data.calendar === undefined ? null : accountCalendar(data.calendar, context.calendarNames);
  if (state.status === 'registered') throw AccountErrors.alreadyRegistered(state.accountId);
  // An account on the default calendar records no `calendar`, as every account did before there were others.
  return [
    {
      type: 'AccountRegistered',
      data: { accountId, name, timeZone, ...(calendar !== null ? { calendar } : {}), at },
    },
  ];
}

/**
 * An admin renames the account, moves its calendar's time zone or picks another of the policy's
 * calendars; what is unchanged is not recorded, and what changes is recorded with its value before.
 */
function changeAccountDetails(
  { data, at }: ChangeAccountDetails,
  account: RegisteredAccount,
  context: AccountDecisionContext,
): AccountEvent[] {
  const name = data.name === undefined ? undefined : requireOneLineText(data.name, 'name');
  const timeZone =
    data.timeZone === undefined || data.timeZone === null ? data.timeZone : canonicalTimeZone(data.timeZone);
  const calendar =
    data.calendar === undefined ? undefined : accountCalendar(data.calendar, context.calendarNames);
  const reason = optionalReason(data.reason);
  const changes: Partial<AccountDetails> = {
    ...(name !== undefined && name !== account.name ? { name } : {}),
    ...(timeZone !== undefined && timeZone !== account.timeZone ? { timeZone } : {}),
    ...(calendar !== undefined && calendar !== account.calendar ? { calendar } : {}),
  };
  const changed = Object.keys(changes) as (keyof AccountDetails)[];
  if (changed.length === 0) return [];
  const previous = Object.fromEntries(changed.map((key) => [key, account[key]])) as Partial<AccountDetails>;
  return [
    {
      type: 'AccountDetailsChanged',
      data: { accountId: account.accountId, ...changes, previous, ...givenReason(reason), at },
    },
  ];
}

function assignCustomerSuccessManager(
  { data, at }: AssignCustomerSuccessManager,
  account: RegisteredAccount,
  context: AccountDecisionContext,
): AccountEvent[] {
  const email = requireEmail(data.email, 'email');
  const reason = optionalReason(data.reason);
  if (account.customerSuccessManager === email) return [];
  // The account's own case team is known here; every other customer record comes in the context.
  const onTheTeam = findCaseTeamMember(account, email) !== undefined;
  const customerRole = context.csmCustomerRole ?? (onTheTeam ? 'case-team member' : undefined);
  if (customerRole) throw AccountErrors.csmIsCustomer(email, customerRole);
  return [
    {
      type: 'CustomerSuccessManagerAssigned',
      data: {
        accountId: account.accountId,
        email,
        previousEmail: account.customerSuccessManager,
        ...givenReason(reason),
        at,
      },
    },
  ];
}

/** Taking away an account's CSM (who hears of all its activity); without one, nothing changes. */
function unassignCustomerSuccessManager(
  { data, at }: UnassignCustomerSuccessManager,
  account: RegisteredAccount,
): AccountEvent[] {
  // A command built without data (before it took a reason) is still one without a reason.
  const reason = optionalReason(data?.reason);
  const email = account.customerSuccessManager;
  if (email === null) return [];
  return [
    {
      type: 'CustomerSuccessManagerUnassigned',
      data: { accountId: account.accountId, email, ...givenReason(reason), at },
    },
  ];
}

function addCaseTeamMember(
  { data, at }: AddCaseTeamMember,
  account: RegisteredAccount,
  context: AccountDecisionContext,
): AccountEvent[] {
  const email = requireEmail(data.email, 'email');
  requireIndividualAddress(
    email,
    context.groupMailboxPatterns ?? DEFAULT_GROUP_MAILBOX_PATTERNS,
    'email',
    'A case-team member is one person, who sees and is mailed every case of the account: add each ' +
      'person by their individual email address.',
  );
  requireCompanyEmailDomain(email, context.emailDomainRules, 'email', EmailDomainPlaces.caseTeamMember);
  const name = requireOneLineText(data.name, 'name');
  const notify = requireFlag(data.notify, 'notify');
  const reason = optionalReason(data.reason);
  if (findCaseTeamMember(account, email)) throw AccountErrors.caseTeamMemberAlreadyAdded(email);
  refuseKnownStaff(context.memberKnownStaff, email, {
    code: 'case-team-member-is-staff',
    field: 'email',
    place:
      'a case team is the customer’s people and partners (engineers see every case, a CSM their own accounts’)',
  });
  return [
    {
      type: 'CaseTeamMemberAdded',
      data: { accountId: account.accountId, email, name, notify, ...givenReason(reason), at },
    },
  ];
}

function changeNotificationPreference(
  { data, at }: ChangeNotificationPreference,
  account: RegisteredAccount,
): AccountEvent[] {
  const email = recordedEmail(data.email, 'email');
  const notify = requireFlag(data.notify, 'notify');
  const reason = optionalReason(data.reason);
  const member = findCaseTeamMember(account, email);
  if (!member) throw AccountErrors.caseTeamMemberNotFound(email);
  if (member.notify === notify) return [];
  return [
    {
      type: 'CaseTeamNotificationPreferenceChanged',
      data: { accountId: account.accountId, email, notify, ...givenReason(reason), at },
    },
  ];
}

function removeCaseTeamMember(
  { data, at }: RemoveCaseTeamMember,
  account: RegisteredAccount,
): AccountEvent[] {
  const email = recordedEmail(data.email, 'email');
  const reason = optionalReason(data.reason);
  if (!findCaseTeamMember(account, email)) throw AccountErrors.caseTeamMemberNotFound(email);
  return [
    {
      type: 'CaseTeamMemberRemoved',
      data: { accountId: account.accountId, email, ...givenReason(reason), at },
    },
  ];
}
