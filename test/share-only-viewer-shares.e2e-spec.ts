import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Someone who sees a case only because it was shared with them gets neither the account's case team
 * nor the case's other shares: detail, list and as-of views show them their own share entry alone.
 * The opener, the case team and staff see every share.
 */
describe('a share-only viewer sees their own share, not the other sharees', () => {
  let t: TestApp;
  let api: ApiClient;
  let caseId: string;

  const ALICE = 'alice@acme.example';
  const SAM = 'sam@partner.example';
  const SUE = 'sue@consultancy.example';

  const sharesIn = (item: { shares: { email: string; sharedBy: string }[] }) =>
    item.shares.map(({ email, sharedBy }) => ({ email, sharedBy }));

  /** The shares as `email` gets them from the detail, the list and the as-of view, which must agree. */
  async function sharesSeenBy(email: string, roles: 'engineer'[] = []) {
    const token = await t.token(email, roles);
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, token);
    const list = await api.expect(200, { method: 'GET', url: '/v1/cases?limit=50' }, token);
    const asOf = encodeURIComponent(new Date().toISOString());
    const past = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}?asOf=${asOf}` }, token);
    const listed = list.json().items.find((item: { id: string }) => item.id === caseId);
    const seen = sharesIn(detail.json());
    expect({ list: sharesIn(listed), asOf: sharesIn(past.json()) }).toEqual({ list: seen, asOf: seen });
    return seen;
  }

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    const setup = new SetupSteps(api, admin, await t.token('eve@vendor.example', ['engineer']));
    const accountId = await setup.registerAccount('Acme');
    const licenceId = await setup.issueLicence(accountId, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
    });
    const alice = await t.token(ALICE);
    await setup.addLicensedUser(licenceId, ALICE, { ...NO_PERMISSIONS, shareTickets: true }, alice);
    await setup.addCaseTeamMember(accountId, 'tina@partner.example', true);
    caseId = await setup.openWebCase(licenceId, alice);
    await setup.shareCase(caseId, SAM, alice);
    await setup.shareCase(caseId, SUE, alice);
  });
  afterAll(() => t.close());

  it('shows each share-only viewer only their own share entry, and no case team', async () => {
    expect(await sharesSeenBy(SAM)).toEqual([{ email: SAM, sharedBy: ALICE }]);
    expect(await sharesSeenBy(SUE)).toEqual([{ email: SUE, sharedBy: ALICE }]);
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, await t.token(SAM));
    expect(detail.json().team).toEqual([]);
  });

  it('shows the opener, the case team and staff every share', async () => {
    const everyShare = [
      { email: SAM, sharedBy: ALICE },
      { email: SUE, sharedBy: ALICE },
    ];
    for (const [email, roles] of [
      [ALICE, []],
      ['tina@partner.example', []],
      ['eve@vendor.example', ['engineer']],
    ] as const) {
      expect(await sharesSeenBy(email, [...roles])).toEqual(everyShare);
    }
  });
});
