import { StaffRole } from '../apps/api/src/auth/actor';
import { QUEUES } from '../apps/api/src/queues/queue-definitions';
import {
  CUSTOMER_KINDS,
  describeActor,
  PEOPLE,
  PERSON_KINDS,
  PersonKind,
} from './support/fixtures/access-actors';
import { AccessWorld, FixtureCase, FixtureCases, useAccessWorld } from './support/fixtures/access-world';
import { CASE_AUDIENCE, STAFF } from './support/fixtures/documented-access';

/**
 * Lists and queues show exactly the cases the caller may see (DOMAIN.md "Who may see a case"),
 * filtered by the store, not merely refused one by one: a list never reveals a hidden case. The
 * account list and licence view follow the same idea for staff and licensed users.
 */
describe('lists and queues show only what the caller may see', () => {
  let world: AccessWorld;
  let cases: FixtureCases;

  useAccessWorld((setting) => {
    ({ world, cases } = setting);
  });

  const fixtureCasesIn = (items: { id: string }[]): FixtureCase[] =>
    (Object.keys(cases) as FixtureCase[]).filter((key) => items.some((item) => item.id === cases[key]));
  const expectedFor = (kind: PersonKind): FixtureCase[] =>
    (Object.keys(CASE_AUDIENCE) as FixtureCase[]).filter((key) => CASE_AUDIENCE[key].seers.includes(kind));

  it.each(PERSON_KINDS.map((kind) => [describeActor(kind), kind] as const))(
    'GET /v1/cases for %s lists exactly the fixture cases they may see',
    async (_label, kind) => {
      const response = await world.api.expect(
        200,
        { method: 'GET', url: '/v1/cases?limit=200' },
        world.token(kind),
      );
      expect(fixtureCasesIn(response.json().items)).toEqual(expectedFor(kind));
    },
  );

  it.each(PERSON_KINDS.map((kind) => [describeActor(kind), kind] as const))(
    'GET /v1/cases?accountId={acme} for %s narrows, never widens, what they see',
    async (_label, kind) => {
      const url = `/v1/cases?limit=200&accountId=${world.accounts.acme}`;
      // A CSM of another account who sees no Acme case gets the 404 of an unknown account, as the
      // queues and reports answer them.
      if (kind === 'colin' && expectedFor(kind).length === 0) {
        await world.api.expect(404, { method: 'GET', url }, world.token(kind));
        return;
      }
      const response = await world.api.expect(200, { method: 'GET', url }, world.token(kind));
      expect(fixtureCasesIn(response.json().items)).toEqual(expectedFor(kind));
    },
  );

  it('a customer asking for another account by id gets an empty list, not an error or its cases', async () => {
    const url = `/v1/cases?accountId=${world.accounts.acme}`;
    const response = await world.api.expect(200, { method: 'GET', url }, world.token('oscar'));
    expect(response.json().items).toEqual([]);
  });

  it.each(PERSON_KINDS.map((kind) => [describeActor(kind), kind] as const))(
    'GET /v1/cases?accountId=<not an account id> for %s is 400 naming accountId, as the reports answer',
    async (_label, kind) => {
      for (const accountId of [
        'x',
        'not-a-uuid',
        world.accounts.acme.slice(0, -1),
        `${world.accounts.acme}x`,
      ]) {
        const url = `/v1/cases?accountId=${encodeURIComponent(accountId)}`;
        const response = await world.api.send({ method: 'GET', url }, world.token(kind));
        expect({ accountId, status: response.status }).toEqual({ accountId, status: 400 });
        expect(response.contentType).toContain('application/problem+json');
        expect(response.json().errors).toEqual([
          { field: 'accountId', message: 'accountId must be an account id (a UUID)' },
        ]);
      }
    },
  );

  it('the queues take an accountId as the reports do: 400 naming it unless it is an account id', async () => {
    const queue = (accountId: string) =>
      world.api.send({ method: 'GET', url: `/v1/queues/open?accountId=${accountId}` }, world.token('eve'));
    const malformed = await queue('x');
    expect(malformed.status).toBe(400);
    expect(malformed.json().errors).toEqual([expect.objectContaining({ field: 'accountId' })]);
    const acme = await queue(world.accounts.acme);
    expect(acme.status).toBe(200);
    expect(acme.json().items.length).toBeGreaterThan(0);
    for (const item of acme.json().items) expect(item.accountId).toBe(world.accounts.acme);
  });

  describe('internal notes', () => {
    const note = 'Internal: the customer runs an unsupported build';

    beforeAll(async () => {
      await world.api.expect(
        201,
        {
          method: 'POST',
          url: `/v1/cases/${cases.byAlice}/comments`,
          payload: { body: note, internal: true },
        },
        world.token('cora'),
      );
    });

    const reads = (caseId: string) => [
      `/v1/cases/${caseId}`,
      `/v1/cases/${caseId}/history`,
      `/v1/cases/${caseId}?asOf=${encodeURIComponent(new Date().toISOString())}`,
      '/v1/cases?limit=200',
    ];

    it.each(CASE_AUDIENCE.byAlice.seers.filter((kind) => CUSTOMER_KINDS.includes(kind)))(
      'never reach %s, who sees the case, in any read',
      async (kind) => {
        for (const url of reads(cases.byAlice)) {
          const response = await world.api.expect(200, { method: 'GET', url }, world.token(kind));
          expect(response.body).not.toContain(note);
        }
      },
    );

    it.each(['eve', 'cora', 'audrey', 'adam'] as const)('are in the history %s reads', async (kind) => {
      const url = `/v1/cases/${cases.byAlice}/history`;
      expect((await world.api.expect(200, { method: 'GET', url }, world.token(kind))).body).toContain(note);
    });
  });

  describe('accounts and licences', () => {
    it.each([
      ['cora', ['Acme']],
      ['colin', ['Globex']],
      ['eve', ['Acme', 'Globex']],
      ['audrey', ['Acme', 'Globex']],
    ] as const)('GET /v1/accounts for %s lists %j', async (kind, names) => {
      const response = await world.api.expect(
        200,
        { method: 'GET', url: '/v1/accounts?limit=200' },
        world.token(kind),
      );
      const listed = response.json().items.map((account: { name: string }) => account.name);
      expect([...listed].sort()).toEqual([...names]);
    });

    it.each(['hannah', 'max', 'eve', 'cora'] as const)(
      'the licence view shows %s every user of the licence',
      async (kind) => {
        const response = await world.api.expect(
          200,
          { method: 'GET', url: `/v1/licences/${world.licences.acme}` },
          world.token(kind),
        );
        const emails = response.json().users.map((user: { email: string }) => user.email);
        expect(emails).toEqual(
          expect.arrayContaining([PEOPLE.alice.email, PEOPLE.bob.email, PEOPLE.penny.email]),
        );
      },
    );

    it.each(['alice', 'carol'] as const)(
      'the licence view shows %s the terms and only themselves',
      async (kind) => {
        const response = await world.api.expect(
          200,
          { method: 'GET', url: `/v1/licences/${world.licences.acme}` },
          world.token(kind),
        );
        expect(response.json()).toMatchObject({ id: world.licences.acme, plan: 'mission-critical' });
        expect(response.json().users.map((user: { email: string }) => user.email)).toEqual([
          PEOPLE[kind].email,
        ]);
      },
    );

    it('the licence view refuses penny (pending) 403 until she registers, as the account view does', async () => {
      await world.api.expect(
        403,
        { method: 'GET', url: `/v1/licences/${world.licences.acme}` },
        world.token('penny'),
      );
    });
  });

  describe('queues', () => {
    it.each(STAFF.map((kind) => [describeActor(kind), kind] as const))(
      'the open queue of %s holds the Acme cases only if they may see them',
      async (_label, kind) => {
        const response = await world.api.expect(
          200,
          { method: 'GET', url: '/v1/queues/open?limit=200' },
          world.token(kind),
        );
        expect(fixtureCasesIn(response.json().items)).toEqual(expectedFor(kind));
      },
    );

    it.each([...QUEUES])('every staff member may open the %s queue', async (queue) => {
      for (const kind of STAFF) {
        await world.api.expect(200, { method: 'GET', url: `/v1/queues/${queue}` }, world.token(kind));
      }
    });

    it.each(CUSTOMER_KINDS.map((kind) => [describeActor(kind), kind] as const))(
      'queues are refused to %s with 403',
      async (_label, kind) => {
        await world.api.expect(403, { method: 'GET', url: '/v1/queues/open' }, world.token(kind));
      },
    );

    it('a CSM designated to no account sees empty queues, not an error', async () => {
      const token = await world.testApp.token('new.csm@vendor.example', ['csm'] satisfies StaffRole[]);
      for (const queue of QUEUES) {
        const response = await world.api.expect(200, { method: 'GET', url: `/v1/queues/${queue}` }, token);
        expect(response.json().items).toEqual([]);
      }
    });

    it('an unknown queue is 404, and 401 without a token comes first', async () => {
      await world.api.expect(404, { method: 'GET', url: '/v1/queues/everything' }, world.token('eve'));
      await world.api.expect(401, { method: 'GET', url: '/v1/queues/everything' });
    });
  });
});
