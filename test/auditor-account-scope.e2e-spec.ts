import { randomUUID } from 'node:crypto';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { QUEUES } from '../apps/api/src/queues/queue-definitions';
import { ApiResponse } from './support/fixtures/api-client';
import { AccessWorld, FixtureCases } from './support/fixtures/access-world';
import { TEST_SECRET } from './support/test-app';

/**
 * DOMAIN.md's auditor is a "read-only vendor or customer compliance role", and everyone who may not
 * see a case "gets 404, never a hint that the case exists". A customer's compliance auditor carries
 * the accounts they audit in their token (`casetrail_accounts`): they read, read-only, exactly
 * those accounts' cases (internal notes included, as auditors do), records and figures, and every
 * other account's are answered as ids nobody issued. A vendor auditor (no such claim) reads every
 * account, as before.
 */
describe("a customer's compliance auditor reads their own accounts only", () => {
  let world: AccessWorld;
  let acmeCases: FixtureCases;
  let globexCase: string;
  let scoped: string;
  const NOTE = 'Internal: suspect the CDN config';

  /** What an answer tells: its status and body with the id asked about written out of it. */
  const told = (response: ApiResponse, id: string) => ({
    status: response.status,
    body: response.body.split(id).join('<id>'),
  });
  const get = (url: string, token = scoped) => world.api.send({ method: 'GET', url }, token);

  beforeAll(async () => {
    world = await AccessWorld.build();
    acmeCases = await world.openCasePair();
    globexCase = await world.steps.openWebCase(world.licences.globex, world.token('oscar'), 'Globex outage');
    for (const caseId of [acmeCases.byAlice, globexCase]) {
      await world.api.expect(
        201,
        { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: NOTE, internal: true } },
        world.token('eve'),
      );
    }
    scoped = await mintToken(TEST_SECRET, {
      email: 'clara.compliance@acme.example',
      roles: ['auditor'],
      accounts: [world.accounts.acme],
    });
  });
  afterAll(() => world.close());

  const caseReads = (caseId: string) => [
    `/v1/cases/${caseId}`,
    `/v1/cases/${caseId}/history`,
    `/v1/cases/${caseId}?asOf=${encodeURIComponent(new Date().toISOString())}`,
    `/v1/cases/${caseId}/integrity`,
  ];

  /**
   * README: another customer's account is to a CSM "the 404 of an unknown id, as to any stranger",
   * and a customer's compliance auditor "gets the 404 of an unknown id for anything else": every
   * list and report filtered by it answers them as one nobody registered, the same status and body.
   * Before, a CSM got 403 "not one of your accounts" (and no field named). Asked before any case of
   * Globex is shared with the CSM, so it is another customer's account to them through and through.
   */
  describe('account filters', () => {
    const FILTERED = [
      '/v1/cases',
      ...QUEUES.filter((queue) => queue !== 'mine').map((queue) => `/v1/queues/${queue}`),
      '/v1/escalations',
      '/v1/dashboards/sla',
      '/v1/reports/sla-daily',
      '/v1/licences',
    ];

    it.each([
      ['their CSM', 'cora'],
      ["their customer's compliance auditor", 'scoped'],
    ] as const)("answer %s another customer's account as one nobody registered", async (_who, reader) => {
      const token = reader === 'scoped' ? scoped : world.token(reader);
      for (const url of FILTERED) {
        const unknown = randomUUID();
        const foreign = await get(`${url}?accountId=${world.accounts.globex}`, token);
        const answer = { url, ...told(foreign, world.accounts.globex) };
        expect(answer).toEqual({ url, ...told(await get(`${url}?accountId=${unknown}`, token), unknown) });
        expect({ url, status: foreign.status, type: foreign.json().type }).toEqual({
          url,
          status: 404,
          type: 'https://casetrail.dev/problems/account-not-found',
        });
        expect(foreign.contentType).toContain('application/problem+json');
        expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'accountId' })]);
        // Their own account is a filter like any other.
        expect({ url, status: (await get(`${url}?accountId=${world.accounts.acme}`, token)).status }).toEqual(
          {
            url,
            status: 200,
          },
        );
      }
    });
  });

  describe('cases', () => {
    it("reads their account's case, its history with internal notes, its past and its integrity", async () => {
      for (const url of caseReads(acmeCases.byAlice)) expect((await get(url)).status).toBe(200);
      expect((await get(`/v1/cases/${acmeCases.byAlice}/history`)).body).toContain(NOTE);
    });

    it("gets for another account's case, on every read, what an id nobody opened gets", async () => {
      const unknown = randomUUID();
      const reads = caseReads(globexCase);
      const unknownReads = caseReads(unknown);
      for (const [index, url] of reads.entries()) {
        const answer = told(await get(url), globexCase);
        expect(answer.status).toBe(404);
        expect(answer).toEqual(told(await get(unknownReads[index]), unknown));
      }
    });

    it('lists exactly their accounts’ cases', async () => {
      const ids = (await get('/v1/cases?limit=200')).json().items.map((item: { id: string }) => item.id);
      expect(ids.sort()).toEqual([acmeCases.byAlice, acmeCases.byBob].sort());
      // Another account is refused as the licences, queues and reports refuse it, not an empty list
      // that reads as "no cases": the 404 of an account nobody registered.
      const unknown = randomUUID();
      const named = await get(`/v1/cases?limit=200&accountId=${world.accounts.globex}`);
      expect(named.status).toBe(404);
      expect(named.json().type).toBe('https://casetrail.dev/problems/account-not-found');
      expect(told(named, world.accounts.globex)).toEqual(
        told(await get(`/v1/cases?limit=200&accountId=${unknown}`), unknown),
      );
      expect((await get(`/v1/cases?accountId=${world.accounts.acme}`)).status).toBe(200);
    });

    it('answers a CSM naming an account not theirs the 404 of an unknown account, as the licences and queues do', async () => {
      const cora = world.token('cora');
      const unknown = randomUUID();
      const named = await get(`/v1/cases?accountId=${world.accounts.globex}`, cora);
      expect(named.status).toBe(404);
      expect(named.json().errors).toEqual([expect.objectContaining({ field: 'accountId' })]);
      expect(told(named, world.accounts.globex)).toEqual(
        told(await get(`/v1/cases?accountId=${unknown}`, cora), unknown),
      );
      const own = await get(`/v1/cases?limit=200&accountId=${world.accounts.acme}`, cora);
      expect(own.status).toBe(200);
      expect(
        own
          .json()
          .items.map((item: { id: string }) => item.id)
          .sort(),
      ).toEqual([acmeCases.byAlice, acmeCases.byBob].sort());
      // A case of another account shared with them is theirs to list, by its account too.
      await world.steps.shareCase(globexCase, 'cora.csm@vendor.example', world.token('oscar'));
      const shared = await get(`/v1/cases?accountId=${world.accounts.globex}`, cora);
      expect(shared.status).toBe(200);
      expect(shared.json().items.map((item: { id: string }) => item.id)).toEqual([globexCase]);
    });

    it('leaves the vendor auditor reading every account', async () => {
      for (const url of caseReads(globexCase))
        expect((await get(url, world.token('audrey'))).status).toBe(200);
      const ids = (await get('/v1/cases?limit=200', world.token('audrey')))
        .json()
        .items.map((item: { id: string }) => item.id);
      expect(ids).toEqual(expect.arrayContaining([acmeCases.byAlice, acmeCases.byBob, globexCase]));
    });
  });

  describe('licences', () => {
    it("reads their account's licence and its history", async () => {
      for (const url of [
        `/v1/licences/${world.licences.acme}`,
        `/v1/licences/${world.licences.acme}/history`,
        `/v1/licences/${world.licences.acme}/integrity`,
      ])
        expect((await get(url)).status).toBe(200);
    });

    it("gets for another account's licence what an id nobody issued gets", async () => {
      const unknown = randomUUID();
      for (const path of ['', '/history', '/integrity', '/pending-invitations']) {
        const answer = told(await get(`/v1/licences/${world.licences.globex}${path}`), world.licences.globex);
        expect(answer.status).toBe(404);
        expect(answer).toEqual(told(await get(`/v1/licences/${unknown}${path}`), unknown));
      }
    });

    it('lists their accounts’ licences and overdue invitations only', async () => {
      const list = (await get('/v1/licences?limit=200')).json();
      expect(list.items.map((item: { id: string }) => item.id)).toEqual([world.licences.acme]);
      expect(list.scope).toEqual({ accountIds: [world.accounts.acme] });
      expect((await get(`/v1/licences?accountId=${world.accounts.globex}`)).status).toBe(404);
      const overdue = (await get('/v1/invitations/overdue?olderThanHours=0')).json();
      expect(overdue.scope).toEqual({ accountIds: [world.accounts.acme] });
      for (const invitation of overdue.invitations) expect(invitation.accountId).toBe(world.accounts.acme);
    });
  });

  describe("accounts' records", () => {
    it("reads their account's history and checks its chain", async () => {
      for (const path of ['/history', '/integrity'])
        expect((await get(`/v1/accounts/${world.accounts.acme}${path}`)).status).toBe(200);
    });

    it("gets for another account's history what an id nobody registered gets", async () => {
      const unknown = randomUUID();
      for (const path of ['/history', '/integrity']) {
        const answer = told(await get(`/v1/accounts/${world.accounts.globex}${path}`), world.accounts.globex);
        expect(answer.status).toBe(404);
        expect(answer).toEqual(told(await get(`/v1/accounts/${unknown}${path}`), unknown));
        expect(
          (await get(`/v1/accounts/${world.accounts.globex}${path}`, world.token('audrey'))).status,
        ).toBe(200);
      }
    });
  });

  describe('queues and reports', () => {
    it.each(QUEUES.filter((queue) => queue !== 'mine'))(
      'the %s queue holds their accounts’ cases only, and another account is 404',
      async (queue) => {
        const all = (await get(`/v1/queues/${queue}?limit=200`, world.token('audrey'))).json().items;
        const own = (await get(`/v1/queues/${queue}?limit=200`)).json().items;
        const acmeIds = all
          .filter((item: { accountId: string }) => item.accountId === world.accounts.acme)
          .map((item: { id: string }) => item.id);
        expect(own.map((item: { id: string }) => item.id)).toEqual(acmeIds);
        const named = await get(`/v1/queues/${queue}?accountId=${world.accounts.globex}`);
        expect(named.status).toBe(404);
        expect(named.json().type).toBe('https://casetrail.dev/problems/account-not-found');
      },
    );

    it('the unassigned queue holds their cases and not the other account’s', async () => {
      const ids = (await get('/v1/queues/unassigned?limit=200'))
        .json()
        .items.map((item: { id: string }) => item.id);
      expect(ids).toEqual(expect.arrayContaining([acmeCases.byAlice, acmeCases.byBob]));
      expect(ids).not.toContain(globexCase);
    });

    it.each(['/v1/dashboards/sla', '/v1/reports/sla-daily', '/v1/escalations'])(
      '%s covers their accounts, says so, and answers another account with 404',
      async (url) => {
        const response = await get(url);
        expect(response.status).toBe(200);
        expect(response.json().scope).toEqual({
          accounts: 'your-accounts',
          auditor: 'clara.compliance@acme.example',
          accountIds: [world.accounts.acme],
        });
        // As an account nobody registered is answered to staff who see every account.
        const unknown = randomUUID();
        const named = await get(`${url}?accountId=${world.accounts.globex}`);
        expect(named.status).toBe(404);
        expect(told(named, world.accounts.globex)).toEqual(
          told(await get(`${url}?accountId=${unknown}`, world.token('adam')), unknown),
        );
      },
    );

    it('the daily report as CSV is named after the auditor whose accounts it counts', async () => {
      const response = await world.testApp.app.inject({
        method: 'GET',
        url: '/v1/reports/sla-daily',
        headers: { authorization: `Bearer ${scoped}`, accept: 'text/csv' },
      });
      expect(response.statusCode).toBe(200);
      expect(String(response.headers['content-disposition'])).toContain(
        '-accounts-of-clara.compliance-acme.example.csv',
      );
    });

    it('a product filter does not tell them whether another customer licenses the product', async () => {
      // Globex alone licenses "Globex Suite": to them it answers as a product nobody licenses.
      await world.steps.issueLicence(world.accounts.globex, {
        plan: 'standard',
        holderEmail: 'gina.holder@globex.example',
        product: 'Globex Suite',
      });
      for (const url of [
        '/v1/queues/open',
        '/v1/dashboards/sla',
        '/v1/reports/sla-daily',
        '/v1/escalations',
      ]) {
        const licensedElsewhere = told(await get(`${url}?product=Globex%20Suite`), 'Globex Suite');
        const nobodys = told(await get(`${url}?product=Nobodys%20Product`), 'Nobodys Product');
        expect({ url, ...licensedElsewhere }).toEqual({ url, ...nobodys });
        expect(licensedElsewhere.status).toBe(200);
      }
    });

    it('the dashboard counts only their accounts’ cases', async () => {
      const dashboard = async (token: string, query = '') =>
        (await get(`/v1/dashboards/sla${query}`, token)).json();
      const own = await dashboard(scoped);
      const acmeOnly = await dashboard(world.token('audrey'), `?accountId=${world.accounts.acme}`);
      const { scope: _own, ...ownFigures } = own;
      const { scope: _acme, filters: _f1, ...acmeFigures } = acmeOnly;
      const { filters: _f2, ...ownWithoutFilters } = ownFigures;
      expect(ownWithoutFilters).toEqual(acmeFigures);
    });
  });

  describe('accounts', () => {
    it('reads their account and its case-team entries, and lists it alone', async () => {
      expect((await get(`/v1/accounts/${world.accounts.acme}`)).status).toBe(200);
      const tina = 'tina.teammate@partner.example';
      const member = await get(`/v1/accounts/${world.accounts.acme}/case-team/${tina}`);
      expect(member.status).toBe(200);
      const list = (await get('/v1/accounts?limit=200')).json();
      expect(list.items.map((item: { id: string }) => item.id)).toEqual([world.accounts.acme]);
    });

    it('gets for another account what an id nobody registered gets', async () => {
      const unknown = randomUUID();
      for (const path of ['', '/case-team/colin.csm@vendor.example']) {
        const answer = told(await get(`/v1/accounts/${world.accounts.globex}${path}`), world.accounts.globex);
        expect(answer.status).toBe(404);
        expect(answer).toEqual(told(await get(`/v1/accounts/${unknown}${path}`), unknown));
      }
      expect((await get(`/v1/accounts/${world.accounts.globex}`, world.token('audrey'))).status).toBe(200);
    });
  });

  /**
   * Every change is refused alike, before any record is looked up: a refusal that differed for
   * another customer's records (403) and ids nobody issued (404) would tell which ids are live.
   */
  describe('writes', () => {
    const writes = (ids: { account: string; licence: string; caseId: string }) => [
      { method: 'POST' as const, url: `/v1/cases/${ids.caseId}/comments`, payload: { body: 'x' } },
      { method: 'PATCH' as const, url: `/v1/licences/${ids.licence}`, payload: { seats: 5 } },
      {
        method: 'PUT' as const,
        url: `/v1/accounts/${ids.account}/csm`,
        payload: { email: 'x@vendor.example' },
      },
      {
        method: 'POST' as const,
        url: `/v1/accounts/${ids.account}/case-team`,
        payload: { email: 'x@acme.example', name: 'X', notify: true },
      },
    ];

    it('are 403 read-only-actor on their own account, another and an unknown one alike', async () => {
      const own = { account: world.accounts.acme, licence: world.licences.acme, caseId: acmeCases.byAlice };
      const other = { account: world.accounts.globex, licence: world.licences.globex, caseId: globexCase };
      const unknown = { account: randomUUID(), licence: randomUUID(), caseId: randomUUID() };
      for (const ids of [own, other, unknown]) {
        for (const request of writes(ids)) {
          const response = await world.api.send(request, scoped);
          expect({ url: request.url, status: response.status, type: response.json().type }).toEqual({
            url: request.url,
            status: 403,
            type: 'https://casetrail.dev/problems/read-only-actor',
          });
        }
      }
      const opening = await world.api.send(
        {
          method: 'POST',
          url: '/v1/cases',
          payload: {
            licenceId: world.licences.acme,
            title: 'x',
            description: 'x',
            severity: 3,
            channel: 'web',
          },
        },
        scoped,
      );
      expect(opening.status).toBe(403);
      expect(opening.json().type).toBe('https://casetrail.dev/problems/read-only-actor');
      // In every auditor's words, with what to do instead.
      expect(opening.json().detail).toMatch(
        /auditor role is read-only.*use a token without the auditor role/,
      );
    });
  });

  describe('the token', () => {
    it.each([
      ['with a working role beside auditor', { roles: ['auditor', 'engineer'] }],
      ['without the auditor role', { roles: ['engineer'] }],
      ['of a customer', { roles: [] }],
    ] as const)('naming accounts %s is refused with 401 saying why', async (_label, { roles }) => {
      const token = await mintToken(TEST_SECRET, {
        email: 'x@acme.example',
        roles: [...roles],
        accounts: [world.accounts.acme],
      });
      const response = await get('/v1/cases', token);
      expect(response.status).toBe(401);
      expect(response.json().detail).toContain('casetrail_accounts');
    });
  });
});
