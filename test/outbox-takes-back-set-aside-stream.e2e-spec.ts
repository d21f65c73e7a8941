import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NOTIFICATION_OUTBOX, type OutboxNotification } from '@casetrail/readmodels/notifications';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { NOTIFICATION_DELIVERIES } from '../apps/api/src/notifications/delivery/delivery-record';
import { garbleEventData, onEventsFile } from './support/fault/events-file';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Finding ops5 F2: a customer's comment stored unreadable set its case's stream aside in the outbox
 * writer, and the engineer's reply after it, a healthy event, was never mailed to the customer, nor
 * counted anywhere, even after the row was restored, `casetrail rebuild` had run and the desk
 * restarted. Now the writer, taking the stream back, writes the mails of the events it skipped (the
 * restored comment's too), once each, in the batch that drops its stored set-aside row.
 */
describe('the outbox writer taking back a stream it set aside', () => {
  let dataDir: string;
  let api: TestApp | undefined;
  let projector: ProjectorRunner | undefined;
  let world: SeededWorld;
  const send = injectRequester(() => api!.app);

  /** The embedded desk (projections and mail in the API), or the API alone with a projector and no mail. */
  async function start(shape: 'embedded' | 'without mail' = 'embedded'): Promise<TestApp> {
    if (shape === 'embedded') return (api = await startTestApp({ dataDir }));
    api = await startTestApp({ dataDir, env: { EMBEDDED_PROJECTOR: 'false' } });
    projector = await runProjector(api.runtime, { clock: api.clock, logger: false });
    return api;
  }

  async function stop(): Promise<void> {
    await projector?.stop();
    projector = undefined;
    await api?.close();
    api = undefined;
  }

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-outbox-take-back-'));
  });

  afterAll(async () => {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The stored comment whose body is `body`: its position, id and original data. */
  const storedComment = (body: string) =>
    onEventsFile(
      dataDir,
      (db) =>
        db
          .prepare(`SELECT position, id, data FROM events WHERE type = 'CommentAdded' AND data LIKE ?`)
          .get(`%${body}%`) as { position: number; id: string; data: string },
    );

  const outboxRowsOf = async (eventId: string) =>
    (
      await api!.runtime.storage.readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, {
        where: { eventId },
      })
    ).items;

  it("mails the engineer's reply written after an unreadable comment once the row is restored", async () => {
    // Mail delivery has begun (what came before it is history no one is mailed about).
    await start();
    world = await seedWorld(send);
    const caseId = await openCase(send, world, 'A comment of it is garbled');
    const comment = (token: string, body: string) =>
      send('POST', `/v1/cases/${caseId}/comments`, token, { body });
    // The engineer takes part, so the customer's comments are mailed to him.
    expect((await comment(world.engineerToken, 'G0 looking into it')).status).toBe(201);
    await untilAllDelivered(api!.runtime.storage);
    await stop();

    // Two comments the outbox writer has not met yet: the customer's (to be garbled), the engineer's reply.
    await start('without mail');
    expect((await comment(world.customerToken, 'G1 garbled')).status).toBe(201);
    expect((await comment(world.engineerToken, 'G2 after garbled')).status).toBe(201);
    await stop();
    const garbled = storedComment('G1 garbled');
    const reply = storedComment('G2 after garbled');
    garbleEventData(dataDir, garbled.position);

    await start();
    await untilAllDelivered(api!.runtime.storage);
    expect(await outboxRowsOf(reply.id)).toEqual([]);
    await stop();

    // Restored from a backup, rebuilt, restarted; the next change of the desk carries the late mails.
    onEventsFile(dataDir, (db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(garbled.data, garbled.position),
    );
    expect((await cli(dataDir, 'rebuild')).code).toBe(0);
    await start();
    expect((await comment(world.engineerToken, 'G3 after restore')).status).toBe(201);
    await untilAllDelivered(api!.runtime.storage);

    const replyRows = await outboxRowsOf(reply.id);
    expect(replyRows.map((row) => row.recipient)).toEqual([world.customerEmail]);
    // The once-unreadable comment's own mail too, now that it reads (to the engineer who took part).
    expect((await outboxRowsOf(garbled.id)).map((row) => row.recipient)).toContain(world.engineerEmail);
    const delivered = await api!.runtime.storage.readModels.get<{ status: string }>(
      NOTIFICATION_DELIVERIES,
      replyRows[0].id,
    );
    expect(delivered?.status).toBe('sent');

    // Written once: another restart takes nothing back again.
    const written = await api!.runtime.storage.readModels.count(NOTIFICATION_OUTBOX);
    await stop();
    await start();
    expect((await comment(world.customerToken, 'G4 thanks')).status).toBe(201);
    await untilAllDelivered(api!.runtime.storage);
    expect(await outboxRowsOf(reply.id)).toHaveLength(1);
    expect(await api!.runtime.storage.readModels.count(NOTIFICATION_OUTBOX)).toBeGreaterThan(written);
  }, 120_000);
});
