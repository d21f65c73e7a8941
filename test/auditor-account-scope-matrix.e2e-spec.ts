import { mintToken } from '../apps/api/src/auth/token-minter';
import { AccessWorld } from './support/fixtures/access-world';
import { CaseStates } from './support/fixtures/case-states';
import { expectedStatus, MatrixContext, matrixEndpoints } from './support/fixtures/endpoint-catalogue';
import { TEST_SECRET } from './support/test-app';

/**
 * Every endpoint of the authorization matrix, asked by a customer's compliance auditor: one whose
 * token names Acme (the matrix's account) answers as the vendor auditor does, reads and refusals
 * alike; one whose token names Globex alone gets, for every read naming an Acme case, licence or
 * account, the 404 of an unknown id, and every change is 403 read-only-actor for both. So a route
 * added later that forgets the auditor's accounts shows up here.
 */
describe("a customer's compliance auditor on every endpoint", () => {
  let world: AccessWorld;
  let context: MatrixContext;
  const tokens: { acme: string; globex: string } = { acme: '', globex: '' };

  beforeAll(async () => {
    world = await AccessWorld.build();
    context = {
      world,
      cases: await world.openCasePair(),
      states: new CaseStates(world.api, world.token('eve')),
    };
    for (const account of ['acme', 'globex'] as const) {
      tokens[account] = await mintToken(TEST_SECRET, {
        email: `compliance@${account}.example`,
        roles: ['auditor'],
        accounts: [world.accounts[account]],
      });
    }
  });

  afterAll(() => world.close());

  /** Whether the request names a record of Acme: a case, its licence or the account itself. */
  const namesAcme = (url: string) =>
    [world.accounts.acme, world.licences.acme, context.cases.byAlice, context.cases.byBob].some((id) =>
      url.includes(id),
    );

  for (const endpoint of matrixEndpoints().filter((candidate) => !candidate.public)) {
    it(`${endpoint.name}: Acme's auditor as the vendor auditor, Globex's gets no Acme record`, async () => {
      const request = await endpoint.request(context, 'audrey', false);
      const vendor = expectedStatus(endpoint, 'audrey');
      const own = await world.api.send(request, tokens.acme);
      const other = await world.api.send(request, tokens.globex);
      if (request.method !== 'GET') {
        for (const response of [own, other]) {
          expect({ status: response.status, type: response.json().type }).toEqual({
            status: 403,
            type: 'https://casetrail.dev/problems/read-only-actor',
          });
        }
        return;
      }
      expect(own.status).toBe(vendor);
      // Another account is the 404 of one nobody registered, on the case list too (as on the queues).
      const hidden = namesAcme(request.url);
      expect(other.status).toBe(hidden ? 404 : vendor);
      if (other.status === 200) expect(other.body).not.toContain(context.cases.byAlice);
    });
  }
});
