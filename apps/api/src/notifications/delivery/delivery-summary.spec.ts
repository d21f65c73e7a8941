import { ManualClock, OutboxFixture, RecordingTransport } from '../testing/outbox-fixture';
import { notificationDeliverySummary } from './delivery-summary';
import { DeliveryWorker } from './delivery-worker';

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
});
