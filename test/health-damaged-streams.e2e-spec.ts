import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * /health and streams that lost events. A case whose stream lost an event from inside it answers
 * its commands with 503 `storage-inconsistent`, and `casetrail verify` lists the broken link, but
 * /health stayed `up` with nothing said: an operator watching it never learnt the event store was
 * damaged. Now the streams a request ran into since start (commands, If-Match, `?asOf=`, histories)
 * make the `storage` component `degraded`, the admin's report naming them and `casetrail verify`;
 * /health still walks no log (a stream nobody touched is `casetrail verify`'s to find).
 */
describe('/health reports the streams found damaged since start', () => {
  const seeded = useSeededTestApp();
  const cases: Record<'commented' | 'historied' | 'pastState' | 'untouched', string> = {
    commented: '',
    historied: '',
    pastState: '',
    untouched: '',
  };
  let adminToken: string;
  let auditorToken: string;

  const stream = (caseId: string) => `case-${caseId}`;
  const get = (url: string, token?: string) =>
    seeded.t.app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    const { send, world } = seeded;
    adminToken = await seeded.t.token('admin@vendor.example', ['admin']);
    auditorToken = await seeded.t.token('audrey.auditor@vendor.example', ['auditor']);
    for (const name of Object.keys(cases) as (keyof typeof cases)[]) {
      cases[name] = await openCase(send, world, `Loses an event (${name})`);
      for (let n = 1; n <= 3; n++) {
        const posted = await send('POST', `/v1/cases/${cases[name]}/comments`, world.customerToken, {
          body: `Still slow (${n})`,
        });
        expect(posted.status).toBe(201);
      }
      expect((await get(`/v1/cases/${cases[name]}`, world.engineerToken)).json().revision).toBe(3);
    }
    // Revision 2 of each deleted from events.sqlite, as case-stream-gap.e2e-spec does.
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      const lose = db.prepare('DELETE FROM events WHERE stream = ? AND revision = 2');
      for (const caseId of Object.values(cases)) lose.run(stream(caseId));
    } finally {
      db.close();
    }
  });

  it('stays up while no request has run into a damaged stream: it does not walk the log', async () => {
    const report = (await get('/health', adminToken)).json();
    expect(report.status).toBe('up');
    expect(report).not.toHaveProperty('reasons');
    expect(report.storage).toEqual({ status: 'up' });
    expect((await get('/health')).json().storage).toEqual({ status: 'up' });
  });

  it('is degraded once a command was refused with 503 storage-inconsistent, naming the stream and casetrail verify', async () => {
    const refused = await seeded.send(
      'POST',
      `/v1/cases/${cases.commented}/comments`,
      seeded.world.engineerToken,
      { body: 'Any news?' },
    );
    expect(refused.status).toBe(503);

    const response = await get('/health', adminToken);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.status).toBe('degraded');
    expect(report.storage).toEqual({
      status: 'degraded',
      count: 1,
      streams: [
        {
          stream: stream(cases.commented),
          problem: expect.stringContaining('lacks revision 2 (the next stored event is at revision 3)'),
          seenAt: expect.any(String),
        },
      ],
      fix: expect.stringContaining('`casetrail verify`'),
    });
    expect(report.reasons).toEqual([
      expect.stringMatching(
        new RegExp(
          `^storage: 1 stream\\(s\\) found damaged since start \\(${stream(cases.commented)}\\).*casetrail verify`,
        ),
      ),
    ]);
  });

  it('adds the streams a history or ?asOf= ran into, each once, and never the one nobody read', async () => {
    // A history is answered, marked from the hole on; `?asOf=` is refused with 503.
    expect((await get(`/v1/cases/${cases.historied}/history`, auditorToken)).statusCode).toBe(200);
    const asOf = seeded.t.clock.now().toISOString();
    expect((await get(`/v1/cases/${cases.pastState}?asOf=${asOf}`, auditorToken)).statusCode).toBe(503);
    // Again: the first finding stays.
    expect((await get(`/v1/cases/${cases.historied}/history`, auditorToken)).statusCode).toBe(200);

    const { storage } = (await get('/health', adminToken)).json();
    expect(storage.count).toBe(3);
    expect(storage.streams.map(({ stream }: { stream: string }) => stream)).toEqual([
      stream(cases.commented),
      stream(cases.historied),
      stream(cases.pastState),
    ]);
    expect(storage.streams[1].problem).toContain('expected revision 2 (an event is missing)');
    expect(JSON.stringify(storage)).not.toContain(cases.untouched);
  });

  it('tells a probe without a token only that storage is degraded, not which cases', async () => {
    const response = await get('/health');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.status).toBe('degraded');
    expect(report.storage).toEqual({ status: 'degraded' });
    expect(response.body).not.toContain(cases.commented);
  });
});
