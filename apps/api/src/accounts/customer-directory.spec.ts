import { SqliteReadModelStore, type ReadModelStore } from '@casetrail/readmodels';
import {
  accountsProjection,
  ACCOUNTS,
  CASE_TEAM_MEMBERS,
} from '@casetrail/readmodels/accounts/accounts.projection';
import { CSM_DESIGNATIONS } from '@casetrail/readmodels/accounts/csm-designations';
import { casesProjection, CASES, CASE_SHARES } from '@casetrail/readmodels/cases/cases.projection';
import { SELF_ASSIGNED_ENGINEERS } from '@casetrail/readmodels/cases/self-assignments';
import {
  licencesProjection,
  LICENCES,
  LICENSED_USERS,
} from '@casetrail/readmodels/licences/licences.projection';
import {
  assigneeVouching,
  assigneeVouchingOfEach,
  type AssignedCase,
} from '../cases/queries/assignee-vouching';
import { CustomerDirectory, type AssigneeStanding } from './customer-directory';

const ACCOUNT_IDS = ['acc-a', 'acc-b', 'acc-c', 'acc-e', 'acc-none'] as const;
const STAFF_DOMAIN = 'staff.example';

/** One email in each standing the records can give, and what a colleague's assignment would be judged. */
const PEOPLE = {
  csmOfOne: 'cara.csm@vendor.example',
  csmOfSeveral: 'carl.csm@vendor.example',
  csmWhoTookACase: 'cleo.csm@vendor.example',
  csmAtStaffDomain: 'chad.csm@staff.example',
  formerCsm: 'fran.csm@vendor.example',
  formerCsmAtStaffDomain: 'fay.csm@staff.example',
  formerCsmWhoTookACase: 'finn.csm@vendor.example',
  activeUser: 'ann@customer.example',
  invitedUser: 'ivan@customer.example',
  sharedUser: 'sid@customer.example',
  caseTeamMember: 'tess@customer.example',
  licenceHolder: 'hal@customer.example',
  formerOpener: 'olga@customer.example',
  busyOpener: 'bea@customer.example',
  activeAfterManyInvitations: 'max@customer.example',
  selfAssignedEngineer: 'eve@vendor.example',
  invitedEngineerWhoTookACase: 'ian@vendor.example',
  staffDomain: 'sam@staff.example',
  outsider: 'otto@outsider.example',
  customerWhoTookACase: 'cody@customer.example',
} as const;

/** The single-email answers, as the rule was before it was read in batches (checked against it). */
const EXPECTED: Record<keyof typeof PEOPLE, (accountId: string) => AssigneeStanding> = {
  csmOfOne: (accountId) => (accountId === 'acc-a' ? vouched : csmOfOthers),
  csmOfSeveral: (accountId) => (['acc-b', 'acc-c'].includes(accountId) ? vouched : csmOfOthers),
  csmWhoTookACase: () => vouched,
  // The staff domain says whose employee, not which role: a CSM there sees only their own accounts.
  csmAtStaffDomain: (accountId) => (accountId === 'acc-e' ? vouched : csmOfOthers),
  // Replaced or removed: known as a CSM still, who sees no account's cases now (finding security4 F2).
  formerCsm: () => csmOfOthers,
  formerCsmAtStaffDomain: () => csmOfOthers,
  formerCsmWhoTookACase: () => vouched,
  activeUser: () => customer('licensed user'),
  invitedUser: () => customer('licensed user'),
  sharedUser: () => customer('shared user'),
  caseTeamMember: () => customer('case-team member'),
  licenceHolder: () => customer('licence holder'),
  formerOpener: () => customer('case opener'),
  busyOpener: () => customer('case opener'),
  activeAfterManyInvitations: () => customer('licensed user'),
  selfAssignedEngineer: () => vouched,
  invitedEngineerWhoTookACase: () => vouched,
  staffDomain: () => vouched,
  outsider: () => ({ vouched: false, unvouched: true }),
  customerWhoTookACase: () => customer('licensed user'),
};
const vouched: AssigneeStanding = { vouched: true };
const csmOfOthers: AssigneeStanding = { vouched: false, csmOfOtherAccounts: true };
const customer = (customerRole: NonNullable<AssigneeStanding['customerRole']>): AssigneeStanding => ({
  vouched: false,
  customerRole,
});

