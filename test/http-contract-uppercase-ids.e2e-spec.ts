import { openCase, SEED_PEOPLE } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * UUIDs are the same in either case (RFC 9562 section 4): an id written in upper case in a path
 * names the same case, account or licence as the lower-case id the API hands out, on reads and
 * writes alike, and answers with the id as the API writes it.
 */
describe('ids in paths are UUIDs, whatever their case', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  const send = seeded.send;

  beforeAll(async () => {
    caseId = await openCase(send, seeded.world);
  });

  it('reads a case and its history by the upper-case id', async () => {
    const upper = caseId.toUpperCase();
    const detail = await send('GET', `/v1/cases/${upper}`, seeded.world.engineerToken);
    expect(detail).toMatchObject({ status: 200, body: { id: caseId } });
    const history = await send('GET', `/v1/cases/${upper}/history`, seeded.world.engineerToken);
    expect(history).toMatchObject({ status: 200, body: { caseId } });
  });

  it('reads an account and a licence by their upper-case ids', async () => {
    const account = await send(
      'GET',
      `/v1/accounts/${seeded.world.accountId.toUpperCase()}`,
      seeded.world.adminToken,
    );
    expect(account).toMatchObject({ status: 200, body: { id: seeded.world.accountId } });
    const licence = await send(
      'GET',
      `/v1/licences/${seeded.world.licenceId.toUpperCase()}`,
      seeded.world.adminToken,
    );
    expect(licence).toMatchObject({ status: 200, body: { id: seeded.world.licenceId } });
  });

  it('comments on and assigns a case named by its upper-case id', async () => {
    const upper = caseId.toUpperCase();
    const comment = await seeded.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${upper}/comments`,
      headers: { authorization: `Bearer ${seeded.world.customerToken}` },
      payload: { body: 'Found it: the cache was off' },
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({ id: caseId });
    // The comment's own URL, under the case's id as stored.
    expect(comment.headers.location).toMatch(new RegExp(`^/v1/cases/${caseId}/comments/[0-9a-f-]{36}$`));
    const assigned = await send('POST', `/v1/cases/${upper}/assignment`, seeded.world.engineerToken, {
      engineer: seeded.world.engineerEmail,
    });
    expect(assigned).toMatchObject({ status: 200, body: { id: caseId } });
    const detail = await send('GET', `/v1/cases/${caseId}`, seeded.world.customerToken);
    expect(detail.body).toMatchObject({ assignee: seeded.world.engineerEmail });
  });

  it('takes upper-case ids in bodies and queries too', async () => {
    const opened = await send('POST', '/v1/cases', seeded.world.customerToken, {
      licenceId: seeded.world.licenceId.toUpperCase(),
      title: 'Opened under an upper-case licence id',
      description: 'The id was pasted from a spreadsheet',
      severity: 3,
      channel: 'web',
    });
    expect(opened.status).toBe(201);
    const upperAccount = seeded.world.accountId.toUpperCase();
    const listed = await send('GET', `/v1/cases?accountId=${upperAccount}`, seeded.world.engineerToken);
    const lower = await send(
      'GET',
      `/v1/cases?accountId=${seeded.world.accountId}`,
      seeded.world.engineerToken,
    );
    expect((listed.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(listed.body).toEqual(lower.body);
    const dashboard = await send(
      'GET',
      `/v1/dashboards/sla?accountId=${upperAccount}`,
      seeded.world.engineerToken,
    );
    const lowerDashboard = await send(
      'GET',
      `/v1/dashboards/sla?accountId=${seeded.world.accountId}`,
      seeded.world.engineerToken,
    );
    expect(dashboard.status).toBe(200);
    expect((dashboard.body as { severities: unknown }).severities).toEqual(
      (lowerDashboard.body as { severities: unknown }).severities,
    );
  });

  it('changes a licensed user on a licence named by its upper-case id', async () => {
    const url = `/v1/licences/${seeded.world.licenceId.toUpperCase()}/users/${SEED_PEOPLE.customer.toUpperCase()}`;
    const response = await seeded.t.app.inject({
      method: 'PATCH',
      url,
      headers: { authorization: `Bearer ${seeded.world.adminToken}` },
      payload: { permissions: { shareTickets: false } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: seeded.world.licenceId });
  });
});
