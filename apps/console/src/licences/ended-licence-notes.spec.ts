import type { LicenceListItem } from '../api/api-types';
import { invitationAwaitingRenewalNote } from './ended-licence-notes';

const RIA = 'ria.late@northwind.example';
const licence = (fields: Partial<LicenceListItem> = {}): LicenceListItem => ({
  id: 'l1',
  accountId: 'a1',
  accountName: 'Northwind',
  product: 'Sitefinity',
  edition: 'Online Marketing License',
  plan: 'enterprise',
  activeUntil: '2026-11-01',
  active: false,
  standing: ['pending-invitation'],
  mayOpenCases: false,
  permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
  holderEmail: 'lena.holder@northwind.example',
  ...fields,
});

describe('invitationAwaitingRenewalNote', () => {
  it('says an invitation to an ended licence waits for its renewal, naming its holder', () => {
    expect(invitationAwaitingRenewalNote(licence(), RIA)).toBe(
      'Your invitation to Sitefinity (Online Marketing License) waits for the licence’s renewal: it ended on ' +
        '2026-11-01, and you can complete your registration here once it is renewed. Ask its holder ' +
        '(lena.holder@northwind.example) or your account manager to renew it.',
    );
  });

  it('sends to the account manager alone when the holder is not named, or is the invitee herself', () => {
    expect(invitationAwaitingRenewalNote(licence({ holderEmail: undefined }), RIA)).toMatch(
      /Ask your account manager to renew it\.$/,
    );
    expect(
      invitationAwaitingRenewalNote(licence({ holderEmail: 'Ria.Late@northwind.example' }), RIA),
    ).toMatch(/Ask your account manager to renew it\.$/);
  });

  it('says nothing of an invitation to a licence in force (Complete registration is offered) or of a registered user', () => {
    expect(invitationAwaitingRenewalNote(licence({ active: true }), RIA)).toBeUndefined();
    expect(invitationAwaitingRenewalNote(licence({ standing: ['active-user'] }), RIA)).toBeUndefined();
  });
});
