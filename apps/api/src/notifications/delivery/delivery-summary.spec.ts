import { T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { OutboxFixture } from '../testing/outbox-fixture';
import { DeliveryJournal } from './delivery-journal';
import { notificationDeliverySummary } from './delivery-summary';
import { adoptNewNotifications } from './outbox-adopter';

describe('the notification delivery summary', () => {
  let fixture: OutboxFixture;

  beforeEach(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await new DeliveryJournal(fixture.readModels).ensureCollections();
  });
  afterEach(() => fixture.close());

  it('counts as pending the outbox rows no delivery worker has taken up yet', async () => {
    await fixture.openAndAnswerCase();
    expect(await notificationDeliverySummary(fixture.readModels, fixture.eventStore)).toMatchObject({
      pending: 7,
      unadopted: 7,
      sent: 0,
      outboxLag: 0,
    });
  });

  it('counts a row once, whether taken up or not', async () => {
    await fixture.openAndAnswerCase();
    const journal = new DeliveryJournal(fixture.readModels);
    // A page of 2 takes up the opening's three recipients only (whole events).
    await adoptNewNotifications(fixture.readModels, journal, '2026-03-02T09:00:00.000Z', 2);
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({ pending: 7, unadopted: 4 });
  });

  it('counts the events the outbox writer has not reached, with the event store at hand', async () => {
    await fixture.runner.stop();
    await fixture.eventStore.append(
      'account-acc-1',
      [
        {
          type: 'CaseTeamMemberAdded',
          data: { accountId: 'acc-1', email: 'tess@acme.example', name: 'tess', notify: true, at: T0 },
          metadata: { actor: 'admin@vendor.example', correlationId: 'c', schemaVersion: 1 },
        },
      ],
      'any',
    );
    const summary = await notificationDeliverySummary(fixture.readModels, fixture.eventStore);
    expect(summary.outboxLag).toBe(1);
    expect(await notificationDeliverySummary(fixture.readModels)).not.toHaveProperty('outboxLag');
  });
});
