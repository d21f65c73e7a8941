import { OrderedMap } from 'immutable';
import { assertNever } from '../shared/decider';
import { LicenceEvent } from './licence.events';
import { isBeforeExpiry } from './licence-expiry';
import { renewalAfterEnd } from './pending-invitations';
import { IssuedLicence, LicensedUser, LicensedUsers, LicenceState } from './licence.state';

const NO_USERS: LicensedUsers = OrderedMap();

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
      users: NO_USERS,
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
      return { ...state, users: state.users.set(email, invited) };
    }
    case 'LicensedUserRegistrationCompleted':
      return withUser(state, event.data.email, (user) => ({
        ...user,
        status: 'active',
        registeredAt: event.data.at,
      }));
    case 'LicensedUserPermissionsChanged':
      return withUser(state, event.data.email, (user) => ({ ...user, permissions: event.data.permissions }));
    case 'LicensedUserRemoved':
      return { ...state, users: state.users.delete(event.data.email) };
    case 'LicensedUserInvitationResent':
      // The invitation stands as it was, invitedAt included: a mail went out again, and when is kept
      // (resends are spaced, see resendInvitation).
      return withUser(state, event.data.email, (user) =>
        user.status === 'pending' ? { ...user, lastSentAt: event.data.at } : user,
      );
    case 'LicenceHolderChanged':
      return { ...state, holderEmail: event.data.holderEmail };
    case 'LicenceTermsChanged':
      // Users are untouched: a renewed licence's users log cases again as they were. An end already
      // past at the change (an early end) is that end's record: no lapse is recorded for it.
      return {
        ...state,
        ...event.data.terms,
        ...endRecordedByChange(event.data),
        ...renewedByChange(state, event.data),
      };
    case 'LicenceExpired':
      return { ...state, endRecordedFor: event.data.expiresAt };
    default:
      return assertNever(event);
  }
}

/** A change giving the licence an end at or before the change itself ended it then, and records that end. */
function endRecordedByChange({ terms, at }: Extract<LicenceEvent, { type: 'LicenceTermsChanged' }>['data']): {
  endRecordedFor?: string;
} {
  return terms.expiresAt !== undefined && !isBeforeExpiry(terms.expiresAt, at)
    ? { endRecordedFor: terms.expiresAt }
    : {};
}

/** A change putting the ended licence in force again (renewalAfterEnd) records when. */
function renewedByChange(
  state: IssuedLicence,
  { terms, at }: Extract<LicenceEvent, { type: 'LicenceTermsChanged' }>['data'],
): { renewedAt?: string } {
  const renewedAt = renewalAfterEnd(state.expiresAt, terms.expiresAt, at);
  return renewedAt === undefined ? {} : { renewedAt };
}

/** The user with `email` changed in place (keeping their position); no user, no change. */
function withUser(
  state: IssuedLicence,
  email: string,
  change: (user: LicensedUser) => LicensedUser,
): IssuedLicence {
  const user = state.users.get(email);
  return user ? { ...state, users: state.users.set(email, change(user)) } : state;
}
