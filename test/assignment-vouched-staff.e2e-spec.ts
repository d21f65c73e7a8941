import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The assignee is told everything on a case, internal notes included, so an engineer may hand a
 * case only to someone something vouches for as staff: an engineer who has taken a case
 * themselves, an account's CSM, or an address at a STAFF_EMAIL_DOMAINS domain. An outsider's
 * address, or a typo, is refused, naming `engineer`, and nothing is recorded or mailed.
 */
describe('a case is assigned only to someone vouched for as staff', () => {
  const DOMAINS = [undefined, 'vendor.example'] as const;

  describe.each(DOMAINS)('STAFF_EMAIL_DOMAINS=%s', (domains) => {
    let t: TestApp;
    let api: ApiClient;
    let setup: SetupSteps;
    let lead: string;
    let accountId: string;
    let licenceId: string;
    let customer: string;

    const assign = (caseId: string, engineer: string, token = lead) =>
      api.send({ method: 'POST', url: `/v1/cases/${caseId}/assignment`, payload: { engineer } }, token);
    const caseEvents = async (caseId: string) =>
      (await t.runtime.storage.eventStore.readStream(`case-${caseId}`)).map((event) => event.type);
    const newCase = (title: string) => setup.openWebCase(licenceId, customer, title);

    beforeAll(async () => {
      t = await startTestApp({ apiEnv: domains ? { STAFF_EMAIL_DOMAINS: domains } : {} });
      api = new ApiClient(t.app);
      const admin = await t.token('admin@vendor.example', ['admin']);
      lead = await t.token('lena.lead@vendor.example', ['engineer'], 'Lena Lead');
      setup = new SetupSteps(api, admin, lead);
      accountId = await setup.registerAccount('Acme');
      licenceId = await setup.issueLicence(accountId, {
        plan: 'enterprise',
        holderEmail: 'boss@acme.example',
      });
      customer = await t.token('cat@acme.example');
      await setup.addLicensedUser(licenceId, 'cat@acme.example', NO_PERMISSIONS, customer);
    });
    afterAll(() => t.close());

    it('refuses an outsider’s address with 422 naming engineer, and records nothing', async () => {
      const caseId = await newCase('Export fails');
      const refused = await assign(caseId, 'eve.hacker@evil.example');
      expect(refused.status).toBe(422);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.json().errors).toEqual([
        {
          field: 'engineer',
          message: expect.stringContaining('nothing vouches for eve.hacker@evil.example as support staff'),
        },
      ]);
      expect(await caseEvents(caseId)).toEqual(['CaseOpened']);
    });

    it('lets an engineer take a case themselves, after which colleagues may assign them', async () => {
      const newcomer = 'nina.new@partner.example';
      const first = await newCase('Login loops');
      expect((await assign(first, newcomer)).status).toBe(422);
      await api.expect(
        200,
        { method: 'POST', url: `/v1/cases/${first}/assignment`, payload: { engineer: newcomer } },
        await t.token(newcomer, ['engineer']),
      );
      const second = await newCase('Login loops again');
      expect((await assign(second, newcomer.toUpperCase())).status).toBe(200);
      expect(await caseEvents(second)).toEqual(['CaseOpened', 'EngineerAssigned']);
    });

    it("vouches for the account's CSM", async () => {
      await setup.assignCsm(accountId, 'carl.csm@partner.example');
      const caseId = await newCase('Slow reports');
      expect((await assign(caseId, 'carl.csm@partner.example')).status).toBe(200);
    });

    it('vouches for a staff-domain address only when the domain is configured, and never for a known customer there', async () => {
      const caseId = await newCase('Search is empty');
      const colleague = await assign(caseId, 'otto.other@vendor.example');
      expect(colleague.status).toBe(domains ? 200 : 422);
      // A vendor's own employee who holds a licence is a customer first.
      await setup.addLicensedUser(
        licenceId,
        'vic@vendor.example',
        NO_PERMISSIONS,
        await t.token('vic@vendor.example'),
      );
      const customerAtVendor = await assign(await newCase('Vic’s view'), 'vic@vendor.example');
      expect(customerAtVendor.status).toBe(422);
      expect(customerAtVendor.json().errors).toEqual([
        { field: 'engineer', message: expect.stringContaining('is known as a customer (licensed user)') },
      ]);
    });
  });
});
