import { randomUUID } from 'node:crypto';
import type { ReadModelStore } from '@casetrail/readmodels';
import type { EventStore } from '@casetrail/eventstore';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { EVENT_STORE, READ_MODEL_STORE } from '../apps/api/src/storage/storage.tokens';
import { type AcmeWithJane, useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiRequest } from './support/fixtures/api-client';
import { TEST_SECRET } from './support/test-app';

/**
 * Another customer's account or licence and an id nobody registered or issued answer the same 404,
 * and now also after the same work, as a case's do (case-not-found-same-work): the reads that judge
 * the caller (whether they see the account's licences, are a stranger to it) are made for an unknown
 * id too, and a customer's compliance auditor is answered a record outside their accounts before any
 * of its events is read. Before, an unknown id answered after one lookup and a hidden one after the
 * caller's ties were read (or the record's events were), a timing oracle for a caller holding a
 * candidate id. Counted here (read-model lookups, reads of events), not timed.
 */
describe("a hidden licence's or account's 404 costs what an unknown id's does", () => {
  let s: AcmeWithJane;
  useAcmeWithJane((setting) => (s = setting));

  afterEach(() => jest.restoreAllMocks());

  /** The answer, and the work done to give it. */
  async function answer(request: ApiRequest, token: string) {
    const readModels = s.t.app.get<ReadModelStore>(READ_MODEL_STORE, { strict: false });
    const events = s.t.app.get<EventStore>(EVENT_STORE, { strict: false });
    const gets = jest.spyOn(readModels, 'get');
    const finds = jest.spyOn(readModels, 'find');
    const streams = jest.spyOn(events, 'readStream');
    const response = await s.api.send(request, token);
    const read = await Promise.all(streams.mock.results.map((result) => result.value as Promise<unknown[]>));
    const work = {
      status: response.status,
      lookups: gets.mock.calls.length + finds.mock.calls.length,
      // Which reads of a record's events were made (a whole stream, or its last event for the ETag).
      streamReads: streams.mock.calls.map(([, options]) =>
        options?.maxCount === 1 ? 'last event' : 'whole',
      ),
    };
    // How many events they returned: the one lookup of a record that exists finds one where an
    // unknown id's finds none, as reading its row does; a whole stream is more.
    const eventsRead = read.reduce((sum, rows) => sum + rows.length, 0);
    jest.restoreAllMocks();
    return { work, eventsRead };
  }

  /** The hidden record's answer and the unknown id's, each asked once before (caches warm alike). */
  async function compared(
    hiddenAsked: ApiRequest | string,
    unknownAsked: ApiRequest | string,
    token: string,
  ) {
    const [hiddenRequest, unknownRequest] = [hiddenAsked, unknownAsked].map((asked) =>
      typeof asked === 'string' ? { method: 'GET' as const, url: asked } : asked,
    );
    await answer(hiddenRequest, token);
    await answer(unknownRequest, token);
    const hidden = await leastWork(hiddenRequest, token);
    const unknown = await leastWork(unknownRequest, token);
    return { hidden: hidden.work, unknown: unknown.work, hiddenEventsRead: hidden.eventsRead };
  }

  /**
   * The answer that took the least work of three: the SLA timers' rounds (the Mission Critical review,
   * licence lapses) read the same store in the background, and a round that falls within a request
   * adds its reads to the count; the request's own work is the least any attempt counts.
   */
  async function leastWork(request: ApiRequest, token: string) {
    const attempts: Awaited<ReturnType<typeof answer>>[] = [];
    for (let attempt = 0; attempt < 3; attempt++) attempts.push(await answer(request, token));
    const cost = ({ work }: (typeof attempts)[number]) => work.lookups + work.streamReads.length;
    return attempts.reduce((least, next) => (cost(next) < cost(least) ? next : least));
  }

  it.each([
    ['a stranger', 'mallory@evil.example', []],
    ['a customer of another company', 'gina@globex.example', []],
    ['the CSM of other accounts', 'cora.csm@vendor.example', ['csm']],
  ] as const)('for %s, on a licence and an account', async (_who, email, roles) => {
    const token = await s.t.token(email, [...roles]);
    const unknown = randomUUID();
    for (const [hidden, none] of [
      [`/v1/licences/${s.licenceId}`, `/v1/licences/${unknown}`],
      [`/v1/accounts/${s.accountId}`, `/v1/accounts/${unknown}`],
    ]) {
      const { hidden: forHidden, unknown: forUnknown } = await compared(hidden, none, token);
      expect(forHidden.status).toBe(404);
      expect(forHidden.lookups).toBeGreaterThan(1);
      expect({ url: none, ...forUnknown }).toEqual({ url: none, ...forHidden });
    }
  });

  /** The reads of an account's case-team entries, and the writes on an account and a licence. */
  const teamReadsAndWrites = (accountId: string, licenceId: string): ApiRequest[] => [
    { method: 'GET', url: `/v1/accounts/${accountId}/case-team/jane@acme.example` },
    { method: 'GET', url: `/v1/accounts/${accountId}/case-team/self` },
    { method: 'PATCH', url: `/v1/accounts/${accountId}`, payload: { name: 'Acme Ltd' } },
    { method: 'PUT', url: `/v1/accounts/${accountId}/csm`, payload: { email: 'cora.csm@vendor.example' } },
    { method: 'DELETE', url: `/v1/accounts/${accountId}/csm` },
    {
      method: 'POST',
      url: `/v1/accounts/${accountId}/case-team`,
      payload: { email: 'tom@acme.example', name: 'Tom', notify: true },
    },
    {
      method: 'PATCH',
      url: `/v1/accounts/${accountId}/case-team/jane@acme.example`,
      payload: { notify: false },
    },
    { method: 'DELETE', url: `/v1/accounts/${accountId}/case-team/jane@acme.example` },
    {
      method: 'POST',
      url: `/v1/accounts/${accountId}/licences`,
      payload: {
        product: 'Sitefinity',
        edition: 'Enterprise',
        plan: 'standard',
        activeUntil: '2027-12-31T00:00:00.000Z',
        holderEmail: 'jane@acme.example',
      },
    },
    { method: 'PATCH', url: `/v1/licences/${licenceId}`, payload: { seats: 9 } },
    { method: 'PUT', url: `/v1/licences/${licenceId}/holder`, payload: { email: 'tom@acme.example' } },
    {
      method: 'POST',
      url: `/v1/licences/${licenceId}/users`,
      payload: {
        email: 'tom@acme.example',
        firstName: 'Tom',
        lastName: 'Smith',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
      },
    },
    { method: 'POST', url: `/v1/licences/${licenceId}/users/jane@acme.example/invitation` },
    { method: 'POST', url: `/v1/licences/${licenceId}/users/jane@acme.example/activation` },
    {
      method: 'PATCH',
      url: `/v1/licences/${licenceId}/users/jane@acme.example`,
      payload: { permissions: { shareTickets: false } },
    },
    { method: 'DELETE', url: `/v1/licences/${licenceId}/users/jane@acme.example` },
  ];

  it.each([
    ['a stranger', 'mallory@evil.example', []],
    ['a customer of another company', 'gina@globex.example', []],
    ['the CSM of other accounts', 'cora.csm@vendor.example', ['csm']],
  ] as const)(
    "for %s, on an account's case-team entries and on account and licence writes",
    async (_who, email, roles) => {
      const token = await s.t.token(email, [...roles]);
      const unknown = randomUUID();
      // `self`: the caller's own address, which a case-team member reads their own entry at.
      const asked = (request: ApiRequest) => ({ ...request, url: request.url.replace('/self', `/${email}`) });
      const hidden = teamReadsAndWrites(s.accountId, s.licenceId).map(asked);
      const none = teamReadsAndWrites(unknown, unknown).map(asked);
      for (const [index, request] of hidden.entries()) {
        const { hidden: forHidden, unknown: forUnknown } = await compared(request, none[index], token);
        const named = { request: `${request.method} ${request.url}` };
        expect({ ...named, status: forHidden.status }).toEqual({ ...named, status: 404 });
        expect({ ...named, ...forUnknown }).toEqual({ ...named, ...forHidden });
      }
    },
  );

  /**
   * The lists and reports an account filters (README: another customer's account is to a CSM the
   * 404 of an unknown id; a customer's compliance auditor gets it for anything else): the account
   * named is neither looked up nor waited for, registered or not. Before, a CSM got 403.
   */
  it.each([
    ['the CSM of other accounts', () => s.t.token('cora.csm@vendor.example', ['csm'])],
    [
      "a customer's compliance auditor of another account",
      () =>
        mintToken(TEST_SECRET, {
          email: 'clara@globex.example',
          roles: ['auditor'],
          accounts: [randomUUID()],
        }),
    ],
  ] as const)('for %s, on every list and report filtered by the account', async (_who, tokenOf) => {
    const token = await tokenOf();
    const unknown = randomUUID();
    for (const url of [
      '/v1/cases',
      '/v1/queues/open',
      '/v1/escalations',
      '/v1/dashboards/sla',
      '/v1/reports/sla-daily',
      '/v1/licences',
    ]) {
      const { hidden: forHidden, unknown: forUnknown } = await compared(
        `${url}?accountId=${s.accountId}`,
        `${url}?accountId=${unknown}`,
        token,
      );
      expect({ url, status: forHidden.status }).toEqual({ url, status: 404 });
      expect({ url, ...forUnknown }).toEqual({ url, ...forHidden });
    }
  });

  it("for a customer's compliance auditor of another account, on a licence's and an account's history", async () => {
    const token = await mintToken(TEST_SECRET, {
      email: 'clara.compliance@globex.example',
      roles: ['auditor'],
      accounts: [randomUUID()],
    });
    const unknown = randomUUID();
    for (const [hidden, none] of [
      [`/v1/licences/${s.licenceId}/history`, `/v1/licences/${unknown}/history`],
      [`/v1/accounts/${s.accountId}/history`, `/v1/accounts/${unknown}/history`],
    ]) {
      const {
        hidden: forHidden,
        unknown: forUnknown,
        hiddenEventsRead,
      } = await compared(hidden, none, token);
      expect(forHidden.status).toBe(404);
      // None of the record's events is read for them: they are told before.
      expect(hiddenEventsRead).toBe(0);
      expect({ url: none, ...forUnknown }).toEqual({ url: none, ...forHidden });
    }
  });
});
