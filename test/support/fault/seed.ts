import { mintToken } from '../../../apps/api/src/auth/token-minter';
import { TEST_SECRET, type TestApp } from '../test-app';

/** Sends one JSON request as `token`; the same seeding works over loopback HTTP or Fastify inject. */
export type Requester = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

/** A Requester over Fastify's inject on `app()` (a function: the app is started after this is made). */
export function injectRequester(app: () => { inject: TestApp['app']['inject'] }): Requester {
  return async (method, url, token, body) => {
    const response = await app().inject({
      method: method as 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload: body as object,
    });
    return { status: response.statusCode, body: response.json() };
  };
}

export interface SeededWorld {
  accountId: string;
  licenceId: string;
  adminToken: string;
  engineerToken: string;
  engineerEmail: string;
  customerToken: string;
  customerEmail: string;
}

export const SEED_PEOPLE = {
  admin: 'adam.admin@vendor.example',
  engineer: 'eve.engineer@vendor.example',
  customer: 'jane.doe@acme.example',
};

/**
 * An account with an enterprise licence and one active licensed user who may share tickets: the
 * least a case needs. Every step must succeed; a failure names the step.
 */
export async function seedWorld(send: Requester): Promise<SeededWorld> {
  const adminToken = await mintToken(TEST_SECRET, { email: SEED_PEOPLE.admin, roles: ['admin'] });
  const engineerToken = await mintToken(TEST_SECRET, {
    email: SEED_PEOPLE.engineer,
    roles: ['engineer'],
    name: 'Eve Engineer',
  });
  const customerToken = await mintToken(TEST_SECRET, { email: SEED_PEOPLE.customer, name: 'Jane Doe' });

  const account = await expectCreated(
    send('POST', '/v1/accounts', adminToken, { name: 'Acme', timeZone: 'Europe/Sofia' }),
    'register account',
  );
  const licence = await expectCreated(
    send('POST', `/v1/accounts/${account}/licences`, adminToken, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'enterprise',
      activeUntil: '2099-12-31',
      seats: 50,
      holderEmail: 'boss@acme.example',
    }),
    'issue licence',
  );
  await expectCreated(
    send('POST', `/v1/licences/${licence}/users`, adminToken, {
      email: SEED_PEOPLE.customer,
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: true, shareTickets: true, seeSharedTickets: true },
    }),
    'assign licensed user',
  );
  const activation = await send(
    'POST',
    `/v1/licences/${licence}/users/${SEED_PEOPLE.customer}/activation`,
    customerToken,
  );
  if (activation.status !== 200)
    throw new Error(`activate user: ${activation.status} ${JSON.stringify(activation.body)}`);
  return {
    accountId: account,
    licenceId: licence,
    adminToken,
    engineerToken,
    engineerEmail: SEED_PEOPLE.engineer,
    customerToken,
    customerEmail: SEED_PEOPLE.customer,
  };
}

/** Opens a web case as the seeded customer; returns its id. */
export function openCase(send: Requester, world: SeededWorld, title = 'Checkout is slow'): Promise<string> {
  return expectCreated(
    send('POST', '/v1/cases', world.customerToken, {
      licenceId: world.licenceId,
      title,
      description: 'Pages take ten seconds since the upgrade',
      severity: 3,
      channel: 'web',
    }),
    'open case',
  );
}

async function expectCreated(
  answer: Promise<{ status: number; body: unknown }>,
  step: string,
): Promise<string> {
  const { status, body } = await answer;
  if (status !== 201) throw new Error(`${step}: ${status} ${JSON.stringify(body)}`);
  return (body as { id: string }).id;
}
