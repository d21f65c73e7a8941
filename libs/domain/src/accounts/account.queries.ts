import { AccountErrors } from './account.errors';
import { AccountCaseTeamMember, AccountState, RegisteredAccount } from './account.state';
import { normalizeEmail } from './email-address';

/** The registered account, or `account-not-found`; handlers use it before acting on an account. */
export function requireRegisteredAccount(state: AccountState): RegisteredAccount {
  if (state.status !== 'registered') throw AccountErrors.notFound();
  return state;
}

export function findCaseTeamMember(state: AccountState, email: string): AccountCaseTeamMember | undefined {
  if (state.status !== 'registered') return undefined;
  const wanted = normalizeEmail(email);
  return state.caseTeam.find((member) => member.email === wanted);
}

/** Case-team members who get email about the account's cases (everyone who did not opt out). */
export function caseTeamNotificationRecipients(state: AccountState): readonly AccountCaseTeamMember[] {
  return state.status === 'registered' ? state.caseTeam.filter((member) => member.notify) : [];
}
