import { randomUUID } from 'node:crypto';
import { ActorReachReader } from '../apps/api/src/cases/access/actor-reach';
import { type AcmeWithJane, useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiRequest } from './support/fixtures/api-client';

/**
 * A case hidden from the caller and an id nobody opened answer the same 404 (DOMAIN.md: "never a
 * hint that the case exists"), and now also after the same work: the caller's reach (case teams,
 * licences, CSM designations) is read for both. Before, only a real case had it read, so its 404
 * came measurably later (about 0.1 ms on loopback, over a few hundred samples): a timing oracle for
 * anyone holding a candidate id. Counted here, not timed.
 */
describe("a hidden case's 404 costs what an unknown id's does", () => {
  let s: AcmeWithJane;
  let caseId: string;
  useAcmeWithJane((setting) => (s = setting));

  beforeAll(async () => {
    caseId = await s.setup.openWebCase(s.licenceId, s.jane);
  });

  afterEach(() => jest.restoreAllMocks());

  const requests = (id: string): ApiRequest[] => [
    { method: 'GET', url: `/v1/cases/${id}` },
    { method: 'GET', url: `/v1/cases/${id}/history` },
    { method: 'POST', url: `/v1/cases/${id}/comments`, payload: { body: 'Is this yours?' } },
  ];

  /** The answer, and how many times the caller's reach was read to give it. */
  async function answer(request: ApiRequest, token: string) {
    const reads = jest.spyOn(s.t.app.get(ActorReachReader, { strict: false }), 'reachOf');
    const response = await s.api.send(request, token);
    const told = { status: response.status, reachReads: reads.mock.calls.length };
    reads.mockRestore();
    return told;
  }

  it.each([
    ['a stranger', 'mallory@evil.example'],
    ['a customer of another company', 'gina@globex.example'],
  ])('for %s, on the detail, the history and a comment', async (_who, email) => {
    const token = await s.t.token(email);
    const unknown = randomUUID();
    const [hidden, none] = [requests(caseId), requests(unknown)];
    for (const [index, request] of hidden.entries()) {
      const forHidden = await answer(request, token);
      expect(forHidden.status).toBe(404);
      expect(forHidden.reachReads).toBeGreaterThan(0);
      expect({ request: `${request.method} ${request.url}`, ...(await answer(none[index], token)) }).toEqual({
        request: `${request.method} ${request.url}`,
        ...forHidden,
      });
    }
  });
});
