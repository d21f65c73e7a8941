import { commands, historyOf } from '@casetrail/domain/cases/testing/case-fixtures';
import {
  NOTIFICATION_CASE_FACTS,
  NOTIFICATION_OUTBOX,
  NOTIFICATIONS_OUTBOX_PROJECTION,
  NOTIFICATION_OUTBOX_COLLECTION,
  type CaseNotification,
} from '@casetrail/readmodels/notifications';
import { ManualClock, OutboxFixture, RecordingTransport } from '../testing/outbox-fixture';
import { DeliveryJournal } from '../delivery/delivery-journal';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { rowsNeverSentPastCursor } from './rows-never-sent';
import { TEST_DELIVERY_SETTINGS } from '../testing/delivery-test-settings';

// One batch holds every row these specs write.
const settings = { ...TEST_DELIVERY_SETTINGS, batchSize: 50 };

describe('the outbox writer, told which rows will never be sent', () => {
  let fixture: OutboxFixture;
  let transport: RecordingTransport;
  let worker: DeliveryWorker;

  beforeEach(async () => {
    fixture = new OutboxFixture(':memory:', rowsNeverSentPastCursor);
    await fixture.start();
    transport = new RecordingTransport();
    worker = new DeliveryWorker({
      readModels: fixture.readModels,
      transport,
      clock: new ManualClock(),
      settings,
      workerId: 'w',
    });
  });

  afterEach(async () => {
    await worker.stop();
    await fixture.close();
  });

  const rows = () =>
    fixture.readModels.find<CaseNotification>(NOTIFICATION_OUTBOX).then((page) => page.items);

  it('stores no row of a history delivery starts after, yet follows its cases and mails what comes next', async () => {
    const opened = [commands.openCase({ caseId: 'case-1' }), commands.comment({ caseId: 'case-1' })];
    const history = historyOf(opened);
    // As `casetrail demo-data` leaves it: delivery begins after the history.
    const journal = new DeliveryJournal(fixture.readModels);
    await journal.skipUpTo((await fixture.eventStore.headPosition()) + history.length);
    await fixture.appendCase('case-1', history);
    expect(await rows()).toEqual([]);
    expect(await fixture.readModels.get(NOTIFICATION_CASE_FACTS, 'case-1')).toBeDefined();

    const next = historyOf([...opened, commands.comment({ caseId: 'case-1', commentId: 'c-2' })]).slice(
      history.length,
    );
    await fixture.appendCase('case-1', next);
    expect((await rows()).length).toBeGreaterThan(0);
    const round = await worker.runOnce();
    expect(round!.sent).toBe((await rows()).length);
    // The case as the writer followed it through the unstored history: answered, in progress.
    expect(transport.sent[0].text).toContain('Status: In progress');
  });

  it('stores again, below the cursor, the rows a rebuilt outbox needs to send', async () => {
    transport.failNext(99);
    await fixture.openAndAnswerCase();
    expect((await worker.runOnce())!.failed).toBe(7);

    await fixture.runner.stop();
    await fixture.readModels.reset(NOTIFICATIONS_OUTBOX_PROJECTION, [NOTIFICATION_OUTBOX_COLLECTION.name]);
    const rebuilt = fixture.newRunner();
    await rebuilt.start();
    expect(await rebuilt.catchUp(5_000)).toBe(true);
    await rebuilt.stop();
    expect(await rows()).toHaveLength(7);
  });
});
