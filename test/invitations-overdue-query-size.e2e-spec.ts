import type { FindOptions, ReadModelStore } from '@casetrail/readmodels';
import { LICENSED_USERS } from '@casetrail/readmodels/licences/licences.projection';
import { READ_MODEL_STORE } from '../apps/api/src/storage/storage.tokens';
import { startTestApp, type TestApp } from './support/test-app';

const HOUR = 3_600_000;

/**
 * The staff list of overdue invitations keeps to licences in force. It listed the id of every
 * licence in force in an `IN` of its query (closing note, defect 5): one more bound value per
 * licence, thousands on a large desk. Its query now reads the licence's expiry each user row keeps,
 * so it is the same size however many licences there are, and still leaves out ended licences.
 */
describe('GET /v1/invitations/overdue: one query of a fixed size', () => {
  let t: TestApp;
  let admin: string;
  let accountId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const post = async (url: string, payload: object, method: 'POST' | 'PATCH' = 'POST') => {
    const response = await t.app.inject({ method, url, headers: auth(admin), payload });
    expect(response.statusCode).toBeLessThan(300);
    return response.json();
  };
  const issueLicence = async (activeUntil = '2030-01-01') =>
    (
      await post(`/v1/accounts/${accountId}/licences`, {
        product: 'P',
        edition: 'E',
        plan: 'enterprise',
        activeUntil,
        holderEmail: 'boss@acme.example',
      })
    ).id as string;
  const invite = (licenceId: string, email: string) =>
    post(`/v1/licences/${licenceId}/users`, {
      email,
      firstName: 'F',
      lastName: 'L',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin@vendor.example', ['admin']);
    accountId = (await post('/v1/accounts', { name: 'Acme' })).id;
  });
  afterAll(() => t.close());

  /** The list as an engineer reads it, and the queries of licensed users it took. */
  const overdueList = async () => {
    const readModels = t.app.get<ReadModelStore>(READ_MODEL_STORE, { strict: false });
    const finds = jest.spyOn(readModels, 'find');
    try {
      const response = await t.app.inject({
        method: 'GET',
        url: '/v1/invitations/overdue',
        headers: auth(await t.token('eve@vendor.example', ['engineer'])),
      });
      expect(response.statusCode).toBe(200);
      const queries = finds.mock.calls
        .filter(([collection]) => collection === LICENSED_USERS)
        .map(([, options]) => JSON.stringify(options as FindOptions));
      return { emails: response.json().invitations.map((entry: { email: string }) => entry.email), queries };
    } finally {
      finds.mockRestore();
    }
  };

  it('asks the same query with 2 licences in force as with 40, and leaves out an ended licence', async () => {
    const inForce = await issueLicence();
    await invite(inForce, 'bob@acme.example');
    const ending = await issueLicence();
    await invite(ending, 'gus@acme.example');
    t.clock.advance(49 * HOUR);
    await post(
      `/v1/licences/${ending}`,
      { activeUntil: new Date(t.clock.now().getTime() - HOUR).toISOString(), reason: 'Contract ended' },
      'PATCH',
    );

    const few = await overdueList();
    expect(few.emails).toEqual(['bob@acme.example']);
    for (let more = 0; more < 40; more++) await issueLicence();
    const many = await overdueList();
    expect(many.emails).toEqual(['bob@acme.example']);
    expect(many.queries).toHaveLength(1);
    expect(many.queries).toEqual(few.queries);

    // Renewed, its invitation is promised access afresh from the renewal (customer3 F3), and overdue
    // again once that has passed: the users' copy of the expiry (and renewal) follows the terms.
    await post(`/v1/licences/${ending}`, { activeUntil: '2031-01-01', reason: 'Renewed' }, 'PATCH');
    expect((await overdueList()).emails).toEqual(['bob@acme.example']);
    t.clock.advance(48 * HOUR);
    expect((await overdueList()).emails.sort()).toEqual(['bob@acme.example', 'gus@acme.example']);
  });
});
