import type { ActorIdentity } from '../../accounts/actor-identity';
import type { LicenceCommand } from '../licence.commands';
import type { LicenceEvent } from '../licence.events';
import type { LicensedUserPermissions } from '../licensed-user-permissions';

/** Builders of the events of licence `lic-1` of account `acc-acme`, for Given/When/Then histories. */
export const LICENCE_IDS = { licenceId: 'lic-1', accountId: 'acc-acme' };
export const BASIC: LicensedUserPermissions = {
  manageUsers: false,
  shareTickets: false,
  seeSharedTickets: false,
};

type IssuedData = Extract<LicenceEvent, { type: 'LicenceIssued' }>['data'];

/** An unlimited standard licence issued to holder@acme.example, expiring at the start of 2027. */
export const licenceIssued = (overrides: Partial<IssuedData> = {}): LicenceEvent => ({
  type: 'LicenceIssued',
  data: {
    ...LICENCE_IDS,
    product: 'Sitefinity CMS',
    edition: 'Online Marketing License',
    plan: 'standard',
    activeUntil: '2026-12-31',
    expiresAt: '2027-01-01T12:00:00.000Z',
    seats: 'unlimited',
    holderEmail: 'holder@acme.example',
    at: '2026-03-01T00:00:00.000Z',
    ...overrides,
  },
});

/** The command issuing licenceIssued's licence to `holderEmail`. */
export const issueLicenceTo = (holderEmail: string, actor: ActorIdentity, at: string): LicenceCommand => ({
  type: 'IssueLicence',
  data: {
    ...LICENCE_IDS,
    product: 'Sitefinity CMS',
    edition: 'Online Marketing License',
    plan: 'standard',
    activeUntil: '2026-12-31',
    holderEmail,
  },
  actor,
  at,
});

export const userInvited = (email: string, at: string, permissions = BASIC): LicenceEvent => ({
  type: 'LicensedUserAssigned',
  data: {
    ...LICENCE_IDS,
    email,
    firstName: 'F',
    lastName: 'L',
    company: 'Acme',
    country: 'BG',
    permissions,
    at,
  },
});

export const userRegistered = (email: string, at: string): LicenceEvent => ({
  type: 'LicensedUserRegistrationCompleted',
  data: { ...LICENCE_IDS, email, at },
});

export const userRemoved = (email: string, at: string): LicenceEvent => ({
  type: 'LicensedUserRemoved',
  data: { ...LICENCE_IDS, email, at },
});

type TermsChangedData = Extract<LicenceEvent, { type: 'LicenceTermsChanged' }>['data'];

/** An admin's change of terms: `terms` at their new values, `previousTerms` at their old ones. */
export const termsChanged = (
  terms: TermsChangedData['terms'],
  previousTerms: TermsChangedData['previousTerms'],
  at: string,
  reason?: string,
): LicenceEvent => ({
  type: 'LicenceTermsChanged',
  data: { ...LICENCE_IDS, terms, previousTerms, ...(reason !== undefined ? { reason } : {}), at },
});