/** The records behind PEOPLE, as the projections store them (the fields the directory reads). */
function seed(put: (collection: string, id: string, doc: object) => void): void {
  put(ACCOUNTS, 'acc-a', { csm: PEOPLE.csmOfOne });
  put(ACCOUNTS, 'acc-b', { csm: PEOPLE.csmOfSeveral });
  put(ACCOUNTS, 'acc-c', { csm: PEOPLE.csmOfSeveral });
  put(ACCOUNTS, 'acc-d', { csm: PEOPLE.csmWhoTookACase });
  put(ACCOUNTS, 'acc-e', { csm: PEOPLE.csmAtStaffDomain });
  // Every CSM an admin ever named, those replaced or removed since included.
  for (const csm of [
    PEOPLE.csmOfOne,
    PEOPLE.csmOfSeveral,
    PEOPLE.csmWhoTookACase,
    PEOPLE.csmAtStaffDomain,
    PEOPLE.formerCsm,
    PEOPLE.formerCsmAtStaffDomain,
    PEOPLE.formerCsmWhoTookACase,
  ]) {
    put(CSM_DESIGNATIONS, csm, { firstAccountId: 'acc-a', firstAt: '2026-01-01T00:00:00.000Z' });
  }
  put(LICENCES, 'lic-1', { accountId: 'acc-a', holderEmail: PEOPLE.licenceHolder });
  const user = (email: string, status: 'active' | 'pending') =>
    put(LICENSED_USERS, `lic-1|${email}`, { licenceId: 'lic-1', accountId: 'acc-a', email, status });
  user(PEOPLE.activeUser, 'active');
  user(PEOPLE.customerWhoTookACase, 'active');
  user(PEOPLE.invitedUser, 'pending');
  // A customer typed an engineer's email into an invitation: the engineer took a case since.
  user(PEOPLE.invitedEngineerWhoTookACase, 'pending');
  put(CASE_SHARES, 'case-1|sid', { caseId: 'case-1', email: PEOPLE.sharedUser });
  put(CASE_TEAM_MEMBERS, 'acc-a|tess', { accountId: 'acc-a', email: PEOPLE.caseTeamMember });
  put(CASES, 'case-olga', { accountId: 'acc-a', openedBy: PEOPLE.formerOpener });
  // More cases than the directory reads in one page of evidence, ahead of another opener's by id.
  for (let index = 0; index < 250; index += 1) {
    put(CASES, `case-bea-${String(index).padStart(3, '0')}`, {
      accountId: 'acc-b',
      openedBy: PEOPLE.busyOpener,
    });
  }
  // Invitations to more licences than a page of evidence holds, ahead of the one registered on:
  // registering outweighs having taken a case, however many invitations come first.
  for (let index = 0; index < 250; index += 1) {
    const licenceId = `lic-0${String(index).padStart(3, '0')}`;
    put(LICENSED_USERS, `${licenceId}|max`, {
      licenceId,
      accountId: 'acc-c',
      email: PEOPLE.activeAfterManyInvitations,
      status: 'pending',
    });
  }
  user(PEOPLE.activeAfterManyInvitations, 'active');
  for (const engineer of [
    PEOPLE.activeAfterManyInvitations,
    PEOPLE.selfAssignedEngineer,
    PEOPLE.invitedEngineerWhoTookACase,
    PEOPLE.customerWhoTookACase,
    PEOPLE.csmWhoTookACase,
    PEOPLE.formerCsmWhoTookACase,
  ]) {
    put(SELF_ASSIGNED_ENGINEERS, engineer, { firstCaseId: 'case-1', firstAt: '2026-01-01T00:00:00.000Z' });
  }
}

/** The store, counting the reads that reach it. */
function counting(store: ReadModelStore): { store: ReadModelStore; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === 'find' || property === 'get' || property === 'count') reads += 1;
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, reads: () => reads };
}

