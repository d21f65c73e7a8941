import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import * as path from 'node:path';
import { problemType } from '../apps/api/src/problems/problem-details';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { DamagedStreams } from '../apps/api/src/storage/damaged-streams';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * A case whose stored event was edited after it was written (its hash no longer matches), and one
 * this process already found damaged. Commands, If-Match and the SLA timers were accepted on the
 * edited case and decided on the edited data (a severity change mailed "from 2" where 3 was
 * written), and /health said "commands on them answer 503" while the next comment was 201. Now
 * the first command's decision verifies the chain and refuses with 503 `storage-inconsistent`, as
 * a stream that lost an event is refused, and /health names the stream at once.
 */
describe('a case whose stored events were changed, or that was found damaged', () => {
  const seeded = useSeededTestApp();
  let edited: string;
  let knownDamaged: string;
  let adminToken: string;

  const stream = (caseId: string) => `case-${caseId}`;
  const comment = (caseId: string, token: string, ifMatch?: string) =>
    seeded.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: { authorization: `Bearer ${token}`, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      payload: { body: 'Any news?' },
    });
  const storedRevisions = async (caseId: string) =>
    (await seeded.t.runtime.storage.eventStore.readStream(stream(caseId))).map((event) => event.revision);

  beforeAll(async () => {
    const { send, world } = seeded;
    adminToken = await seeded.t.token('admin@vendor.example', ['admin']);
    edited = await openCase(send, world, 'Has its severity edited');
    knownDamaged = await openCase(send, world, 'Found damaged by a read');
    for (let n = 1; n <= 2; n++) {
      seeded.t.clock.advance(60_000);
      expect((await comment(knownDamaged, world.customerToken)).statusCode).toBe(201);
    }
    // Edited before any command loaded it in this process: a command verifies a stream whole the
    // first time it loads it, then only what was appended since (see StreamChainCheck), so this is
    // what an edit made while the server was stopped meets after its start.
    // Its opening's severity changed in events.sqlite, the hash left as it was.
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.severity', 2) WHERE stream = ? AND revision = 0",
      ).run(stream(edited));
    } finally {
      db.close();
    }
  });

  it('refuses the first command with 503 storage-inconsistent naming the edited event, and writes nothing', async () => {
    const response = await comment(edited, seeded.world.engineerToken);
    expect(response.statusCode).toBe(503);
    const problem = response.json();
    expect(problem).toMatchObject({ type: problemType('storage-inconsistent'), stream: stream(edited) });
    expect(problem.damage).toContain('at revision 0');
    expect(problem.damage).toContain('content does not match its hash');
    expect(problem.detail).toContain('Nothing was written');
    expect(problem.detail).toContain('casetrail verify');
    expect(await storedRevisions(edited)).toEqual([0]);
  });

  it('refuses it with If-Match at the current revision too, and the customer in plain words', async () => {
    expect((await comment(edited, seeded.world.engineerToken, '"0"')).statusCode).toBe(503);
    const customer = await comment(edited, seeded.world.customerToken);
    expect(customer.statusCode).toBe(503);
    expect(customer.json().type).toBe(problemType('storage-inconsistent'));
    expect(customer.json()).not.toHaveProperty('stream');
    expect(customer.json()).not.toHaveProperty('damage');
    expect(await storedRevisions(edited)).toEqual([0]);
  });

  it('names the edited stream on /health after the command alone, no history read', async () => {
    const { storage } = (
      await seeded.t.app.inject({
        method: 'GET',
        url: '/health',
        headers: { authorization: `Bearer ${adminToken}` },
      })
    ).json();
    expect(storage.streams).toEqual([
      expect.objectContaining({
        stream: stream(edited),
        problem: expect.stringContaining('content does not match its hash'),
      }),
    ]);
  });

  it('refuses commands and If-Match on a stream this process already found damaged, as /health says', async () => {
    seeded.t.app
      .get(DamagedStreams, { strict: false })
      .record(stream(knownDamaged), 'found by a history read');
    for (const ifMatch of [undefined, '"2"']) {
      const response = await comment(knownDamaged, seeded.world.engineerToken, ifMatch);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        type: problemType('storage-inconsistent'),
        stream: stream(knownDamaged),
        damage: 'found by a history read',
      });
    }
    expect(await storedRevisions(knownDamaged)).toEqual([0, 1, 2]);
  });

  it('does not fire SLA timers onto the edited stream', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      seeded.t.clock.advance(30 * 24 * 60 * 60 * 1000);
      await seeded.t.app.get(SlaTimerScheduler, { strict: false }).runDueTimers();
      const lines = errors.mock.calls.map(([message]) => String(message));
      expect(lines.some((line) => line.startsWith(`${edited}|`) && line.includes('not fired'))).toBe(true);
    } finally {
      errors.mockRestore();
    }
    expect(await storedRevisions(edited)).toEqual([0]);
    expect(await storedRevisions(knownDamaged)).toEqual([0, 1, 2]);
  });

  it('refuses the next command on a stream edited while the desk runs, after a command had verified it', async () => {
    const { send, world } = seeded;
    const caseId = await openCase(send, world, 'Edited while the desk runs');
    // The command verifies the stream whole and remembers its end; later ones verify only what was
    // appended, so an edit to an event before that end went unnoticed until a restart.
    expect((await comment(caseId, world.customerToken)).statusCode).toBe(201);
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.severity', 1) WHERE stream = ? AND revision = 0",
      ).run(stream(caseId));
    } finally {
      db.close();
    }

    const response = await comment(caseId, world.engineerToken);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      type: problemType('storage-inconsistent'),
      stream: stream(caseId),
    });
    expect(response.json().damage).toContain('at revision 0');
    expect(await storedRevisions(caseId)).toEqual([0, 1]);
  });
});
