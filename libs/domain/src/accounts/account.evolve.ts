import { assertNever } from '../shared/decider';
import { AccountEvent } from './account.events';
import { AccountState } from './account.state';

/**
 * Folds one account event. Only `AccountRegistered` applies to an unregistered account; the
 * decider never writes another event first, so any other event there leaves the state unchanged.
 */
export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountRegistered') {
    const { accountId, name, timeZone, calendar } = event.data;
    return {
      status: 'registered',
      accountId,
      name,
      timeZone,
      calendar: calendar ?? null,
      customerSuccessManager: null,
      caseTeam: [],
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'AccountDetailsChanged': {
      const { name, timeZone, calendar } = event.data;
      return {
        ...state,
        ...(name !== undefined ? { name } : {}),
        ...(timeZone !== undefined ? { timeZone } : {}),
        ...(calendar !== undefined ? { calendar } : {}),
      };
    }
    case 'CustomerSuccessManagerAssigned':
      return { ...state, customerSuccessManager: event.data.email };
    case 'CustomerSuccessManagerUnassigned':
      return { ...state, customerSuccessManager: null };
    case 'CaseTeamMemberAdded': {
      const { email, name, notify, at } = event.data;
      return { ...state, caseTeam: [...state.caseTeam, { email, name, notify, addedAt: at }] };
    }
    case 'CaseTeamNotificationPreferenceChanged':
      return {
        ...state,
        caseTeam: state.caseTeam.map((member) =>
          member.email === event.data.email ? { ...member, notify: event.data.notify } : member,
        ),
      };
    case 'CaseTeamMemberRemoved':
      return { ...state, caseTeam: state.caseTeam.filter((member) => member.email !== event.data.email) };
    default:
      return assertNever(event);
  }
}
