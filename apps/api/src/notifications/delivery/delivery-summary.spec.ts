import { ManualClock, OutboxFixture, RecordingTransport } from '../testing/outbox-fixture';
import { DeliveryJournal } from './delivery-journal';
import { NOTIFICATION_DELIVERIES, type DeliveryRecord } from './delivery-record';
import { notificationDeliverySummary } from './delivery-summary';
import { DeliveryWorker } from './delivery-worker';
import { adoptNewNotifications } from './outbox-adopter';

/** What /health learns of deliveries that keep failing, well before any becomes a dead letter. */
describe('the delivery summary of notifications retrying after failures', () => {
  let fixture: OutboxFixture;
  const clock = new ManualClock();
  const transport = new RecordingTransport();

  beforeEach(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
  });
  afterEach(() => fixture.close());

  it('counts them, with the most attempts one of them had and its error; none before a failure', async () => {
    await fixture.openAndAnswerCase();
    const worker = new DeliveryWorker({
      readModels: fixture.readModels,
      transport,
      clock,
      settings: {
        from: 'Casetrail <notifications@casetrail.test>',
        publicUrl: 'https://support.example',
        maxAttempts: 8,
        retryBaseMs: 1_000,
        retryMaxMs: 60_000,
        pollIntervalMs: 10,
        batchSize: 100,
        leaseTtlMs: 60_000,
      },
      workerId: 'worker-1',
    });
    const summary = () =>
      notificationDeliverySummary(fixture.readModels, undefined, undefined, clock.now().toISOString());
    expect((await summary()).retrying).toBeUndefined();

    transport.failNext(1_000);
    for (let round = 0; round < 3; round++) {
      await worker.runOnce();
      clock.advance(60_000);
    }
    clock.advance(-60_000);
    await worker.stop();

    const { pending, retrying } = await summary();
    expect(retrying).toEqual({
      count: pending,
      mostAttempts: 3,
      lastError: expect.stringContaining('421 try later'),
    });
  });

  it('counts the notifications due now and says since when the longest-waiting one has waited', async () => {
    const now = new ManualClock(new Date('2026-03-02T10:00:00.000Z'));
    const summary = () =>
      notificationDeliverySummary(fixture.readModels, undefined, undefined, now.now().toISOString());
    const journal = new DeliveryJournal(fixture.readModels);
    await journal.ensureCollections();
    expect(await summary()).toMatchObject({ due: 0 });
    expect((await summary()).oldestDueAt).toBeUndefined();

    // Not taken up yet: waiting since its event happened.
    const [opened] = await fixture.openAndAnswerCase();
    expect(await summary()).toMatchObject({ due: 7, oldestDueAt: (opened.data as { at: string }).at });

    // Taken up: due from then. One put off after a failure is not due, the others wait on.
    await adoptNewNotifications(fixture.readModels, journal, now.now().toISOString(), 100);
    const [first] = (await fixture.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {})).items;
    await journal.recordFailure(first.id, now.now().toISOString(), {
      error: 'Timeout',
      giveUp: false,
      nextAttemptAt: '2026-03-02T10:10:00.000Z',
    });
    now.advance(300_000);
    expect(await summary()).toMatchObject({ due: 6, oldestDueAt: '2026-03-02T10:00:00.000Z' });
  });
});
