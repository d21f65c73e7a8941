import {
  AccountEvent,
  AccountState,
  CaseState,
  LicenceEvent,
  LicenceState,
  accountDecider,
  caseDecider,
  licenceDecider,
} from '@casetrail/domain';
import { actors, commands, historyOf, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import {
  BASIC,
  licenceIssued,
  userInvited,
  userRegistered,
  userRemoved,
} from '@casetrail/domain/licences/testing/licence-events';
import { CommandGround, LASTING_GROUND, revocableGround } from '../access/command-ground';
import { GroundRecords, groundStillHeld } from './command-ground-check';
import { LicenceFacts, foldLicenceFacts, initialLicenceFacts } from './licence-and-account-folds';

// The case fixtures' case: account acc-1, licence lic-1, opened by alice.
const ACCOUNT = 'acc-1';
const CASE_LICENCE = 'lic-1';
const OTHER_LICENCE = 'lic-2';
const TEAM_MEMBER = 'tina@partner.example';
const COLLEAGUE = 'carol@acme.example';
const SHARED_USER = 'dora@acme.example';
const AT = plus(T0, { hours: 3 });

const registered: AccountEvent = {
  type: 'AccountRegistered',
  data: { accountId: ACCOUNT, name: 'Acme', timeZone: null, at: T0 },
};
const memberAdded = (email: string): AccountEvent => ({
  type: 'CaseTeamMemberAdded',
  data: { accountId: ACCOUNT, email, name: 'Member', notify: true, at: T0 },
});
const memberRemoved = (email: string): AccountEvent => ({
  type: 'CaseTeamMemberRemoved',
  data: { accountId: ACCOUNT, email, at: plus(T0, { hours: 2 }) },
});

const SHARE_TICKETS = { ...BASIC, shareTickets: true };
const SEE_SHARED = { ...BASIC, seeSharedTickets: true };
/** Licence lic-1 of acc-1: alice (the opener) may share tickets, carol may see shared ones. */
const caseLicenceHistory = (licenceId = CASE_LICENCE): LicenceEvent[] => [
  licenceIssued({ licenceId, accountId: ACCOUNT, expiresAt: '2030-01-01T00:00:00.000Z' }),
  userInvited(actors.alice.email, T0, SHARE_TICKETS),
  userRegistered(actors.alice.email, T0),
  userInvited(COLLEAGUE, T0, SEE_SHARED),
  userRegistered(COLLEAGUE, T0),
];

const caseState = (): CaseState =>
  historyOf([commands.openCase(), commands.share({ email: SHARED_USER })]).reduce(
    caseDecider.evolve,
    caseDecider.initialState,
  );

/** The records as their streams hold them, counting what a check had to read. */
class Records implements GroundRecords {
  readonly reads: string[] = [];
  constructor(
    private readonly accountEvents: AccountEvent[],
    private readonly licenceEvents: Record<string, LicenceEvent[]>,
  ) {}
  async account(accountId: string): Promise<AccountState> {
    this.reads.push(`account-${accountId}`);
    return this.accountEvents.reduce(accountDecider.evolve, accountDecider.initialState);
  }
  async licence(licenceId: string): Promise<LicenceState> {
    this.reads.push(`licence-${licenceId}`);
    return (this.licenceEvents[licenceId] ?? []).reduce(licenceDecider.evolve, licenceDecider.initialState);
  }
  async licenceFacts(licenceId: string): Promise<LicenceFacts> {
    this.reads.push(`licence-${licenceId}`);
    return (this.licenceEvents[licenceId] ?? []).reduce(foldLicenceFacts, initialLicenceFacts);
  }
}

const stillHeld = (ground: CommandGround, email: string, records: Records, state = caseState()) =>
  groundStillHeld(ground, { email, at: AT }, state, records);

describe('a command decided on the ground it was let in on, looked at again in the records', () => {
  describe('lasting grounds (staff, the opener)', () => {
    it('given any records, when a lasting ground is checked, then it holds without reading anything', async () => {
      const records = new Records([], {});
      expect(await stillHeld(LASTING_GROUND, actors.engineer.email, records)).toBe(true);
      expect(records.reads).toEqual([]);
    });
  });

  describe('a share', () => {
    it('given the case still shared with them, then it holds, read from the case state alone', async () => {
      const records = new Records([registered], {});
      expect(await stillHeld(revocableGround({ sharedWith: true }), SHARED_USER, records)).toBe(true);
      expect(records.reads).toEqual([]);
    });

    it('given the case unshared meanwhile, then it no longer holds', async () => {
      const records = new Records([registered], {});
      expect(await stillHeld(revocableGround({ sharedWith: true }), 'someone@else.example', records)).toBe(
        false,
      );
    });
  });

  describe('the case team', () => {
    const ground = revocableGround({ onCaseTeam: true });

    it("given the account's stream still has them on the case team, then it holds", async () => {
      const records = new Records([registered, memberAdded(TEAM_MEMBER)], {});
      expect(await stillHeld(ground, TEAM_MEMBER, records)).toBe(true);
      expect(records.reads).toEqual([`account-${ACCOUNT}`]);
    });

    it("given their removal stored in the account's stream, then it no longer holds", async () => {
      const records = new Records([registered, memberAdded(TEAM_MEMBER), memberRemoved(TEAM_MEMBER)], {});
      expect(await stillHeld(ground, TEAM_MEMBER, records)).toBe(false);
    });

    it('given their removal stored, but the case still shared with them, then the share lets them in', async () => {
      const records = new Records([registered, memberAdded(SHARED_USER), memberRemoved(SHARED_USER)], {});
      expect(
        await stillHeld(revocableGround({ onCaseTeam: true, sharedWith: true }), SHARED_USER, records),
      ).toBe(true);
    });
  });

  describe('see-shared-tickets', () => {
    const ground = revocableGround({ seeSharedOn: [CASE_LICENCE] });

    it('given an active user with see-shared-tickets and an opener with share-tickets, then it holds', async () => {
      const records = new Records([registered], { [CASE_LICENCE]: caseLicenceHistory() });
      expect(await stillHeld(ground, COLLEAGUE, records)).toBe(true);
      expect(records.reads).toEqual([`licence-${CASE_LICENCE}`]);
    });

    it("given their removal stored in the licence's stream, then it no longer holds", async () => {
      const records = new Records([registered], {
        [CASE_LICENCE]: [...caseLicenceHistory(), userRemoved(COLLEAGUE, plus(T0, { hours: 2 }))],
      });
      expect(await stillHeld(ground, COLLEAGUE, records)).toBe(false);
    });

    it('given see-shared-tickets revoked, then it no longer holds', async () => {
      const records = new Records([registered], {
        [CASE_LICENCE]: [...caseLicenceHistory(), permissionsChanged(COLLEAGUE, SEE_SHARED, BASIC)],
      });
      expect(await stillHeld(ground, COLLEAGUE, records)).toBe(false);
    });

    it("given the opener's share-tickets revoked, then it no longer holds", async () => {
      const records = new Records([registered], {
        [CASE_LICENCE]: [
          ...caseLicenceHistory(),
          permissionsChanged(actors.alice.email, SHARE_TICKETS, BASIC),
        ],
      });
      expect(await stillHeld(ground, COLLEAGUE, records)).toBe(false);
    });

    it('given the opener removed from the licence while holding share-tickets, then it still holds (a leaver does not orphan their cases)', async () => {
      const records = new Records([registered], {
        [CASE_LICENCE]: [...caseLicenceHistory(), userRemoved(actors.alice.email, plus(T0, { hours: 2 }))],
      });
      expect(await stillHeld(ground, COLLEAGUE, records)).toBe(true);
    });

    it("given the opener's share-tickets revoked before their removal, then it no longer holds", async () => {
      const records = new Records([registered], {
        [CASE_LICENCE]: [
          ...caseLicenceHistory(),
          permissionsChanged(actors.alice.email, SHARE_TICKETS, BASIC),
          userRemoved(actors.alice.email, plus(T0, { hours: 2 })),
        ],
      });
      expect(await stillHeld(ground, COLLEAGUE, records)).toBe(false);
    });

    it('given the removed opener invited again without share-tickets, then their current permissions decide', async () => {
      const records = new Records([registered], {
        [CASE_LICENCE]: [
          ...caseLicenceHistory(),
          userRemoved(actors.alice.email, plus(T0, { hours: 1 })),
          userInvited(actors.alice.email, plus(T0, { hours: 2 }), BASIC),
        ],
      });
      expect(await stillHeld(ground, COLLEAGUE, records)).toBe(false);
    });

    it("given the colleague's only licence (the case's) expired by the time of the command, then it no longer holds", async () => {
      const expired = caseLicenceHistory();
      expired[0] = licenceIssued({
        licenceId: CASE_LICENCE,
        accountId: ACCOUNT,
        expiresAt: plus(T0, { hours: 1 }),
      });
      const records = new Records([registered], { [CASE_LICENCE]: expired });
      expect(await stillHeld(ground, COLLEAGUE, records)).toBe(false);
    });

    it("given the case's licence expired, then a colleague's licence in force still lets them in: the opener's share tickets did not lapse for colleagues", async () => {
      const expiredCaseLicence = caseLicenceHistory();
      expiredCaseLicence[0] = licenceIssued({
        licenceId: CASE_LICENCE,
        accountId: ACCOUNT,
        expiresAt: plus(T0, { hours: 1 }),
      });
      const colleaguesLicence: LicenceEvent[] = [
        licenceIssued({
          licenceId: OTHER_LICENCE,
          accountId: ACCOUNT,
          expiresAt: '2030-01-01T00:00:00.000Z',
        }),
        userInvited(COLLEAGUE, T0, SEE_SHARED),
        userRegistered(COLLEAGUE, T0),
      ];
      const records = new Records([registered], {
        [CASE_LICENCE]: expiredCaseLicence,
        [OTHER_LICENCE]: colleaguesLicence,
      });
      expect(await stillHeld(revocableGround({ seeSharedOn: [OTHER_LICENCE] }), COLLEAGUE, records)).toBe(
        true,
      );
    });

    it("given another of the account's licences that still gives it, then it holds", async () => {
      const otherLicence: LicenceEvent[] = [
        licenceIssued({
          licenceId: OTHER_LICENCE,
          accountId: ACCOUNT,
          expiresAt: '2030-01-01T00:00:00.000Z',
        }),
        userInvited(COLLEAGUE, T0, SEE_SHARED),
        userRegistered(COLLEAGUE, T0),
      ];
      const records = new Records([registered], {
        [CASE_LICENCE]: [...caseLicenceHistory(), userRemoved(COLLEAGUE, plus(T0, { hours: 2 }))],
        [OTHER_LICENCE]: otherLicence,
      });
      expect(
        await stillHeld(revocableGround({ seeSharedOn: [CASE_LICENCE, OTHER_LICENCE] }), COLLEAGUE, records),
      ).toBe(true);
    });

    it("given a licence of another account, then it gives nothing on this account's case", async () => {
      const records = new Records([registered], {
        [CASE_LICENCE]: caseLicenceHistory(),
        [OTHER_LICENCE]: [
          licenceIssued({
            licenceId: OTHER_LICENCE,
            accountId: 'acc-other',
            expiresAt: '2030-01-01T00:00:00.000Z',
          }),
          userInvited('oscar@other.example', T0, SEE_SHARED),
          userRegistered('oscar@other.example', T0),
        ],
      });
      expect(
        await stillHeld(revocableGround({ seeSharedOn: [OTHER_LICENCE] }), 'oscar@other.example', records),
      ).toBe(false);
    });
  });

  it('given no case at all, then no revocable ground holds', async () => {
    const records = new Records([registered, memberAdded(TEAM_MEMBER)], {});
    expect(
      await stillHeld(revocableGround({ onCaseTeam: true }), TEAM_MEMBER, records, caseDecider.initialState),
    ).toBe(false);
  });
});

function permissionsChanged(
  email: string,
  previousPermissions: typeof BASIC,
  permissions: typeof BASIC,
): LicenceEvent {
  return {
    type: 'LicensedUserPermissionsChanged',
    data: { licenceId: CASE_LICENCE, accountId: ACCOUNT, email, permissions, previousPermissions, at: T0 },
  };
}
