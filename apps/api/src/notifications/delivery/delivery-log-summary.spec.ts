import type { ProjectionLogger } from '@casetrail/readmodels';
import { OutboxFixture, ManualClock, RecordingTransport } from '../testing/outbox-fixture';
import { DeliveryLogSummary } from './delivery-log-summary';
import { DeliveryWorker } from './delivery-worker';
import { TEST_DELIVERY_SETTINGS } from '../testing/delivery-test-settings';

const settings = TEST_DELIVERY_SETTINGS;

/** One info line per mail sent was 98-99% of the log under load: the info line is now a count. */
describe('what the delivery worker logs', () => {
  let fixture: OutboxFixture;
  const lines: { level: string; message: string; context?: Record<string, unknown> }[] = [];
  const line = (level: string) => (message: string, context?: Record<string, unknown>) => {
    lines.push({ level, message, context });
  };
  const logger: ProjectionLogger = {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  };
  const at = (level: string) => lines.filter((line) => line.level === level).map((line) => line.message);

  beforeEach(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    lines.length = 0;
  });
  afterEach(() => fixture.close());

  it('each mail at debug, failures at warn, and at info only the counts (here at stop, within the minute)', async () => {
    const transport = new RecordingTransport();
    const worker = new DeliveryWorker({
      readModels: fixture.readModels,
      transport,
      clock: new ManualClock(),
      settings,
      logger,
      workerId: 'worker-1',
    });
    await fixture.openAndAnswerCase();
    transport.failNext(1, undefined, 'alice@acme.example');
    expect(await worker.runOnce()).toMatchObject({ sent: 6, failed: 1 });
    expect(at('debug').filter((message) => message === 'notification sent')).toHaveLength(6);
    expect(at('warn')).toEqual(['notification send failed; will retry']);
    expect(at('info')).toEqual([]);

    await worker.stop();
    expect(lines.filter((line) => line.level === 'info')).toEqual([
      {
        level: 'info',
        message: 'notifications delivered',
        context: {
          worker: 'worker-1',
          sent: 6,
          failed: 1,
          dead: 0,
          withheld: 0,
          overSeconds: expect.any(Number),
        },
      },
    ]);
  });

  it('logs the counts once per interval in which anything was delivered', () => {
    let now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const logged: Record<string, unknown>[] = [];
    const summary = new DeliveryLogSummary((_message, context) => logged.push(context), 60_000);
    summary.count('sent');
    summary.count('sent');
    now = 59_999;
    summary.flush();
    expect(logged).toEqual([]);
    now = 60_000;
    summary.flush();
    expect(logged).toEqual([{ sent: 2, failed: 0, dead: 0, withheld: 0, overSeconds: 60 }]);
    // A quiet minute says nothing; the next mail is counted afresh.
    now = 130_000;
    summary.flush();
    summary.count('dead');
    now = 190_000;
    summary.flush();
    expect(logged).toHaveLength(2);
    expect(logged[1]).toEqual({ sent: 0, failed: 0, dead: 1, withheld: 0, overSeconds: 60 });
    jest.restoreAllMocks();
  });
});
