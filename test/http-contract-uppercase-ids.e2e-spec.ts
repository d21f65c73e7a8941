import {
  injectRequester,
  openCase,
  Requester,
  SEED_PEOPLE,
  seedWorld,
  SeededWorld,
} from './support/fault/seed';
import { startTestApp, TestApp } from './support/test-app';

/**
 * UUIDs are the same in either case (RFC 9562 section 4): an id written in upper case in a path
 * names the same case, account or licence as the lower-case id the API hands out, on reads and
 * writes alike, and answers with the id as the API writes it.
 */
describe('ids in paths are UUIDs, whatever their case', () => {
  let t: TestApp;
  let world: SeededWorld;
  let caseId: string;
  const send: Requester = injectRequester(() => t.app);

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(send);
    caseId = await openCase(send, world);
  });
  afterAll(() => t.close());

  it('reads a case and its history by the upper-case id', async () => {
    const upper = caseId.toUpperCase();
    const detail = await send('GET', `/v1/cases/${upper}`, world.engineerToken);
    expect(detail).toMatchObject({ status: 200, body: { id: caseId } });
    const history = await send('GET', `/v1/cases/${upper}/history`, world.engineerToken);
    expect(history).toMatchObject({ status: 200, body: { caseId } });
  });

  it('reads an account and a licence by their upper-case ids', async () => {
    const account = await send('GET', `/v1/accounts/${world.accountId.toUpperCase()}`, world.adminToken);
    expect(account).toMatchObject({ status: 200, body: { id: world.accountId } });
    const licence = await send('GET', `/v1/licences/${world.licenceId.toUpperCase()}`, world.adminToken);
    expect(licence).toMatchObject({ status: 200, body: { id: world.licenceId } });
  });

  it('comments on and assigns a case named by its upper-case id', async () => {
    const upper = caseId.toUpperCase();
    const comment = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${upper}/comments`,
      headers: { authorization: `Bearer ${world.customerToken}` },
      payload: { body: 'Found it: the cache was off' },
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({ id: caseId });
    expect(comment.headers.location).toBe(`/v1/cases/${caseId}`);
    const assigned = await send('POST', `/v1/cases/${upper}/assignment`, world.engineerToken, {
      engineer: world.engineerEmail,
    });
    expect(assigned).toMatchObject({ status: 200, body: { id: caseId } });
    const detail = await send('GET', `/v1/cases/${caseId}`, world.customerToken);
    expect(detail.body).toMatchObject({ assignee: world.engineerEmail });
  });

  it('takes upper-case ids in bodies and queries too', async () => {
    const opened = await send('POST', '/v1/cases', world.customerToken, {
      licenceId: world.licenceId.toUpperCase(),
      title: 'Opened under an upper-case licence id',
      description: 'The id was pasted from a spreadsheet',
      severity: 3,
      channel: 'web',
    });
    expect(opened.status).toBe(201);
    const upperAccount = world.accountId.toUpperCase();
    const listed = await send('GET', `/v1/cases?accountId=${upperAccount}`, world.engineerToken);
    const lower = await send('GET', `/v1/cases?accountId=${world.accountId}`, world.engineerToken);
    expect((listed.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(listed.body).toEqual(lower.body);
    const dashboard = await send('GET', `/v1/dashboards/sla?accountId=${upperAccount}`, world.engineerToken);
    const lowerDashboard = await send(
      'GET',
      `/v1/dashboards/sla?accountId=${world.accountId}`,
      world.engineerToken,
    );
    expect(dashboard.status).toBe(200);
    expect((dashboard.body as { severities: unknown }).severities).toEqual(
      (lowerDashboard.body as { severities: unknown }).severities,
    );
  });

  it('changes a licensed user on a licence named by its upper-case id', async () => {
    const url = `/v1/licences/${world.licenceId.toUpperCase()}/users/${SEED_PEOPLE.customer.toUpperCase()}`;
    const response = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { authorization: `Bearer ${world.adminToken}` },
      payload: { permissions: { shareTickets: false } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: world.licenceId });
  });
});
