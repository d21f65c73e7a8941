import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands, historyOf } from '@casetrail/domain/cases/testing/case-fixtures';
import { NOTIFICATION_OUTBOX, NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { MailDeliveryError } from '../mail/mail-transport';
import { ManualClock, OutboxFixture, RecordingTransport } from '../testing/outbox-fixture';
import { DeliveryJournal } from '../delivery/delivery-journal';
import { deadLetters, notificationDeliverySummary } from '../delivery/delivery-summary';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { pruneOutboxPage } from './outbox-pruning';
import { OutboxRetention } from './outbox-retention';
import { TEST_DELIVERY_SETTINGS } from '../testing/delivery-test-settings';

const DAY_MS = 86_400_000;
// One batch holds every row these specs write.
const settings = { ...TEST_DELIVERY_SETTINGS, batchSize: 50 };

describe('outbox pruning', () => {
  let dir: string;
  let fixture: OutboxFixture;
  let transport: RecordingTransport;
  let clock: ManualClock;
  let worker: DeliveryWorker;
  let retention: OutboxRetention;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-outbox-pruning-'));
    fixture = new OutboxFixture(join(dir, 'readmodels.sqlite'));
    await fixture.start();
    transport = new RecordingTransport();
    clock = new ManualClock();
    worker = new DeliveryWorker({
      readModels: fixture.readModels,
      transport,
      clock,
      settings,
      workerId: 'w',
    });
    // Small pages, so a prune takes several of them.
    retention = new OutboxRetention({
      readModels: fixture.readModels,
      clock,
      retentionDays: 30,
      leaseTtlMs: 60_000,
      ownerId: 'w',
      pageSize: 2,
    });
  });

  afterEach(async () => {
    await retention.stop();
    await worker.stop();
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const outboxRows = () => fixture.readModels.count(NOTIFICATION_OUTBOX);
  /** A whole sweep (passes until one finds nothing more to delete). */
  const pruneAll = async () => {
    let total = 0;
    for (let pruned; (pruned = (await retention.runOnce())!) > 0;) total += pruned;
    return total;
  };

  it('deletes the rows of notifications sent longer ago than the retention period, keeping their records', async () => {
    await fixture.openAndAnswerCase();
    expect((await worker.runOnce())!.sent).toBe(7);

    clock.advance(29 * DAY_MS);
    expect(await pruneAll()).toBe(0);
    expect(await outboxRows()).toBe(7);

    clock.advance(2 * DAY_MS);
    expect(await pruneAll()).toBe(7);
    expect(await outboxRows()).toBe(0);
    // What was sent is still on record, and nothing is sent again.
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({ pending: 0, sent: 7 });
    expect(await worker.runOnce()).toEqual({ adopted: 0, sent: 0, failed: 0, dead: 0, withheld: 0 });
    expect(transport.sent).toHaveLength(7);
  });

  it('keeps pending notifications and dead letters, which a requeue still sends with their row', async () => {
    transport.failNext(1, () => new MailDeliveryError('550 no such mailbox', true, 550), 'tom@acme.example');
    transport.failNext(99, undefined, 'tina@acme.example');
    await fixture.openAndAnswerCase();
    await worker.runOnce();

    clock.advance(365 * DAY_MS);
    // Of seven: tina's two still retried, one of tom's refused for good, four sent.
    expect(await pruneAll()).toBe(4);
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({ pending: 2, dead: 1 });
    expect(await outboxRows()).toBe(3);

    const [dead] = await deadLetters(fixture.readModels);
    expect(dead).toMatchObject({
      recipient: 'tom@acme.example',
      subject: expect.stringContaining('Pages fail to publish'),
    });
    await new DeliveryJournal(fixture.readModels).requeue(dead.id, clock.now().toISOString());
    expect((await worker.runOnce())!.sent).toBe(1);
    expect(transport.sent.filter((mail) => mail.to.address === 'tom@acme.example')).toHaveLength(2);
  });

  it('deletes at once the rows of a history no one is to be told about (below the cursor, no record)', async () => {
    await fixture.openAndAnswerCase();
    // As `casetrail demo-data` does: delivery starts after the history.
    const journal = new DeliveryJournal(fixture.readModels);
    await journal.ensureCollections();
    await journal.skipUpTo(await fixture.eventStore.headPosition());
    expect(await pruneAll()).toBe(7);
    expect(await worker.runOnce()).toEqual({ adopted: 0, sent: 0, failed: 0, dead: 0, withheld: 0 });
  });

  it('prunes nothing the outbox writer may apply again, and a replay after pruning sends nothing twice', async () => {
    await fixture.openAndAnswerCase('case-1');
    const [lastEvent] = await fixture.appendCase(
      'case-2',
      historyOf([commands.openCase({ caseId: 'case-2' })]),
    );
    expect((await worker.runOnce())!.sent).toBe(10);
    clock.advance(31 * DAY_MS);

    // A crash before the writer stored its checkpoint past the last event (its rows stored, as on
    // MongoDB, which stores them before the checkpoint): it will apply that event again.
    await fixture.runner.stop();
    rewindOutboxCheckpoint(lastEvent.position - 1);
    expect(await pruneAll()).toBe(7);
    expect(await outboxRows()).toBe(3);

    const restarted = fixture.newRunner();
    await restarted.start();
    expect(await restarted.catchUp(5_000)).toBe(true);
    expect(await outboxRows()).toBe(3);
    expect(await worker.runOnce()).toEqual({ adopted: 0, sent: 0, failed: 0, dead: 0, withheld: 0 });

    // Even a replay of everything (the outbox rebuilt) brings pruned rows back only below the
    // adoption cursor: none is sent again, and they go again at the next prune.
    await restarted.stop();
    rewindOutboxCheckpoint(0);
    const rebuilt = fixture.newRunner();
    await rebuilt.start();
    expect(await rebuilt.catchUp(5_000)).toBe(true);
    await rebuilt.stop();
    expect(await outboxRows()).toBe(10);
    expect(await worker.runOnce()).toEqual({ adopted: 0, sent: 0, failed: 0, dead: 0, withheld: 0 });
    expect(transport.sent).toHaveLength(10);
    expect(await pruneAll()).toBe(10);
  });

  it('prunes by itself once started, one pass per interval', async () => {
    await fixture.openAndAnswerCase();
    await worker.runOnce();
    clock.advance(31 * DAY_MS);
    const running = new OutboxRetention({
      readModels: fixture.readModels,
      clock,
      retentionDays: 30,
      leaseTtlMs: 60_000,
      ownerId: 'w',
      intervalMs: 5,
    });
    running.start();
    try {
      for (let waited = 0; (await outboxRows()) > 0 && waited < 2_000; waited += 10)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await outboxRows()).toBe(0);
    } finally {
      await running.stop();
    }
  });

  it('reads no further than the adoption cursor and the checkpoint, a page at a time', async () => {
    await fixture.openAndAnswerCase();
    // Not adopted yet: no record, but above the cursor: still to be sent.
    expect(
      await pruneOutboxPage(fixture.readModels, { now: clock.now(), retentionMs: 0, pageSize: 50 }),
    ).toEqual({
      scanned: 0,
      pruned: 0,
    });
    expect(await outboxRows()).toBe(7);
    expect(await fixture.readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION)).toBeGreaterThan(0);
  });

  function rewindOutboxCheckpoint(position: number): void {
    const db = new Database(join(dir, 'readmodels.sqlite'));
    try {
      db.prepare('UPDATE readmodel_checkpoints SET position = ? WHERE projection = ?').run(
        position,
        NOTIFICATIONS_OUTBOX_PROJECTION,
      );
    } finally {
      db.close();
    }
  }
});
