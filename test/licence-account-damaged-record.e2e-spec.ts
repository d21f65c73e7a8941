import { accountStream } from '../apps/api/src/accounts/account-command';
import { licenceStream } from '../apps/api/src/licences/licence-command';
import { garbleEventData, lastPositionOf } from './support/fault/events-file';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { healthProbe } from './support/health-probe';

/**
 * A licence (or account) whose stream the API found damaged answers every command 503, and the read
 * models may hold its users and invitations as they were before the damaged event: a desk following
 * the overdue list then chases a registered user and misses the one really pending. A case carries
 * `recordDamaged` then; a licence and an account carried nothing, so nobody reading them was warned.
 */
describe('the views of a licence and an account whose stored record is known to be damaged', () => {
  const seeded = useSeededTestApp();
  const invitee = 'pat@acme.example';
  let wholeAccount: string;

  const get = async (url: string, token: string) => {
    const response = await seeded.t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const { send, world, t } = seeded;
    const invited = await send('POST', `/v1/licences/${world.licenceId}/users`, world.adminToken, {
      email: invitee,
      firstName: 'Pat',
      lastName: 'Doe',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    expect(invited.status).toBe(201);
    const registered = await send('POST', '/v1/accounts', world.adminToken, { name: 'Globex' });
    expect(registered.status).toBe(201);
    wholeAccount = (registered.body as { id: string }).id;
    // The account's garbled event is not its last: the account view reads the last one for its ETag.
    const renamed = await send('PATCH', `/v1/accounts/${world.accountId}`, world.adminToken, {
      name: 'Acme Ltd',
    });
    expect(renamed.status).toBe(200);
    t.clock.advance(49 * 3_600_000);
    garbleEventData(t.dataDir, lastPositionOf(t.dataDir, licenceStream(world.licenceId), 'LicenceIssued'));
    garbleEventData(
      t.dataDir,
      lastPositionOf(t.dataDir, accountStream(world.accountId), 'AccountRegistered'),
    );
    // The commands meet the unreadable rows: the API now knows both streams damaged (/health's storage).
    expect(
      (
        await send('PATCH', `/v1/licences/${world.licenceId}`, world.adminToken, {
          seats: 60,
          reason: 'probe',
        })
      ).status,
    ).toBe(503);
    expect(
      (await send('PATCH', `/v1/accounts/${world.accountId}`, world.adminToken, { name: 'Acme Corp' }))
        .status,
    ).toBe(503);
  });

  const staffSign = {
    detail: expect.stringContaining('every command on it answers 503 stored-event-unreadable'),
    problem: expect.stringContaining('cannot be read'),
    foundAt: expect.any(String),
  };

  it('marks the licence detail, its pending invitations and its list entry for staff', async () => {
    const { world } = seeded;
    expect(await get(`/v1/licences/${world.licenceId}`, world.adminToken)).toMatchObject({
      recordDamaged: staffSign,
    });
    expect(
      await get(`/v1/licences/${world.licenceId}/pending-invitations?olderThanHours=0`, world.adminToken),
    ).toMatchObject({ recordDamaged: staffSign });
    const list = await get('/v1/licences', world.adminToken);
    const entry = list.items.find((item: { id: string }) => item.id === world.licenceId);
    expect(entry).toMatchObject({ recordDamaged: staffSign, mayManageUsers: false, mayInviteUsers: false });
  });

  it('flags the entries of the damaged licence in the staff overdue invitations list', async () => {
    const overdue = await get('/v1/invitations/overdue', seeded.world.adminToken);
    expect(overdue.invitations).toContainEqual(
      expect.objectContaining({
        email: invitee,
        licenceId: seeded.world.licenceId,
        recordDamaged: staffSign,
      }),
    );
  });

  it("tells the licence's customers in the 503's plain words, without the store's internals", async () => {
    const { world } = seeded;
    const detail = await get(`/v1/licences/${world.licenceId}`, world.customerToken);
    expect(detail.recordDamaged).toEqual({
      detail:
        'Changes to this licence cannot be made right now: part of its stored record is unavailable. ' +
        'The problem has been logged for the operator to repair; please try again later',
    });
    const own = (await get('/v1/licences', world.customerToken)).items[0];
    expect(own).toMatchObject({ recordDamaged: detail.recordDamaged, mayOpenCases: false });
  });

  it('marks the account detail and its list entry', async () => {
    const { world } = seeded;
    expect(await get(`/v1/accounts/${world.accountId}`, world.adminToken)).toMatchObject({
      recordDamaged: staffSign,
    });
    const list = await get('/v1/accounts', world.adminToken);
    expect(list.items.find((item: { id: string }) => item.id === world.accountId)).toMatchObject({
      recordDamaged: staffSign,
    });
  });

  it("points /health's fix at the integrity check of each damaged stream's kind, not a case's", async () => {
    const { storage, reasons } = await healthProbe<{ storage: { fix: string }; reasons: string[] }>(
      () => seeded.t,
    ).health();
    expect(storage.fix).toContain(
      'its integrity check (GET /v1/licences/{licenceId}/integrity, GET /v1/accounts/{accountId}/integrity)',
    );
    expect(storage.fix).not.toContain('/v1/cases/');
    expect(reasons.find((reason) => reason.startsWith('storage:'))).toContain(storage.fix);
  });

  it('leaves a whole account as it was', async () => {
    const list = await get('/v1/accounts', seeded.world.adminToken);
    const whole = list.items.find((item: { id: string }) => item.id === wholeAccount);
    expect(whole).toBeDefined();
    expect(whole).not.toHaveProperty('recordDamaged');
  });
});
