import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The assignee is told everything on a case, internal notes included, so an engineer may hand a
 * case only to someone something vouches for as staff: an engineer who has taken a case
 * themselves, an account's CSM, or an address at a STAFF_EMAIL_DOMAINS domain. An outsider's
 * address, or a typo, is refused, naming `engineer`, and nothing is recorded or mailed. A CSM sees
 * only their own accounts' cases, so being another account's CSM does not vouch for them on this one.
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

    it('refuses a licensed user of a customer taking a case themselves with an engineer token (422 assignee-not-staff), and does not offer it', async () => {
      const caseId = await newCase('Reports empty');
      const catAsEngineer = await t.token('cat@acme.example', ['engineer']);
      const detail = await api.send({ method: 'GET', url: `/v1/cases/${caseId}` }, catAsEngineer);
      expect(detail.json().allowedActions).not.toContain('assign');
      const refused = await assign(caseId, 'cat@acme.example', catAsEngineer);
      expect(refused.status).toBe(422);
      expect(refused.json()).toMatchObject({
        type: expect.stringContaining('assignee-not-staff'),
        errors: [
          { field: 'engineer', message: expect.stringContaining('cat@acme.example is known as a customer') },
        ],
      });
      expect(await caseEvents(caseId)).toEqual(['CaseOpened']);
    });

    it("vouches for the account's CSM", async () => {
      await setup.assignCsm(accountId, 'carl.csm@partner.example');
      const caseId = await newCase('Slow reports');
      expect((await assign(caseId, 'carl.csm@partner.example')).status).toBe(200);
    });

    it('refuses a CSM vouched for only by other accounts (who gets 404 for the case) with 422 assignee-cannot-see-case, and records nothing', async () => {
      const globex = await setup.registerAccount('Globex');
      await setup.assignCsm(globex, 'gina.csm@partner.example');
      const caseId = await newCase('Invoices vanish');
      const gina = await t.token('gina.csm@partner.example', ['csm']);
      await api.expect(404, { method: 'GET', url: `/v1/cases/${caseId}` }, gina);
      const refused = await assign(caseId, 'gina.csm@partner.example');
      expect(refused.status).toBe(422);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.json().type).toBe('https://casetrail.dev/problems/assignee-cannot-see-case');
      expect(refused.json().errors).toEqual([
        {
          field: 'engineer',
          message: expect.stringContaining(
            'gina.csm@partner.example is the CSM of other accounts and cannot see this case',
          ),
        },
      ]);
      expect(await caseEvents(caseId)).toEqual(['CaseOpened']);
    });

    it("does not let a CSM's assignment to their own account's case vouch for them on another account's", async () => {
      // Carl, Acme's CSM, was assigned an Acme case above; that shows a CSM, not an engineer.
      const initech = await setup.registerAccount('Initech');
      const initechLicence = await setup.issueLicence(initech, {
        plan: 'enterprise',
        holderEmail: 'boss@initech.example',
      });
      const ian = await t.token('ian@initech.example');
      await setup.addLicensedUser(initechLicence, 'ian@initech.example', NO_PERMISSIONS, ian);
      const caseId = await setup.openWebCase(initechLicence, ian, 'Reports time out');
      const refused = await assign(caseId, 'carl.csm@partner.example');
      expect(refused.status).toBe(422);
      expect(refused.json().type).toBe('https://casetrail.dev/problems/assignee-cannot-see-case');
      expect(await caseEvents(caseId)).toEqual(['CaseOpened']);
    });

    it('still vouches for a CSM of other accounts who took a case outside them', async () => {
      const hooli = await setup.registerAccount('Hooli');
      await setup.assignCsm(hooli, 'hank@partner.example');
      await api.expect(
        200,
        {
          method: 'POST',
          url: `/v1/cases/${await newCase('Cache stale')}/assignment`,
          payload: { engineer: 'hank@partner.example' },
        },
        await t.token('hank@partner.example', ['engineer', 'csm']),
      );
      expect((await assign(await newCase('Cache stale again'), 'hank@partner.example')).status).toBe(200);
    });

    // Finding engineer4 F1: all CSMs sign in at the vendor's domain, so the domain says nothing of
    // the role they work under; a CSM of other accounts only sees none of this account's cases.
    it('refuses a CSM of other accounts at a staff domain with 422 assignee-cannot-see-case, until they take a case themselves', async () => {
      const umbrella = await setup.registerAccount('Umbrella');
      await setup.assignCsm(umbrella, 'sally@vendor.example');
      const caseId = await newCase('Feed empty');
      await api.expect(
        404,
        { method: 'GET', url: `/v1/cases/${caseId}` },
        await t.token('sally@vendor.example', ['csm']),
      );
      const refused = await assign(caseId, 'sally@vendor.example');
      expect(refused.status).toBe(422);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.json().type).toBe('https://casetrail.dev/problems/assignee-cannot-see-case');
      expect(refused.json().errors).toEqual([{ field: 'engineer', message: expect.any(String) }]);
      expect(await caseEvents(caseId)).toEqual(['CaseOpened']);
      // Known as an engineer once she takes a case herself: colleagues may assign her then.
      await api.expect(
        200,
        {
          method: 'POST',
          url: `/v1/cases/${await newCase('Feed empty again')}/assignment`,
          payload: { engineer: 'sally@vendor.example' },
        },
        await t.token('sally@vendor.example', ['engineer', 'csm']),
      );
      expect((await assign(caseId, 'sally@vendor.example')).status).toBe(200);
    });

    // Finding security4 F2: a CSM replaced or removed sees none of the account's cases any more; the
    // staff domain vouched for her then (she was CSM of no account), so she was assigned them and
    // mailed their internal notes while her token got 404 on them.
    it.each(['replaced', 'removed'])(
      'refuses a CSM %s on the account with 422 assignee-cannot-see-case, and no longer vouches for her on the case she was assigned',
      async (how) => {
        const formerCsm = `former.${how}@vendor.example`;
        const account = await setup.registerAccount(`Former CSM ${how}`);
        const licence = await setup.issueLicence(account, {
          plan: 'mission-critical',
          holderEmail: `boss@${how}.example`,
        });
        const opener = await t.token(`olga@${how}.example`);
        await setup.addLicensedUser(licence, `olga@${how}.example`, NO_PERMISSIONS, opener);
        await setup.assignCsm(account, formerCsm);
        const hers = await setup.openWebCase(licence, opener, 'Assigned while she was CSM');
        expect((await assign(hers, formerCsm)).status).toBe(200);
        if (how === 'replaced') await setup.assignCsm(account, `next.csm@vendor.example`);
        else
          await api.expect(200, { method: 'DELETE', url: `/v1/accounts/${account}/csm` }, setup.adminToken);

        const caseId = await setup.openWebCase(licence, opener, 'After she left');
        await api.expect(
          404,
          { method: 'GET', url: `/v1/cases/${caseId}` },
          await t.token(formerCsm, ['csm']),
        );
        const refused = await assign(caseId, formerCsm);
        expect(refused.status).toBe(422);
        expect(refused.contentType).toContain('application/problem+json');
        expect(refused.json().type).toBe('https://casetrail.dev/problems/assignee-cannot-see-case');
        expect(await caseEvents(caseId)).toEqual(['CaseOpened']);
        const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${hers}` }, lead);
        expect(detail.json()).toMatchObject({ assignee: formerCsm, assigneeVouched: false });
      },
    );

    it('vouches for a staff-domain address only when the domain is configured, and never for a known customer there', async () => {
      const caseId = await newCase('Search is empty');
      const colleague = await assign(caseId, 'otto.other@vendor.example');
      expect(colleague.status).toBe(domains ? 200 : 422);
      if (domains) {
        // The domain makes the address known staff, so it is refused as a customer (finding
        // security4 F3): no licence, case team or holder can make a customer of it.
        const invitation = await api.send(
          {
            method: 'POST',
            url: `/v1/licences/${licenceId}/users`,
            payload: {
              email: 'vic@vendor.example',
              firstName: 'Vic',
              lastName: 'Example',
              company: 'Acme',
              country: 'DE',
              permissions: NO_PERMISSIONS,
            },
          },
          setup.adminToken,
        );
        expect(invitation.status).toBe(422);
        return;
      }
      // Without the domain, a vendor's own employee who holds a licence is a customer first.
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
