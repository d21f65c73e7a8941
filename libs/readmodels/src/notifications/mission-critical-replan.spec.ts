import type { AccountEvent, CaseEvent, LicenceEvent } from '@casetrail/domain';
import { actors, commands, historyOf, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { ProjectionRunner } from '../projections/projection-runner';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { notificationsOutboxProjection } from './notifications-outbox.projection';
import { NOTIFICATION_OUTBOX, type OutboxNotification } from './outbox-notification';

/**
 * DOMAIN.md "the CSM is notified of all activity on the account's cases" from the moment the
 * account is Mission Critical: a case records the cover only when the Mission Critical review
 * reaches it, so a comment made between a re-plan and that review must reach the CSM too.
 */
describe('notifications outbox: the CSM hears of activity between a re-plan and the case following it', () => {
  let events: InMemoryEventStore;
  let readModels: SqliteReadModelStore;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    events = new InMemoryEventStore();
    readModels = new SqliteReadModelStore(':memory:');
    runner = new ProjectionRunner({
      eventStore: events,
      readModels,
      projections: [notificationsOutboxProjection({ supportTeam: [] })],
      pollIntervalMs: 5,
    });
    await runner.start();
  });

  afterEach(async () => {
    await runner.stop();
    await readModels.close();
  });

  const admin = {
    actor: 'admin@vendor.example',
    actorRoles: ['admin'],
    correlationId: 'c',
    schemaVersion: 1,
  };

  async function append(
    stream: string,
    event: AccountEvent | LicenceEvent | CaseEvent,
  ): Promise<RecordedEvent> {
    const metadata =
      'by' in event.data
        ? {
            ...admin,
            actor: event.data.by,
            actorRoles: event.data.by === actors.engineer.email ? ['engineer'] : [],
          }
        : admin;
    await events.append(stream, [{ ...event, metadata }], 'any');
    const recorded = await events.readStream(stream);
    return recorded[recorded.length - 1];
  }

  const licence = (plan: 'enterprise' | 'mission-critical'): LicenceEvent => ({
    type: 'LicenceIssued',
    data: {
      licenceId: 'lic-1',
      accountId: 'acc-1',
      at: T0,
      product: 'Sitefinity',
      edition: 'Enterprise',
      plan,
      activeUntil: '2030-01-01',
      expiresAt: '2030-01-02T00:00:00.000Z',
      seats: 5,
      holderEmail: 'boss@acme.example',
    },
  });
  const replanned = (
    from: 'enterprise' | 'mission-critical',
    to: 'enterprise' | 'mission-critical',
  ): LicenceEvent => ({
    type: 'LicenceTermsChanged',
    data: {
      licenceId: 'lic-1',
      accountId: 'acc-1',
      at: T0,
      terms: { plan: to },
      previousTerms: { plan: from },
    },
  });

  async function recipientsOfComment(): Promise<string[]> {
    const [opening, comment] = historyOf([
      commands.openCase(),
      commands.comment({ actor: actors.alice, body: 'Second try after the upgrade' }),
    ]);
    await append('case-case-1', opening);
    const commented = await append('case-case-1', comment);
    expect(await runner.catchUp(5_000)).toBe(true);
    const rows = await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, {});
    return rows.items.filter((row) => row.eventId === commented.id).map((row) => row.recipient);
  }

  beforeEach(async () => {
    await append('account-acc-1', {
      type: 'AccountRegistered',
      data: { accountId: 'acc-1', name: 'Acme', timeZone: null, at: T0 },
    });
    await append('account-acc-1', {
      type: 'CustomerSuccessManagerAssigned',
      data: { accountId: 'acc-1', email: actors.csm.email, previousEmail: null, at: T0 },
    });
  });

  it('mails the CSM a comment made after the licence was re-planned to mission-critical, before the case follows', async () => {
    await append('licence-lic-1', licence('enterprise'));
    await append('licence-lic-1', replanned('enterprise', 'mission-critical'));
    expect(await recipientsOfComment()).toContain(actors.csm.email);
  });

  it('does not mail the CSM on an account that never was Mission Critical', async () => {
    await append('licence-lic-1', licence('enterprise'));
    expect(await recipientsOfComment()).not.toContain(actors.csm.email);
  });

  it('does not mail the CSM once the mission-critical licence was re-planned down, on a case not covered', async () => {
    await append('licence-lic-1', licence('mission-critical'));
    await append('licence-lic-1', replanned('mission-critical', 'enterprise'));
    expect(await recipientsOfComment()).not.toContain(actors.csm.email);
  });
});
