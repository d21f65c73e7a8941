import { writeInJournal } from '../../storage/journal-write';
import { ManualClock, OutboxFixture, RecordingTransport } from '../testing/outbox-fixture';
import { DELIVERY_JOURNAL, DeliveryJournal } from './delivery-journal';
import { NOTIFICATION_DELIVERIES, type DeliveryRecord } from './delivery-record';
import { deadLetters, notificationDeliverySummary } from './delivery-summary';
import { DeliveryWorker } from './delivery-worker';
import { LOST_EVENT_REASON } from './lost-with-restored-log';
import { adoptNewNotifications } from './outbox-adopter';

/**
 * Notifications still pending when the event log was restored from an older backup: their events
 * (and so their outbox rows) are gone for good. `casetrail rebuild` sets them aside; they must never
 * be requeued into a wait that cannot end, nor count as delivery failures.
 */
describe('notifications lost with a restored log', () => {
  let fixture: OutboxFixture;
  let journal: DeliveryJournal;
  const clock = new ManualClock();
  const now = () => clock.now().toISOString();

  beforeEach(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    journal = new DeliveryJournal(fixture.readModels);
    await journal.ensureCollections();
  });
  afterEach(() => fixture.close());

  const record = (id: string) => fixture.readModels.get<DeliveryRecord>(NOTIFICATION_DELIVERIES, id);

  it('are listed with the dead letters, marked, but counted apart and never requeued', async () => {
    const [opened] = await fixture.openAndAnswerCase();
    await adoptNewNotifications(fixture.readModels, journal, now(), 100);
    const toTom = `${opened.id}|tom@acme.example`;

    await journal.markLost(toTom, now());

    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({
      pending: 6,
      dead: 0,
      lost: 1,
    });
    expect(await deadLetters(fixture.readModels)).toEqual([
      expect.objectContaining({ id: toTom, lostWithRestoredLog: true, lastError: LOST_EVENT_REASON }),
    ]);
    expect(await journal.requeue(toTom, now())).toBeUndefined();
    expect(await record(toTom)).toMatchObject({ status: 'lost' });
  });

  it('are not requeued either when an earlier `rebuild` dead-lettered them with the reason', async () => {
    const [opened] = await fixture.openAndAnswerCase();
    await adoptNewNotifications(fixture.readModels, journal, now(), 100);
    const toTom = `${opened.id}|tom@acme.example`;
    // What `rebuild` did before such notifications had a status of their own.
    await journal.abandon(toTom, now(), LOST_EVENT_REASON);

    expect(await journal.requeue(toTom, now())).toBeUndefined();
    expect(await deadLetters(fixture.readModels)).toEqual([
      expect.objectContaining({ id: toTom, lostWithRestoredLog: true }),
    ]);
  });

  it('are set aside by the delivery worker when one was requeued before requeue refused them', async () => {
    await fixture.openAndAnswerCase();
    const worker = new DeliveryWorker({
      readModels: fixture.readModels,
      transport: new RecordingTransport(),
      clock,
      settings: {
        from: 'Casetrail <notifications@casetrail.test>',
        publicUrl: 'https://support.example',
        maxAttempts: 4,
        retryBaseMs: 1_000,
        retryMaxMs: 60_000,
        pollIntervalMs: 10,
        batchSize: 10,
        leaseTtlMs: 60_000,
      },
      workerId: 'worker-1',
    });
    await worker.runOnce();
    // Requeued: pending again, still carrying the reason, for an event beyond the restored log
    // (its row is gone, and the outbox will not reach its position until new events take it).
    const stuck = 'lost-event|tom@acme.example';
    await writeInJournal(fixture.readModels, DELIVERY_JOURNAL, async (tx) =>
      tx.put(NOTIFICATION_DELIVERIES, stuck, {
        id: stuck,
        eventId: 'lost-event',
        caseId: 'case-1',
        recipient: 'tom@acme.example',
        messageId: '<lost-event.tom@casetrail>',
        position: 10_000,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now(),
        inFlightSince: null,
        lastError: LOST_EVENT_REASON,
        sentAt: null,
        deadAt: null,
        adoptedAt: now(),
        history: [],
      } satisfies DeliveryRecord),
    );
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({ pending: 1 });

    await worker.runOnce();
    await worker.stop();

    expect(await record(stuck)).toMatchObject({ status: 'lost' });
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({
      pending: 0,
      dead: 0,
      lost: 1,
    });
  });
});
