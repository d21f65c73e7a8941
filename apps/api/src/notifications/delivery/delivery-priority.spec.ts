import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actors, commands, historyOf } from '@casetrail/domain/cases/testing/case-fixtures';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { writeInJournal } from '../../storage/journal-write';
import { MailDeliveryError } from '../mail/mail-transport';
import { ManualClock, OutboxFixture, RecordingTransport } from '../testing/outbox-fixture';
import { TEST_DELIVERY_SETTINGS } from '../testing/delivery-test-settings';
import { DELIVERY_JOURNAL, DeliveryJournal } from './delivery-journal';
import { NOTIFICATION_DELIVERIES, type DeliveryRecord } from './delivery-record';
import { ROUTINE_PRIORITY, URGENT_PRIORITY } from './delivery-priority';
import { DeliveryWorker } from './delivery-worker';
import { adoptNewNotifications } from './outbox-adopter';

const URGENT_THREAD = '<case-production-down@casetrail>';

describe('the order due notifications are sent in', () => {
  let dir: string;
  let file: string;
  let fixture: OutboxFixture;
  let clock: ManualClock;
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-delivery-priority-'));
    file = join(dir, 'readmodels.sqlite');
    fixture = new OutboxFixture(file);
    await fixture.start();
    clock = new ManualClock();
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const workerOver = (readModels = fixture.readModels, transport = new RecordingTransport()) => {
    const worker = new DeliveryWorker({
      readModels,
      transport,
      clock,
      settings: TEST_DELIVERY_SETTINGS,
      workerId: `worker-${closers.length}`,
    });
    closers.push(() => worker.stop());
    return { worker, transport };
  };

  /** Three routine cases opened and answered: 21 mails (7 each). */
  const routineBacklog = async () => {
    for (const n of [1, 2, 3]) await fixture.openAndAnswerCase(`routine-${n}`);
  };

  /** An engineer logs a production-down case for Alice on the phone: Alice and the team, 4 mails. */
  const productionDown = () =>
    fixture.appendCase(
      'production-down',
      historyOf([
        commands.openCase({
          caseId: 'production-down',
          actor: actors.engineer,
          channel: 'phone',
          severity: 1,
          onBehalfOf: actors.alice.email,
        }),
      ]),
    );

  /** What a worker that adopted and then went down (an SMTP outage, a crash) left due. */
  const adoptEverything = async () => {
    const journal = new DeliveryJournal(fixture.readModels);
    await journal.ensureCollections();
    while ((await adoptNewNotifications(fixture.readModels, journal, clock.now().toISOString(), 500)) > 0);
  };

  const threads = (transport: RecordingTransport) => transport.sent.map((mail) => mail.threadId);

  it('sends a severity 1 case added last before a routine backlog due a minute earlier, each priority oldest first', async () => {
    await routineBacklog();
    await adoptEverything();
    clock.advance(60_000);
    await productionDown();
    const { worker, transport } = workerOver();

    expect(await worker.runOnce()).toMatchObject({ adopted: 4, sent: 25 });
    expect(threads(transport).slice(0, 4)).toEqual(Array(4).fill(URGENT_THREAD));
    // Then the backlog in the order its events happened.
    expect(threads(transport).slice(4)).toEqual([
      ...Array(7).fill('<case-routine-1@casetrail>'),
      ...Array(7).fill('<case-routine-2@casetrail>'),
      ...Array(7).fill('<case-routine-3@casetrail>'),
    ]);
    const urgent = await fixture.readModels.count(NOTIFICATION_DELIVERIES, { priority: URGENT_PRIORITY });
    const routine = await fixture.readModels.count(NOTIFICATION_DELIVERIES, { priority: ROUTINE_PRIORITY });
    expect({ urgent, routine }).toEqual({ urgent: 4, routine: 21 });
  });

  it('keeps the order across a restart: a new process over the same read models sends the urgent mail first', async () => {
    await routineBacklog();
    await productionDown();
    await adoptEverything();
    // The process that adopted them is gone; another one opens the same file.
    const reopened = new SqliteReadModelStore(file);
    closers.push(() => reopened.close());
    const { worker, transport } = workerOver(reopened);

    expect(await worker.runOnce()).toMatchObject({ adopted: 0, sent: 25 });
    expect(threads(transport).slice(0, 4)).toEqual(Array(4).fill(URGENT_THREAD));
    expect(new Set(transport.sent.map((mail) => `${mail.messageId} ${mail.to.address}`)).size).toBe(25);
  });

  it('sends an urgent case opened while a routine backlog goes out right after the mail in flight', async () => {
    await routineBacklog();
    const slow = new RecordingTransport();
    const send = slow.send.bind(slow);
    slow.send = async (mail) => {
      if (slow.sent.length === 0) await productionDown();
      // Slower than the poll interval (10 ms), so the worker adopts between two sends.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await send(mail);
    };
    const { worker } = workerOver(fixture.readModels, slow);

    expect(await worker.runOnce()).toMatchObject({ adopted: 25, sent: 25 });
    expect(threads(slow)[0]).toBe('<case-routine-1@casetrail>');
    expect(threads(slow).slice(1, 5)).toEqual(Array(4).fill(URGENT_THREAD));
    expect(new Set(slow.sent.map((mail) => `${mail.messageId} ${mail.to.address}`)).size).toBe(25);
  });

  it('gives records adopted before priorities existed theirs, so they neither jump the queue nor wait behind it', async () => {
    await routineBacklog();
    await productionDown();
    await adoptEverything();
    // As an older release adopted them: no priority, which would sort before every number.
    const records = (await fixture.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES)).items;
    await writeInJournal(fixture.readModels, DELIVERY_JOURNAL, async (tx) => {
      for (const { priority: _dropped, ...older } of records)
        tx.put(NOTIFICATION_DELIVERIES, older.id, older);
    });
    expect(await fixture.readModels.count(NOTIFICATION_DELIVERIES, { priority: null })).toBe(25);
    const { worker, transport } = workerOver();

    expect(await worker.runOnce()).toMatchObject({ sent: 25 });
    expect(threads(transport).slice(0, 4)).toEqual(Array(4).fill(URGENT_THREAD));
    expect(await fixture.readModels.count(NOTIFICATION_DELIVERIES, { priority: null })).toBe(0);
  });

  it('once the server answers again after an outage, sends the urgent mail waiting out a longer backoff before the routine mail queued later', async () => {
    const outage = new RecordingTransport();
    const send = outage.send.bind(outage);
    let serverDown = true;
    outage.send = async (mail) => {
      if (serverDown) throw new MailDeliveryError('421 service not available', false, 421);
      await send(mail);
    };
    const { worker } = workerOver(fixture.readModels, outage);
    // The production-down case's mails fail early in the outage, twice: their next try is 2 s off.
    await productionDown();
    expect(await worker.runOnce()).toMatchObject({ adopted: 4, failed: 4 });
    clock.advance(1_000);
    // A routine case opened later fails once: its next try is due 1 s on, before the urgent mails'.
    await fixture.openAndAnswerCase('routine-1');
    expect(await worker.runOnce()).toMatchObject({ adopted: 7, failed: 11 });
    const urgentDue = (
      await fixture.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
        where: { priority: URGENT_PRIORITY },
      })
    ).items.map((record) => record.nextAttemptAt);
    expect(new Set(urgentDue)).toEqual(new Set(['2026-03-02T09:00:03.000Z']));

    serverDown = false;
    clock.advance(1_000);
    // The first routine mail due shows the server answers; the urgent ones go next, not 1 s later.
    expect(await worker.runOnce()).toMatchObject({ sent: 11, failed: 0 });
    expect(threads(outage)).toEqual([
      '<case-routine-1@casetrail>',
      ...Array(4).fill(URGENT_THREAD),
      ...Array(6).fill('<case-routine-1@casetrail>'),
    ]);
    const urgent = (
      await fixture.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
        where: { priority: URGENT_PRIORITY },
      })
    ).items;
    // Their attempts are kept: two failed, the third sent.
    expect(urgent.map((record) => [record.status, record.attempts])).toEqual(Array(4).fill(['sent', 3]));
  });
});
