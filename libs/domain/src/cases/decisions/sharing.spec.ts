import { fold } from '../../shared/decider';
import { caseDecider } from '../case-decider';
import type { UnshareCase } from '../commands';
import type { CaseEvent } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import { actors, commands, context, historyOf, openedHistory, plus, T0 } from '../testing/case-fixtures';

const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;
const unshare = (overrides: Partial<UnshareCase> = {}): UnshareCase => ({
  type: 'UnshareCase',
  caseId: 'case-1',
  actor: actors.engineer,
  at: plus(T0, { hours: 2 }),
  email: 'dora@acme.example',
  ...overrides,
});
const canShare = context({
  actorLicencePermissions: { shareTickets: true, licenceActiveUntil: '2030-12-31' },
});
const cannotShare = context({
  actorLicencePermissions: { shareTickets: false, licenceActiveUntil: '2030-12-31' },
});
// The opener's licence ended (an admin moved activeUntil into the past) the day before the case was shared.
const expiredLicence = (shareTickets: boolean) =>
  context({ actorLicencePermissions: { shareTickets, licenceActiveUntil: '2024-06-01' } });
const shared = () => historyOf([commands.openCase(), commands.share()]);

describe('case decider: open case (ShareCase / UnshareCase)', () => {
  it('an engineer shares a case with one person (email stored lower-cased)', () => {
    const at = plus(T0, { hours: 1 });
    givenCase(openedHistory(), context())
      .when(commands.share())
      .then([
        {
          type: 'CaseShared',
          data: {
            caseId: 'case-1',
            at,
            by: 'eve@vendor.example',
            email: 'dora@acme.example',
            name: 'Dora Developer',
          },
        },
      ]);
    expect(stateOf(shared()).shares).toEqual([
      { email: 'dora@acme.example', name: 'Dora Developer', sharedAt: at, sharedBy: 'eve@vendor.example' },
    ]);
  });

  it('the opener shares their own case when they have the share tickets permission', () => {
    expect(
      givenCase(openedHistory(), canShare)
        .when(commands.share({ actor: actors.alice }))
        .events(),
    ).toHaveLength(1);
  });

  it('the opener without share tickets may not share', () => {
    givenCase(openedHistory(), cannotShare)
      .when(commands.share({ actor: actors.alice }))
      .thenFails({ code: 'sharing-not-allowed', kind: 'forbidden' });
    givenCase(openedHistory(), context())
      .when(commands.share({ actor: actors.alice }))
      .thenFails({ code: 'sharing-not-allowed' });
  });

  it('the opener without share tickets is told which permission they lack and who grants it; others get the rule', () => {
    const holderKnown = context({
      actorLicencePermissions: {
        shareTickets: false,
        licenceActiveUntil: '2030-12-31',
        registered: true,
        holderEmail: 'it.lead@acme.example',
      },
    });
    expect(
      givenCase(openedHistory(), holderKnown).when(commands.share({ actor: actors.alice })).events,
    ).toThrow(
      'You opened this case but do not have the share tickets permission on its licence, so you cannot share it; ' +
        'ask the licence holder (it.lead@acme.example) or a licensed user with manage users to grant it, or a ' +
        'support engineer to share the case for you',
    );
    expect(
      givenCase(openedHistory(), holderKnown).when(commands.share({ actor: actors.bob })).events,
    ).toThrow(/^A case is shared by a support engineer, or by its opener/);
  });

  it('the opener whose licence expired is told so (naming its last day), not that they lack share tickets', () => {
    givenCase(openedHistory(), expiredLicence(true))
      .when(commands.share({ actor: actors.alice }))
      .thenFails({
        code: 'licence-expired',
        kind: 'forbidden',
        // The share request names no licence: the licence is named in the message, no field blamed.
        field: undefined,
        message:
          'The licence for Sitefinity CMS (Online Marketing License) expired (active until 2024-06-01, licence id lic-1); your share tickets apply again once it is renewed ' +
          '(ask your account manager). Until then, a support engineer can share the case for you',
      });
    // Without the permission, the missing permission is the answer, expired or not.
    givenCase(openedHistory(), expiredLicence(false))
      .when(commands.share({ actor: actors.alice }))
      .thenFails({ code: 'sharing-not-allowed' });
    // An engineer shares whatever the opener's licence.
    expect(givenCase(openedHistory(), expiredLicence(true)).when(commands.share()).events()).toHaveLength(1);
  });

  it('the opener whose licence expired may still take back the shares of their case', () => {
    givenCase(shared(), expiredLicence(true))
      .when(unshare({ actor: actors.alice }))
      .then([
        {
          type: 'CaseUnshared',
          data: {
            caseId: 'case-1',
            at: plus(T0, { hours: 2 }),
            by: actors.alice.email,
            email: 'dora@acme.example',
          },
        },
      ]);
  });

  it('other customers, CSMs and auditors may not share, whatever their permissions', () => {
    givenCase(openedHistory(), canShare)
      .when(commands.share({ actor: actors.bob }))
      .thenFails({ code: 'sharing-not-allowed' });
    givenCase(openedHistory(), canShare)
      .when(commands.share({ actor: actors.csm }))
      .thenFails({ code: 'sharing-not-allowed' });
    givenCase(openedHistory(), canShare)
      .when(commands.share({ actor: actors.auditor }))
      .thenFails({ code: 'read-only-actor' });
  });

  it('no duplicate share (emails compare case-insensitively)', () => {
    givenCase(shared(), context())
      .when(commands.share({ email: 'DORA@acme.example', at: plus(T0, { hours: 2 }) }))
      .thenFails({ code: 'case-already-shared', kind: 'conflict', field: 'email' });
  });

  it('the opener already sees the case: sharing with them is refused', () => {
    givenCase(openedHistory(), context())
      .when(commands.share({ email: actors.alice.email }))
      .thenFails({ code: 'cannot-share-with-opener', field: 'email' });
  });

  it("stores the email in the product's one spelling: composed Unicode, the domain in Unicode", () => {
    const [shared] = givenCase(openedHistory(), context())
      .when(commands.share({ email: 'Pe\u0301ter@XN--BCHER-KVA.example' }))
      .events();
    expect(shared.data).toMatchObject({ email: 'p\u00e9ter@b\u00fccher.example' });
  });

  it('the email must be an address and the name is required', () => {
    givenCase(openedHistory(), context())
      .when(commands.share({ email: 'dora' }))
      .thenFails({ code: 'invalid-email', field: 'email' });
    givenCase(openedHistory(), context())
      .when(commands.share({ name: '' }))
      .thenFails({ code: 'text-length-out-of-range', field: 'name' });
  });

  it('rule: the name a case is shared under is one line (it shows in the notification headline)', () => {
    givenCase(openedHistory(), context())
      .when(commands.share({ name: 'Dora\r\nBcc: evil@evil.example' }))
      .thenFails({ code: 'line-break', kind: 'validation', field: 'name' });
  });

  it('unsharing removes the person from the case', () => {
    givenCase(shared(), context())
      .when(unshare({ email: 'Dora@acme.example' }))
      .then([
        {
          type: 'CaseUnshared',
          data: {
            caseId: 'case-1',
            at: plus(T0, { hours: 2 }),
            by: 'eve@vendor.example',
            email: 'dora@acme.example',
          },
        },
      ]);
    expect(stateOf([...shared(), ...givenCase(shared(), context()).when(unshare()).events()]).shares).toEqual(
      [],
    );
  });

  it('unsharing an email the case is not shared with is a not-found error', () => {
    givenCase(openedHistory(), context())
      .when(unshare())
      .thenFails({ code: 'case-share-not-found', kind: 'not-found', field: 'email' });
  });

  it('the opener may always take a share back, share tickets or not (it only narrows who sees the case)', () => {
    for (const permissions of [canShare, cannotShare, context()]) {
      expect(
        givenCase(shared(), permissions)
          .when(unshare({ actor: actors.alice }))
          .events(),
      ).toHaveLength(1);
    }
  });

  it('a shared person may leave the case; nobody else but engineers and the opener may unshare', () => {
    const dora = { email: 'Dora@acme.example', roles: [] };
    expect(
      givenCase(shared(), context())
        .when(unshare({ actor: dora }))
        .events(),
    ).toHaveLength(1);
    givenCase(shared(), canShare)
      .when(unshare({ actor: actors.bob }))
      .thenFails({ code: 'sharing-not-allowed' });
    givenCase(shared(), context())
      .when(unshare({ actor: actors.auditor }))
      .thenFails({ code: 'read-only-actor' });
  });

  it('sharing is dynamic: it works on a closed case too', () => {
    const closed = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      { type: 'CloseCase', caseId: 'case-1', actor: actors.alice, at: plus(T0, { days: 2 }) },
    ]);
    expect(
      givenCase(closed, context())
        .when(commands.share({ at: plus(T0, { days: 3 }) }))
        .events(),
    ).toHaveLength(1);
  });
});
