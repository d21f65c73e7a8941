import type { AccountEvent, CaseEvent, LicenceEvent } from '@casetrail/domain';
import { actors, commands, historyOf, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { ProjectionRunner, SqliteReadModelStore } from '@casetrail/readmodels';
import { notificationProjections, type RowsNeverSent } from '@casetrail/readmodels/notifications';
import { InMemoryEventStore } from '@casetrail/readmodels/testing/in-memory-event-store';
import { DeliveryJournal } from '../delivery/delivery-journal';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from '../mail/mail-transport';

const STAFF_ROLES: Record<string, string[]> = { [actors.engineer.email]: ['engineer'] };

/** An event store and read-model store with the outbox writer running over them, for unit tests of delivery. */
export class OutboxFixture {
  readonly eventStore = new InMemoryEventStore();
  readonly readModels: SqliteReadModelStore;
  readonly runner: ProjectionRunner;

  /**
   * Read models in memory, or in a file a test may also open itself (to stage a crash); the outbox
   * writer told which rows will never be sent, as the notification pipeline tells it, or not.
   */
  constructor(
    readModelsFile = ':memory:',
    private readonly rowsNeverSent?: RowsNeverSent,
  ) {
    this.readModels = new SqliteReadModelStore(readModelsFile);
    this.runner = this.newRunner();
  }

  /** The outbox writer as a restarted process would run it, over the same stores. */
  newRunner(): ProjectionRunner {
    return new ProjectionRunner({
      eventStore: this.eventStore,
      readModels: this.readModels,
      projections: notificationProjections({
        supportTeam: ['support-team@vendor.example'],
        rowsNeverSent: this.rowsNeverSent,
      }),
      pollIntervalMs: 5,
    });
  }

  async start(): Promise<void> {
    // The pipeline makes them before its writer starts: the writer reads the adoption cursor.
    if (this.rowsNeverSent) await new DeliveryJournal(this.readModels).ensureCollections();
    await this.runner.start();
    await this.appendAccount(
      { type: 'AccountRegistered', data: { accountId: 'acc-1', name: 'Acme', timeZone: null, at: T0 } },
      ...['tom', 'tina', 'theo'].map((name): AccountEvent => ({
        type: 'CaseTeamMemberAdded',
        data: { accountId: 'acc-1', email: `${name}@acme.example`, name, notify: true, at: T0 },
      })),
    );
  }

  async close(): Promise<void> {
    await this.runner.stop();
    await this.readModels.close();
  }

  /** Alice opens a case (three case-team members hear of it) and the engineer replies (Alice too). */
  async openAndAnswerCase(caseId = 'case-1'): Promise<RecordedEvent[]> {
    return this.appendCase(caseId, historyOf([commands.openCase({ caseId }), commands.comment({ caseId })]));
  }

  async appendAccount(...events: AccountEvent[]): Promise<void> {
    for (const event of events) {
      await this.eventStore.append(
        'account-acc-1',
        [{ ...event, metadata: { actor: 'admin@vendor.example', correlationId: 'c', schemaVersion: 1 } }],
        'any',
      );
    }
    await this.runner.catchUp(5_000);
  }

  /** Licence events as `actor` (an email, with the name and roles the token gave) decided them. */
  async appendLicence(
    events: LicenceEvent[],
    actor: { email: string; name?: string; roles?: string[] } = { email: 'holder@acme.example' },
  ): Promise<RecordedEvent[]> {
    const licenceId = events[0].data.licenceId;
    for (const event of events) {
      const metadata = {
        actor: actor.email,
        ...(actor.name ? { actorName: actor.name } : {}),
        actorRoles: actor.roles ?? [],
        correlationId: 'c',
        schemaVersion: 1,
      };
      await this.eventStore.append(`licence-${licenceId}`, [{ ...event, metadata }], 'any');
    }
    await this.runner.catchUp(5_000);
    return this.eventStore.readStream(`licence-${licenceId}`);
  }

  async appendCase(caseId: string, events: CaseEvent[]): Promise<RecordedEvent[]> {
    for (const event of events) {
      const metadata = {
        actor: event.data.by,
        actorRoles: STAFF_ROLES[event.data.by] ?? [],
        correlationId: 'c',
        schemaVersion: 1,
      };
      await this.eventStore.append(`case-${caseId}`, [{ ...event, metadata }], 'any');
    }
    await this.runner.catchUp(5_000);
    return this.eventStore.readStream(`case-${caseId}`);
  }
}

/** A transport that records what it sends and fails as scripted (per recipient, or for everyone). */
export class RecordingTransport implements MailTransport {
  readonly description = 'recording';
  readonly sent: OutgoingMail[] = [];
  private failures: { match: (mail: OutgoingMail) => boolean; error: () => Error; times: number }[] = [];

  failNext(
    times: number,
    error: () => Error = () => new MailDeliveryError('421 try later', false, 421),
    recipient?: string,
  ): void {
    this.failures.push({
      match: (mail) => recipient === undefined || mail.to.address === recipient,
      error,
      times,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const failure = this.failures.find((candidate) => candidate.times > 0 && candidate.match(mail));
    if (failure) {
      failure.times -= 1;
      throw failure.error();
    }
    this.sent.push(mail);
  }

  async close(): Promise<void> {}
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
