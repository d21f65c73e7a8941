import { DomainError } from '@casetrail/domain';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS, accountsProjection } from '@casetrail/readmodels/accounts/accounts.projection';
import { LICENCES, licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import type { Actor } from '../../auth/actor';
import type { ActorReachReader } from '../../cases/access/actor-reach';
import type { ProjectionCatchUp } from '../../projections/projection-catch-up';
import { LicensedProducts } from './licensed-products';
import { RegisteredAccounts } from './registered-accounts';
import { ReportingAccess } from './reporting-scope';

const ACME = '0190a5c2-0000-7000-8000-000000000001';
const GLOBEX = '0190a5c2-0000-7000-8000-000000000002';
const NOBODY = '00000000-0000-0000-0000-000000000000';
const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };
const csm: Actor = { sub: 'carla', email: 'carla@vendor.example', roles: ['csm'] };
const customer: Actor = { sub: 'jane', email: 'jane@acme.example', roles: [] };
/** A customer's compliance auditor of Globex (the token's `casetrail_accounts`). */
const globexAuditor: Actor = {
  sub: 'clara',
  email: 'clara@globex.example',
  roles: ['auditor'],
  auditedAccounts: [GLOBEX],
};

/** The refusal of an account nobody registered, as staff who see every account are told it. */
const notRegistered = (accountId: string) => ({
  kind: 'not-found',
  field: 'accountId',
  detail: `No account ${accountId} is registered`,
});

/** How a refusal reads as a problem: its status kind and the field it names. */
async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, field: error.field, detail: error.message };
    return { status: (error as { getStatus(): number }).getStatus() };
  }
  return undefined;
}

