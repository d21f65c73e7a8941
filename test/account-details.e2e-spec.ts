import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * An admin renames an account or moves its business calendar's time zone (PATCH): the account
 * view shows it, cases opened afterwards follow the new zone, and a case already open keeps the
 * zone it was opened under, so its due times never move after the fact.
 */
describe('PATCH /v1/accounts/{id}', () => {
  const seeded = useSeededTestApp();
  const send = seeded.send;

  const historyOf = async (caseId: string) =>
    (await send('GET', `/v1/cases/${caseId}/history`, seeded.world.engineerToken)).body as {
      events: { type: string; data: { timeZone?: string } }[];
    };
  const openedZone = async (caseId: string) =>
    (await historyOf(caseId)).events.find((event) => event.type === 'CaseOpened')!.data.timeZone;

  it('renames the account and moves its time zone for cases opened from then on', async () => {
    const before = await openCase(send, seeded.world, 'Opened in Sofia time');
    const changed = await send('PATCH', `/v1/accounts/${seeded.world.accountId}`, seeded.world.adminToken, {
      name: 'Acme Ltd',
      timeZone: 'america/new_york',
    });
    expect(changed.status).toBe(200);
    const account = await send('GET', `/v1/accounts/${seeded.world.accountId}`, seeded.world.adminToken);
    expect(account.body).toMatchObject({ name: 'Acme Ltd', timeZone: 'America/New_York' });

    const after = await openCase(send, seeded.world, 'Opened in New York time');
    expect(await openedZone(before)).toBe('Europe/Sofia');
    expect(await openedZone(after)).toBe('America/New_York');
  });

  it('is for admins only, names a bad zone, and records nothing for no change', async () => {
    const path = `/v1/accounts/${seeded.world.accountId}`;
    expect((await send('PATCH', path, seeded.world.engineerToken, { name: 'Mine' })).status).toBe(403);
    const bad = await send('PATCH', path, seeded.world.adminToken, { timeZone: 'Mars/Olympus_Mons' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ errors: [expect.objectContaining({ field: 'timeZone' })] });
    const revision = ((await send('GET', path, seeded.world.adminToken)).body as { revision: number })
      .revision;
    const same = await send('PATCH', path, seeded.world.adminToken, { name: 'Acme Ltd' });
    expect(same).toMatchObject({ status: 200, body: { revision } });
    const reset = await send('PATCH', path, seeded.world.adminToken, { timeZone: null });
    expect(reset.status).toBe(200);
    expect((await send('GET', path, seeded.world.adminToken)).body).toMatchObject({ timeZone: null });
  });
});
