import type { LicenceListItem, LicenceUserChange } from '../api/api-types';
import { managesUsers, permissionsSummary, seatsSentence, userChangeSentence } from './licence-admin-labels';
import { licenceChangedMeanwhile } from './licence-changed-meanwhile';

const change = (fields: Partial<LicenceUserChange>): LicenceUserChange => ({
  revision: 3,
  at: '2026-03-02T09:00:00.000Z',
  by: 'boss@acme.example',
  change: 'invited',
  email: 'kim@acme.example',
  ...fields,
});

describe('licence administration wording', () => {
  it('names the permissions held, or basic access alone', () => {
    expect(permissionsSummary({ manageUsers: true, shareTickets: false, seeSharedTickets: true })).toBe(
      'Manage users, See shared tickets',
    );
    expect(permissionsSummary({ manageUsers: false, shareTickets: false, seeSharedTickets: false })).toBe(
      'Basic access only',
    );
  });

  it('says each change to users as who did what to whom', () => {
    const none = { manageUsers: false, shareTickets: false, seeSharedTickets: false };
    expect(userChangeSentence(change({ permissions: { ...none, shareTickets: true } }))).toBe(
      'boss@acme.example invited kim@acme.example (Share tickets)',
    );
    expect(
      userChangeSentence(
        change({
          change: 'permissions-changed',
          previousPermissions: none,
          permissions: { ...none, manageUsers: true },
        }),
      ),
    ).toBe(
      'boss@acme.example changed the permissions of kim@acme.example from Basic access only to Manage users',
    );
    expect(userChangeSentence(change({ change: 'withdrawn' }))).toBe(
      'boss@acme.example withdrew the invitation of kim@acme.example',
    );
    expect(userChangeSentence(change({ change: 'registered', by: 'kim@acme.example' }))).toBe(
      'kim@acme.example completed their registration',
    );
    expect(
      userChangeSentence(change({ change: 'holder-changed', previousHolderEmail: 'boss@acme.example' })),
    ).toBe('boss@acme.example handed the licence from boss@acme.example to kim@acme.example');
  });

  it('counts seats in words', () => {
    expect(seatsSentence(1, 24)).toBe('1 seat used, 24 left');
    expect(seatsSentence(2, 'unlimited')).toBe('2 seats used, unlimited left');
  });

  it('offers administration to the holder and to users who manage users', () => {
    const licence = (fields: Partial<LicenceListItem>) => ({ standing: [], ...fields }) as LicenceListItem;
    expect(managesUsers(licence({ standing: ['holder'] }))).toBe(true);
    expect(managesUsers(licence({ standing: ['active-user'], mayManageUsers: true }))).toBe(true);
    expect(managesUsers(licence({ standing: ['active-user'], mayManageUsers: false }))).toBe(false);
  });

  it('says what changed since the revision the page showed when a change came too late (412)', () => {
    const problem = licenceChangedMeanwhile(2, [
      change({ revision: 3, change: 'removed' }),
      change({ revision: 2 }),
    ]);
    expect(problem.title).toBe('This licence changed while you were working on it');
    expect(problem.detail).toContain('(boss@acme.example removed kim@acme.example)');
    expect(problem.detail).not.toContain('invited');
    expect(problem.status).toBe(0);
  });
});