describe('CustomerDirectory, judging the assignees of a page together', () => {
  let store: SqliteReadModelStore;
  let directory: CustomerDirectory;
  const emails = Object.values(PEOPLE);

  beforeAll(async () => {
    store = new SqliteReadModelStore(':memory:');
    // The real collections and indexes (the queries must be served by them), without the cases'
    // derived columns: the seeded cases carry only what the directory reads.
    await store.ensureCollections(
      [accountsProjection, licencesProjection, casesProjection].flatMap((projection) =>
        projection.collections.map(({ complete: _derived, ...collection }) => collection),
      ),
    );
    await store.applyBatch('directory-seed', [{ position: 1 }], (_event, tx) =>
      seed((...put) => tx.put(...put)),
    );
    directory = CustomerDirectory.asTheyStand(store, [STAFF_DOMAIN]);
  });
  afterAll(() => store.close());

  it.each(Object.keys(PEOPLE) as (keyof typeof PEOPLE)[])(
    'judges %s, one by one, as the rule says on every account',
    async (who) => {
      for (const accountId of ACCOUNT_IDS) {
        expect(await directory.assigneeStanding(PEOPLE[who], accountId)).toEqual(EXPECTED[who](accountId));
      }
    },
  );

  it('judges every email together as it judges each one alone, on every account', async () => {
    const together = await directory.assigneeStandings(emails);
    expect([...together.keys()]).toEqual(emails);
    for (const email of emails) {
      const alone = await directory.assigneeStandingOnEachAccount(email);
      for (const accountId of ACCOUNT_IDS) expect(together.get(email)!(accountId)).toEqual(alone(accountId));
    }
  });

  it('answers under each email as given, judged as its normalized form', async () => {
    const given = ' Eve@Vendor.EXAMPLE ';
    const judged = await directory.assigneeStandings([given, PEOPLE.outsider]);
    expect(judged.get(given)!('acc-a')).toEqual(vouched);
    expect(await directory.standingOf(given)).toBe('staff');
  });

  it('knows a CSM replaced or removed as the CSM of no account, yet not as staff where only a customer belongs (a designation taken back locks nobody out)', async () => {
    expect(await directory.standingOf(PEOPLE.formerCsm)).toBeUndefined();
    expect(await directory.isKnownStaff(PEOPLE.formerCsm)).toBe(false);
    // At a staff domain the domain still says whose employee she is.
    expect(await directory.isKnownStaff(PEOPLE.formerCsmAtStaffDomain)).toBe(true);
  });

  it('reads a page of cases with a fixed number of queries and one wait, however many assignees', async () => {
    const pageOf = (assignees: readonly string[]): AssignedCase[] =>
      Array.from({ length: Math.max(50, assignees.length * 3) }, (_, index) => ({
        id: `case-${index}`,
        accountId: ACCOUNT_IDS[index % ACCOUNT_IDS.length],
        assignee: index % 3 === 0 ? assignees[(index / 3) % assignees.length] : null,
      }));
    const readsFor = async (assignees: readonly string[]) => {
      const { store: counted, reads } = counting(store);
      let waits = 0;
      const waiting = new CustomerDirectory(counted, { waitForHead: async () => (waits += 1) > 0 }, [
        STAFF_DOMAIN,
      ]);
      const page = pageOf(assignees);
      expect(new Set(page.map((row) => row.assignee).filter(Boolean)).size).toBe(assignees.length);
      await assigneeVouchingOfEach(waiting, page);
      expect(waits).toBe(1);
      return { reads: reads() };
    };
    const few = await readsFor([PEOPLE.outsider, PEOPLE.selfAssignedEngineer]);
    const heavy: string[] = [PEOPLE.busyOpener, PEOPLE.activeAfterManyInvitations];
    const light = emails.filter((email) => !heavy.includes(email));
    const all = await readsFor(light);
    expect(all.reads).toBe(few.reads);
    // The CSM accounts, four kinds of a customer's own records, who took a case, who was ever named
    // a CSM, and two kinds of records customers write about others (asked only for those nothing
    // else decides).
    expect(all.reads).toBe(9);
    // A customer whose cases fill a page of evidence costs one more query, not one per assignee;
    // invitations that fill a page and show no registration, the next page.
    expect((await readsFor([...light, PEOPLE.busyOpener])).reads).toBe(10);
    expect((await readsFor(emails)).reads).toBe(11);
  });

  it('tells each row of a page what the case detail tells of its assignee', async () => {
    const page: AssignedCase[] = emails.flatMap((assignee, index) =>
      ACCOUNT_IDS.map((accountId) => ({ id: `case-${index}-${accountId}`, accountId, assignee })),
    );
    const detail = await Promise.all(
      page.map((row) =>
        assigneeVouching(directory, row.assignee!, { accountId: row.accountId, caseId: row.id }),
      ),
    );
    expect(await assigneeVouchingOfEach(directory, page)).toEqual(detail);
  });

  it('makes no query for a page nobody is assigned', async () => {
    const { store: counted, reads } = counting(store);
    const unassigned = [{ id: 'case-1', accountId: 'acc-a', assignee: null }];
    await expect(assigneeVouchingOfEach(CustomerDirectory.asTheyStand(counted), unassigned)).resolves.toEqual(
      [{}],
    );
    expect(reads()).toBe(0);
  });
});