describe('the scope of a report', () => {
  let store: SqliteReadModelStore;
  let position: number;
  /** The read models' state as of the last licence event, as ProjectionCatchUp reports it. */
  let licencesVersion: number;
  const waits = { accounts: 0, licences: 0 };
  /** Stored while a request waits for the read models: an event appended just before it. */
  let pendingAccount: string | undefined;
  let access: ReportingAccess;
  /** The CSM's designated accounts, as ActorReachReader finds them. */
  let reachOf: () => Promise<{ csmAccounts: string[] }>;

  const write = (collection: string, doc: { id: string }) =>
    store.applyBatch('test', [{ position: ++position }], (_, tx) => tx.put(collection, doc.id, doc));
  const licence = (id: string, product: string) =>
    write(LICENCES, { id, accountId: ACME, product, holderEmail: 'jane@acme.example' } as never);

  beforeEach(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections([...accountsProjection.collections, ...licencesProjection.collections]);
    position = 0;
    licencesVersion = 1;
    waits.accounts = 0;
    waits.licences = 0;
    pendingAccount = undefined;
    await write(ACCOUNTS, { id: ACME });
    await write(ACCOUNTS, { id: GLOBEX });
    await licence('lic-1', 'Sitefinity');
    const catchUp = {
      waitForHead: async () => {
        waits.accounts += 1;
        if (pendingAccount) await write(ACCOUNTS, { id: pendingAccount });
        return true;
      },
      waitForHeadVersion: async () => {
        waits.licences += 1;
        return licencesVersion;
      },
      // The reporting read models hold the log (refused when they do not: read-models-behind e2e).
      refuseIfHoldingNothing: async () => undefined,
    } as unknown as ProjectionCatchUp;
    reachOf = async () => ({ csmAccounts: [GLOBEX] });
    const reach = { reachOf: () => reachOf() } as unknown as ActorReachReader;
    access = new ReportingAccess(
      reach,
      new RegisteredAccounts(store, catchUp),
      new LicensedProducts(store, catchUp),
      catchUp,
    );
  });
  afterEach(() => store.close());

  it('refuses customers', async () => {
    expect(await refusal(access.scope(customer, {}))).toEqual({ status: 403 });
  });

  describe('for staff, who see every account', () => {
    it('is every account without a filter, and the account named when it is registered', async () => {
      expect(await access.scope(engineer, {})).toEqual({
        accountId: undefined,
        product: undefined,
        coverage: { accounts: 'all' },
      });
      expect(await access.scope(engineer, { accountId: ACME })).toEqual({
        accountId: ACME,
        product: undefined,
        coverage: { accounts: 'requested', accountIds: [ACME] },
      });
      expect(waits.accounts).toBe(0);
    });

    it('refuses an account nobody registered with a 404 naming accountId, after waiting for the accounts once', async () => {
      expect(await refusal(access.scope(engineer, { accountId: NOBODY }))).toEqual({
        kind: 'not-found',
        field: 'accountId',
        detail: `No account ${NOBODY} is registered`,
      });
      expect(waits.accounts).toBe(1);
    });

    it('finds an account the read models took in while it waited', async () => {
      pendingAccount = NOBODY;
      expect(await access.scope(engineer, { accountId: NOBODY })).toMatchObject({ accountId: NOBODY });
    });
  });

  describe('for a CSM', () => {
    it('is their accounts, or the one of them named; another account is 404, registered or not', async () => {
      expect(await access.scope(csm, {})).toMatchObject({ accountId: { in: [GLOBEX] }, product: undefined });
      expect(await access.scope(csm, { accountId: GLOBEX })).toEqual({
        accountId: GLOBEX,
        product: undefined,
        coverage: { accounts: 'requested', accountIds: [GLOBEX] },
      });
      expect(await refusal(access.scope(csm, { accountId: ACME }))).toEqual(notRegistered(ACME));
      expect(await refusal(access.scope(csm, { accountId: NOBODY }))).toEqual(notRegistered(NOBODY));
    });
  });

  /**
   * README: another customer's account is to a CSM the 404 of an unknown id, and a customer's
   * compliance auditor gets the 404 of an unknown id for anything outside their accounts. Told alike
   * and after the same work: neither a registered account nor an unknown one is looked up or waited for.
   */
  describe.each<[string, Actor]>([
    ['a CSM', csm],
    ["a customer's compliance auditor", globexAuditor],
  ])('for %s naming an account not theirs', (_who, reader) => {
    it('is the 404 of an account nobody registered, without looking either up', async () => {
      const gets = jest.spyOn(store, 'get');
      const registered = await refusal(access.scope(reader, { accountId: ACME }));
      const unknown = await refusal(access.scope(reader, { accountId: NOBODY }));
      expect({ registered, unknown }).toEqual({
        registered: notRegistered(ACME),
        unknown: notRegistered(NOBODY),
      });
      expect(gets.mock.calls.filter(([collection]) => collection === ACCOUNTS)).toEqual([]);
      expect(waits.accounts).toBe(0);
    });
  });

  describe('as the response states it', () => {
    it('says a CSM who named no account sees their accounts, which, and whose', async () => {
      reachOf = async () => ({ csmAccounts: [GLOBEX, ACME] });
      expect((await access.scope(csm, {})).coverage).toEqual({
        accounts: 'your-accounts',
        csm: 'carla@vendor.example',
        accountIds: [ACME, GLOBEX],
      });
      reachOf = async () => ({ csmAccounts: [] });
      expect((await access.scope(csm, { product: 'Sitefinity' })).coverage).toEqual({
        accounts: 'your-accounts',
        csm: 'carla@vendor.example',
        accountIds: [],
      });
    });
  });

  describe('the product', () => {
    it('is taken when a licence was issued for it', async () => {
      expect(await access.scope(engineer, { product: 'Sitefinity' })).toEqual({
        accountId: undefined,
        product: 'Sitefinity',
        productName: 'Sitefinity',
        coverage: { accounts: 'all' },
      });
      expect(await access.scope(csm, { product: 'Sitefinity' })).toMatchObject({ product: 'Sitefinity' });
    });

    it('is refused with a 404 naming product when no licence ever had it', async () => {
      expect(await refusal(access.scope(engineer, { product: 'Sitefinty' }))).toEqual({
        kind: 'not-found',
        field: 'product',
        detail: 'No licence was ever issued for product "Sitefinty"',
      });
    });

    it('is one product in every spelling recorded that differs only by case or Unicode form, shown as asked when recorded so, else in the one most licences record', async () => {
      await licence('lic-2', 'SITEFINITY');
      await licence('lic-3', 'Data S\u00fcite');
      await licence('lic-4', 'Data Su\u0308ite');
      await licence('lic-5', 'data su\u0308ite');
      licencesVersion = 2;
      for (const [product, productName] of [
        [' sitefinity', 'SITEFINITY'],
        ['Sitefinity', 'Sitefinity'],
        ['SITEFINITY', 'SITEFINITY'],
      ]) {
        expect(await access.scope(engineer, { product })).toMatchObject({
          product: { in: ['SITEFINITY', 'Sitefinity'] },
          productName,
        });
      }
      expect(await access.scope(engineer, { product: 'DATA SU\u0308ITE' })).toMatchObject({
        product: { in: ['Data Su\u0308ite', 'Data S\u00fcite', 'data su\u0308ite'] },
        productName: 'Data S\u00fcite',
      });
    });

    it('reads the licences once while they do not change, and again when they do', async () => {
      const finds = jest.spyOn(store, 'find');
      await access.scope(engineer, { product: 'Sitefinity' });
      await access.scope(engineer, { product: 'Sitefinity' });
      expect(await refusal(access.scope(engineer, { product: 'Fiddler' }))).toMatchObject({
        field: 'product',
      });
      // Each look is at the version (a licence of another spelling must count at once); one pass.
      expect({ waits: waits.licences, passes: finds.mock.calls.length }).toEqual({ waits: 3, passes: 1 });

      await licence('lic-2', 'Fiddler');
      licencesVersion = 2;
      expect(await access.scope(engineer, { product: 'Fiddler' })).toMatchObject({ product: 'Fiddler' });
      expect({ waits: waits.licences, passes: finds.mock.calls.length }).toEqual({ waits: 4, passes: 2 });
    });
  });
});
