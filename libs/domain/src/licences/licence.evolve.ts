import { assertNever } from '../shared/decider';
import { LicenceEvent } from './licence.events';
import { LicensedUser, LicenceState } from './licence.state';

/**
 * Folds one licence event. Only `LicenceIssued` applies to an unissued licence; the decider never
 * writes another event first, so any other event there leaves the state unchanged.
 */
export function evolveLicence(state: LicenceState, event: LicenceEvent): LicenceState {
  if (event.type === 'LicenceIssued') {
    const { licenceId, accountId, product, edition, plan, activeUntil, expiresAt, seats, holderEmail } =
      event.data;
    return {
      status: 'issued',
      licenceId,
      accountId,
      product,
      edition,
      plan,
      activeUntil,
      expiresAt,
      seats,
      holderEmail,
      users: [],
    };
  }
  if (state.status !== 'issued') return state;
  switch (event.type) {
    case 'LicensedUserAssigned': {
      const { email, firstName, lastName, company, country, permissions, at } = event.data;
      const invited: LicensedUser = {
        status: 'pending',
        email,
        firstName,
        lastName,
        company,
        country,
        permissions,
        invitedAt: at,
      };
      return { ...state, users: [...state.users, invited] };
    }
    case 'LicensedUserRegistrationCompleted':
      return {
        ...state,
        users: state.users.map((user) =>
          user.email === event.data.email ? { ...user, status: 'active', registeredAt: event.data.at } : user,
        ),
      };
    case 'LicensedUserPermissionsChanged':
      return {
        ...state,
        users: state.users.map((user) =>
          user.email === event.data.email ? { ...user, permissions: event.data.permissions } : user,
        ),
      };
    case 'LicensedUserRemoved':
      return { ...state, users: state.users.filter((user) => user.email !== event.data.email) };
    default:
      return assertNever(event);
  }
}
