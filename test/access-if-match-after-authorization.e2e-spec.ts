import { randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResponse } from './support/fixtures/api-client';
import { PEOPLE } from './support/fixtures/access-actors';
import { AccessWorld } from './support/fixtures/access-world';

/** Long behind every record of the world: whoever may act on a record gets a 412 for it. */
const STALE = '"1"';

/**
 * A licence or account command from a caller who may not make it is refused as it is without
 * If-Match: a stale If-Match must not turn the refusal into a 412 naming the record's revision,
 * which would tell an outsider that the record exists and how often it changes. Who may act is
 * decided first; only then is the revision compared (case commands already answer 404 first).
 */
describe('licence and account commands decide who may act before they compare If-Match', () => {
  let world: AccessWorld;

  beforeAll(async () => {
    world = await AccessWorld.build();
  });

  afterAll(() => world.close());

  const withIfMatch = (request: ApiRequest): ApiRequest => ({
    ...request,
    headers: { ...request.headers, 'if-match': STALE },
  });

  /** The answer as a caller sees it: the status and the problem they are given. */
  const answer = (response: ApiResponse) => ({ status: response.status, body: response.body });

  async function expectSameAnswerWithStaleIfMatch(request: ApiRequest, token: string, status: number) {
    const without = await world.api.send(request, token);
    const stale = await world.api.send(withIfMatch(request), token);
    expect(without.status).toBe(status);
    expect(answer(stale)).toEqual(answer(without));
    expect(stale.body).not.toMatch(/revision/);
  }

  const acmeLicence = () => `/v1/licences/${world.licences.acme}`;
  const acmeAccount = () => `/v1/accounts/${world.accounts.acme}`;

  describe('a caller who may not act gets the refusal they get without If-Match', () => {
    // oscar manages the users of Globex's licence, not Acme's (a stranger to it: 404, as for a licence
    // nobody issued); dave is an Acme user without manage-users (403).
    it.each([
      ['oscar (another account’s manager) removes an Acme user', 'oscar', 'DELETE', 'users/bob', 404],
      ['oscar changes an Acme user’s permissions', 'oscar', 'PATCH', 'users/bob', 404],
      ['dave (same account, no manage-users) removes an Acme user', 'dave', 'DELETE', 'users/bob', 403],
    ] as const)('licence: %s', async (_, who, method, path, status) => {
      const request: ApiRequest = {
        method,
        url: `${acmeLicence()}/${path.replace('bob', PEOPLE.bob.email)}`,
        ...(method === 'PATCH' ? { payload: { permissions: { manageUsers: true } } } : {}),
      };
      await expectSameAnswerWithStaleIfMatch(request, world.token(who), status);
    });

    it('licence: a customer completing "their" registration on a licence that never invited them', async () => {
      const request: ApiRequest = {
        method: 'POST',
        url: `${acmeLicence()}/users/${PEOPLE.oscar.email}/activation`,
      };
      await expectSameAnswerWithStaleIfMatch(request, world.token('oscar'), 404);
    });

    // oscar is a stranger to Acme's account too (no licence of it, not on its case team): 404, as for
    // an account nobody registered; dave, an Acme user, is known to it and keeps his 403.
    it.each([
      ['oscar', 404],
      ['dave', 403],
    ] as const)('account: %s names Acme’s CSM and renames Acme', async (who, status) => {
      await expectSameAnswerWithStaleIfMatch(
        { method: 'PUT', url: `${acmeAccount()}/csm`, payload: { email: 'someone@vendor.example' } },
        world.token(who),
        status,
      );
      await expectSameAnswerWithStaleIfMatch(
        { method: 'PATCH', url: acmeAccount(), payload: { name: 'Taken over' } },
        world.token(who),
        status,
      );
    });

    it('account: oscar changes a case-team member’s notifications, and "his own" on a team he is not on', async () => {
      await expectSameAnswerWithStaleIfMatch(
        {
          method: 'PATCH',
          url: `${acmeAccount()}/case-team/${PEOPLE.tina.email}`,
          payload: { notify: false },
        },
        world.token('oscar'),
        404,
      );
      await expectSameAnswerWithStaleIfMatch(
        {
          method: 'PATCH',
          url: `${acmeAccount()}/case-team/${PEOPLE.oscar.email}`,
          payload: { notify: false },
        },
        world.token('oscar'),
        404,
      );
    });

    it('account: dave (an Acme user) changes a case-team member’s notifications: 403', async () => {
      await expectSameAnswerWithStaleIfMatch(
        {
          method: 'PATCH',
          url: `${acmeAccount()}/case-team/${PEOPLE.tina.email}`,
          payload: { notify: false },
        },
        world.token('dave'),
        403,
      );
    });
  });

  describe('an unknown id gets the answer it gets without If-Match, whoever asks', () => {
    it.each(['oscar', 'max', 'adam'] as const)('%s', async (who) => {
      await expectSameAnswerWithStaleIfMatch(
        { method: 'DELETE', url: `/v1/licences/${randomUUID()}/users/${PEOPLE.bob.email}` },
        world.token(who),
        404,
      );
      await expectSameAnswerWithStaleIfMatch(
        {
          method: 'PUT',
          url: `/v1/accounts/${randomUUID()}/csm`,
          payload: { email: 'someone@vendor.example' },
        },
        world.token(who),
        404,
      );
    });
  });

  describe('a caller who may act still gets 412 for a stale If-Match, and nothing changes', () => {
    /** `record`'s ETag (read by the admin, who sees every record) is the same after the 412. */
    async function expectStale(request: ApiRequest, token: string, record: string) {
      const etag = async () =>
        (await world.api.expect(200, { method: 'GET', url: record }, world.token('adam'))).headers.etag;
      const before = await etag();
      const response = await world.api.send(withIfMatch(request), token);
      expect(response.status).toBe(412);
      expect(response.json().detail).toMatch(/is at revision \d+, not 1/);
      expect(await etag()).toBe(before);
    }

    it('licence: max (manage-users) removes an Acme user, the holder changes permissions', async () => {
      const bob = `${acmeLicence()}/users/${PEOPLE.bob.email}`;
      await expectStale({ method: 'DELETE', url: bob }, world.token('max'), acmeLicence());
      await expectStale(
        { method: 'PATCH', url: bob, payload: { permissions: { manageUsers: true } } },
        world.token('hannah'),
        acmeLicence(),
      );
    });

    it('account: the admin names a CSM, a member changes their own notifications', async () => {
      await expectStale(
        { method: 'PUT', url: `${acmeAccount()}/csm`, payload: { email: 'someone@vendor.example' } },
        world.token('adam'),
        acmeAccount(),
      );
      await expectStale(
        {
          method: 'PATCH',
          url: `${acmeAccount()}/case-team/${PEOPLE.tina.email}`,
          payload: { notify: false },
        },
        world.token('tina'),
        acmeAccount(),
      );
    });
  });

  describe('case commands: who sees the case but may not make the command gets the 403, not a 412', () => {
    /** Alice's case is at revision 1 (opened, shared with sam): "0" is stale. */
    const withStaleCaseRevision = (request: ApiRequest): ApiRequest => ({
      ...request,
      headers: { ...request.headers, 'if-match': '"0"' },
    });
    const onAlicesCase = (path: string, payload?: unknown): ApiRequest => ({
      method: 'POST',
      url: `/v1/cases/${cases.byAlice}${path}`,
      ...(payload === undefined ? {} : { payload }),
    });
    let cases: Awaited<ReturnType<AccessWorld['openCasePair']>>;

    beforeAll(async () => {
      cases = await world.openCasePair();
    });

    async function expectRefusedAlike(request: ApiRequest, token: string, status: number, type: string) {
      const without = await world.api.send(request, token);
      const stale = await world.api.send(withStaleCaseRevision(request), token);
      expect(without.status).toBe(status);
      expect(answer(stale)).toEqual(answer(without));
      expect(stale.json().type).toBe(`https://casetrail.dev/problems/${type}`);
      expect(stale.body).not.toMatch(/revision/);
    }

    it.each([
      ['the auditor comments', 'audrey', '/comments', { body: 'x' }, 'read-only-actor'],
      ['the auditor resolves', 'audrey', '/resolution', { summary: 'Done' }, 'read-only-actor'],
      [
        'alice (the opener) changes the severity',
        'alice',
        '/severity',
        { severity: 2, reason: 'Urgent now' },
        'severity-change-engineer-only',
      ],
      [
        'alice acknowledges an escalation',
        'alice',
        '/escalations/acknowledgement',
        undefined,
        'escalation-handling-staff-only',
      ],
      [
        'sam (shared) writes an internal note',
        'sam',
        '/comments',
        { body: 'x', internal: true },
        'internal-comment-staff-only',
      ],
    ] as const)('%s: 403 with or without a stale If-Match', async (_, who, path, payload, type) => {
      await expectRefusedAlike(onAlicesCase(path, payload), world.token(who), 403, type);
    });

    // Rights that come from the licence records: bob opened his case without share tickets; sam,
    // whom alice shared hers with, is no licensed user, so he may neither share nor escalate it.
    it.each([
      ['bob (no share tickets) shares his case', 'bob', 'byBob', '/shares', 'sharing-not-allowed'],
      ['sam (shared, not licensed) shares alice’s case', 'sam', 'byAlice', '/shares', 'sharing-not-allowed'],
      ['sam escalates alice’s case', 'sam', 'byAlice', '/escalations', 'escalation-not-allowed'],
    ] as const)('%s: 403 with or without a stale If-Match', async (_, who, which, path, type) => {
      const payload =
        path === '/shares'
          ? { email: world.uniqueEmail('colleague'), name: 'A colleague' }
          : { reason: 'production-impact', details: 'Orders are lost' };
      const request: ApiRequest = { method: 'POST', url: `/v1/cases/${cases[which]}${path}`, payload };
      const without = await world.api.send(request, world.token(who));
      // Far ahead of either case: stale for both.
      const stale = await world.api.send({ ...request, headers: { 'if-match': '"40"' } }, world.token(who));
      expect(without.status).toBe(403);
      expect(answer(stale)).toEqual(answer(without));
      expect(stale.json().type).toBe(`https://casetrail.dev/problems/${type}`);
    });

    it('who may share or escalate still gets 412 for a stale If-Match: alice, the opener with share tickets', async () => {
      for (const [path, payload] of [
        ['/shares', { email: world.uniqueEmail('colleague'), name: 'A colleague' }],
        ['/escalations', { reason: 'production-impact', details: 'Orders are lost' }],
      ] as const) {
        const response = await world.api.send(
          withStaleCaseRevision(onAlicesCase(path, payload)),
          world.token('alice'),
        );
        expect({ path, status: response.status }).toEqual({ path, status: 412 });
      }
    });

    it('a stranger (oscar) still gets 404', async () => {
      await expectRefusedAlike(
        onAlicesCase('/comments', { body: 'x' }),
        world.token('oscar'),
        404,
        'not-found',
      );
    });

    it('who may act still gets 412 for a stale If-Match: the engineer changing the severity', async () => {
      const response = await world.api.send(
        withStaleCaseRevision(onAlicesCase('/severity', { severity: 2, reason: 'Urgent now' })),
        world.token('eve'),
      );
      expect(response.status).toBe(412);
      expect(response.json().detail).toMatch(/^The case is at revision \d+, not 0/);
    });
  });
});
