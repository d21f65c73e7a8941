import type { LicenceListItem } from '../api/api-types';
import { invitationAwaitingRenewalNote, licenceEndedNote } from './ended-licence-notes';
import { formatWithUtc } from '../shared/format';

const RIA = 'ria.late@northwind.example';
/** When the fixture's licence ended, as its mail says it: "Mon, 2 Nov 2026, 04:00 PST (12:00 UTC)". */
const ENDED = `${formatWithUtc('2026-11-02T12:00:00.000Z', 'America/Los_Angeles')}, after its last day, 2026-11-01`;
const licence = (fields: Partial<LicenceListItem> = {}): LicenceListItem => ({
  id: 'l1',
  accountId: 'a1',
  accountName: 'Northwind',
  product: 'Sitefinity',
  edition: 'Online Marketing License',
  plan: 'enterprise',
  activeUntil: '2026-11-01',
  // A last day's end: noon UTC the next day, 04:00 in the account's zone (PST since 1 Nov).
  expiresAt: '2026-11-02T12:00:00.000Z',
  accountTimeZone: 'America/Los_Angeles',
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
      `Your invitation to Sitefinity (Online Marketing License) waits for the licence’s renewal: it ended ${ENDED}, ` +
        'and you can complete your registration here once it is renewed. Ask its holder ' +
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

describe('licenceEndedNote', () => {
  const KIM = 'kim.colleague@northwind.example';
  const seeShared = { manageUsers: false, shareTickets: false, seeSharedTickets: true };
  const devcraft = licence({
    id: 'l2',
    product: 'DevCraft',
    edition: 'Complete',
    standing: ['active-user'],
    permissions: seeShared,
    holderEmail: 'mia.new@northwind.example',
  });
  const inForce = (fields: Partial<LicenceListItem>) =>
    licence({ id: 'l3', active: true, standing: ['active-user'], mayOpenCases: true, ...fields });

  it('says what a user whose only licence ended lost: New case, and the cases shared with her', () => {
    expect(licenceEndedNote(devcraft, [devcraft], KIM)).toBe(
      `Your licence DevCraft (Complete) ended ${ENDED}: you cannot open new cases, and cases colleagues shared ` +
        'with you through it are hidden until it is renewed. Ask its holder (mia.new@northwind.example) or your ' +
        'account manager to renew it.',
    );
  });

  it('names only the shared cases when another licence still opens cases but gives no see shared tickets', () => {
    const other = inForce({ permissions: { ...seeShared, seeSharedTickets: false } });
    expect(licenceEndedNote(devcraft, [devcraft, other], KIM)).toBe(
      `Your licence DevCraft (Complete) ended ${ENDED}: cases colleagues shared with you through it are hidden ` +
        'until it is renewed. Ask its holder (mia.new@northwind.example) or your account manager to renew it.',
    );
  });

  it('says nothing when a licence of the same account in force still gives both, or of a licence in force', () => {
    const other = inForce({ permissions: seeShared });
    expect(licenceEndedNote(devcraft, [devcraft, other], KIM)).toBeUndefined();
    expect(licenceEndedNote(other, [devcraft, other], KIM)).toBeUndefined();
  });

  it('counts see shared tickets of another account as no help: shared cases go by account', () => {
    const elsewhere = inForce({ accountId: 'a2', permissions: seeShared });
    expect(licenceEndedNote(devcraft, [devcraft, elsewhere], KIM)).toContain(
      `ended ${ENDED}: cases colleagues shared with you through it are hidden`,
    );
  });

  it('says when a licence ended on an instant in the account’s zone with UTC beside it, not as a raw instant', () => {
    const instant = {
      ...devcraft,
      activeUntil: '2026-11-30T02:42:00Z',
      expiresAt: '2026-11-30T02:42:00.000Z',
    };
    const note = licenceEndedNote(instant, [instant], KIM);
    // Before: "ended on 2026-11-30T02:42:00Z", another day than the account's 29 Nov.
    expect(note).toMatch(
      /^Your licence DevCraft \(Complete\) ended Sun,? 29 Nov 2026, 18:42 PST \(Mon,? 30 Nov 2026, 02:42 UTC\): /,
    );
    expect(note).not.toContain('2026-11-30T02:42');
  });

  it('says when a licence dated by its last day ended (noon UTC the next day), not that day as the end', () => {
    // Before: "ended on 2026-11-01", the last day of support, a day before it ended.
    expect(licenceEndedNote(devcraft, [devcraft], KIM)).toMatch(
      /^Your licence DevCraft \(Complete\) ended Mon,? 2 Nov 2026, 04:00 PST \(12:00 UTC\), after its last day, 2026-11-01: /,
    );
  });
});
