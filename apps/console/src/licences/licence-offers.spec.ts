import type { LicenceView, LicensedUserView } from '../api/api-types';
import { formatWithUtc } from '../shared/format';
import { licenceEndedNotice, licenceOffers, userEntryOffers } from './licence-offers';

const none = { manageUsers: false, shareTickets: false, seeSharedTickets: false };
const entry = (email: string, fields: Partial<LicensedUserView> = {}): LicensedUserView => ({
  email,
  firstName: 'F',
  lastName: 'L',
  company: 'Northwind',
  country: 'DE',
  status: 'active',
  permissions: none,
  invitedAt: '2026-11-29T21:00:00.000Z',
  registeredAt: '2026-11-29T21:05:00.000Z',
  ...fields,
});
const lena = entry('lena.holder@northwind.example');
const dan = entry('dan.deputy@northwind.example', { permissions: { ...none, manageUsers: true } });
const max = entry('max.manager@northwind.example', { permissions: { ...none, manageUsers: true } });
const sam = entry('sam.user@northwind.example', { permissions: { ...none, shareTickets: true } });
const ria = entry('ria.late@northwind.example', { status: 'pending', registeredAt: null });
const licence = (fields: Partial<LicenceView> = {}): LicenceView => ({
  id: 'L1',
  accountId: 'A1',
  product: 'Sitefinity',
  edition: 'Online Marketing License',
  plan: 'enterprise',
  activeUntil: '2027-12-31',
  expiresAt: '2028-01-01T00:00:00.000Z',
  seats: 25,
  holderEmail: lena.email,
  issuedAt: '2026-11-29T21:00:00.000Z',
  active: true,
  seatsUsed: 5,
  seatsLeft: 20,
  users: [lena, dan, max, sam, ria],
  revision: 7,
  ...fields,
});
const customer = (email: string) => ({ email, roles: [] });

describe('what the licence page offers', () => {
  it('offers a delegate only what the API lets a delegate do', () => {
    const viewer = customer('Dan.Deputy@northwind.example');
    const offers = licenceOffers(licence(), viewer);
    expect(offers).toMatchObject({
      administers: true,
      delegate: true,
      invite: true,
      grantManageUsers: false,
      handOver: false,
    });
    const on = (user: LicensedUserView, overdue = false) =>
      userEntryOffers(licence(), offers, viewer, user, overdue);
    expect(on(lena)).toMatchObject({ changePermissions: false, remove: false, resend: false });
    expect(on(lena).reserved).toContain('lena.holder@northwind.example holds this licence');
    // Their own entry: no permission change (the holder's), leaving stays open to them.
    expect(on(dan)).toMatchObject({ changePermissions: false, remove: true });
    expect(on(dan).reserved).toContain('ask lena.holder@northwind.example');
    expect(on(max)).toMatchObject({ changePermissions: false, remove: false });
    expect(on(sam)).toEqual({ changePermissions: true, remove: true, resend: false });
    expect(on(ria, true)).toEqual({ changePermissions: true, remove: true, resend: true });
  });

  it('offers the holder and an admin every user, and only the holder the hand-over', () => {
    for (const viewer of [customer(lena.email), { email: 'ada@vendor.example', roles: ['admin'] }]) {
      const offers = licenceOffers(licence(), viewer);
      expect(offers).toMatchObject({
        administers: true,
        delegate: false,
        invite: true,
        grantManageUsers: true,
      });
      for (const user of [lena, dan, max, sam])
        expect(userEntryOffers(licence(), offers, viewer, user, false)).toEqual({
          changePermissions: true,
          remove: true,
          resend: false,
        });
    }
    expect(licenceOffers(licence(), customer(lena.email)).handOver).toBe(true);
    expect(licenceOffers(licence(), { email: 'ada@vendor.example', roles: ['admin'] }).handOver).toBe(false);
  });

  it('offers a user without manage users nothing to administer', () => {
    const viewer = customer(sam.email);
    const offers = licenceOffers(licence(), viewer);
    expect(offers).toMatchObject({ administers: false, invite: false, handOver: false });
    expect(userEntryOffers(licence(), offers, viewer, sam, false)).toEqual({
      changePermissions: false,
      remove: false,
      resend: false,
    });
  });

  it('offers no invitation on an ended licence, not even to its holder, and says who renews it', () => {
    const ended = licence({
      active: false,
      activeUntil: '2026-11-01',
      expiresAt: '2026-11-02T12:00:00.000Z',
    });
    const viewer = customer(lena.email);
    const offers = licenceOffers(ended, viewer);
    expect(offers).toMatchObject({ administers: true, invite: false });
    expect(userEntryOffers(ended, offers, viewer, ria, true)).toEqual({
      changePermissions: true,
      remove: true,
      resend: false,
    });
    expect(licenceEndedNotice(ended, offers, 'Europe/Berlin')).toMatch(
      /^This licence ended Mon,? 2 Nov 2026, 13:00 CET \(12:00 UTC\), after its last day, 2026-11-01: /,
    );
    expect(licenceEndedNotice(ended, offers, null)).toBe(
      `This licence ended ${formatWithUtc('2026-11-02T12:00:00.000Z', null)}, after its last day, 2026-11-01: nobody can invite users to it or send its invitations again until it ` +
        'is renewed. An admin renews it: ask your account manager. You can still change the permissions of its ' +
        'users and remove them.',
    );
  });
});
