import { SignJWT } from 'jose';
import { PEOPLE } from './support/fixtures/access-actors';
import { AccessWorld } from './support/fixtures/access-world';
import { CaseStates } from './support/fixtures/case-states';
import { MatrixContext, matrixEndpoints } from './support/fixtures/endpoint-catalogue';
import { MALFORMED_CREDENTIALS } from './support/fixtures/malformed-credentials';
import { TEST_SECRET } from './support/test-app';

/**
 * API.md "Authentication": no token or a bad one is 401, on every protected endpoint, before
 * anything else is looked at (so a bad token never learns whether a case exists), as
 * problem+json, and never a 5xx however broken the header is.
 */
describe('malformed and invalid credentials', () => {
  let world: AccessWorld;
  let context: MatrixContext;
  const protectedEndpoints = matrixEndpoints().filter((endpoint) => !endpoint.public);

  beforeAll(async () => {
    world = await AccessWorld.build();
    context = {
      world,
      cases: await world.openCasePair(),
      states: new CaseStates(world.api, world.token('eve')),
    };
  });

  afterAll(() => world.close());

  it.each(MALFORMED_CREDENTIALS)(
    '$describes: 401 problem+json on every protected endpoint',
    async (credential) => {
      const authorization = await credential.authorization();
      const wrong: string[] = [];
      for (const endpoint of protectedEndpoints) {
        const request = await endpoint.request(context, 'noToken', false);
        const response = await world.api.send({
          ...request,
          headers: authorization === undefined ? {} : { authorization },
        });
        const problem = response.contentType.includes('application/problem+json');
        if (response.status !== 401 || !problem)
          wrong.push(`${endpoint.name}: ${response.status} ${response.body.slice(0, 120)}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it('public routes ignore a bad token rather than failing', async () => {
    const authorization = 'Bearer not-a-jwt';
    for (const url of ['/health', '/metrics']) {
      const response = await world.api.send({ method: 'GET', url, headers: { authorization } });
      expect(response.status).toBe(200);
    }
  });

  it('unknown or differently spelled roles give no staff rights', async () => {
    const token = await new SignJWT({
      email: PEOPLE.dave.email,
      roles: ['superuser', 'ADMIN', 'Engineer', 'root'],
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(PEOPLE.dave.email)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_SECRET));
    await world.api.expect(403, { method: 'POST', url: '/v1/accounts', payload: { name: 'Mine' } }, token);
    await world.api.expect(404, { method: 'GET', url: `/v1/cases/${context.cases.byBob}` }, token);
    await world.api.expect(403, { method: 'GET', url: '/v1/queues/open' }, token);
  });
});
