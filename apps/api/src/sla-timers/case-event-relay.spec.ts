import type { EventBus } from '@nestjs/cqrs';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { InMemoryEventStore } from '@casetrail/readmodels/testing/in-memory-event-store';
import { CaseEventOccurred } from './case-event-occurred.event';
import { CASE_EVENT_RELAY_CHECKPOINT, CaseEventRelay } from './case-event-relay';

const metadata = { actor: 'test', correlationId: 'c', schemaVersion: 1 };
const commentAdded = (caseId: string) => ({
  type: 'CommentAdded',
  data: { caseId, at: '2026-03-02T09:00:00.000Z', by: 'eve@vendor.example' },
  metadata,
});

async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('CaseEventRelay', () => {
  let eventStore: InMemoryEventStore;
  let readModels: SqliteReadModelStore;
  let published: CaseEventOccurred[];
  let relay: CaseEventRelay;

  beforeEach(() => {
    eventStore = new InMemoryEventStore();
    readModels = new SqliteReadModelStore(':memory:');
    published = [];
    const bus = { publish: (event: CaseEventOccurred) => published.push(event) } as unknown as EventBus;
    relay = new CaseEventRelay(eventStore, readModels, bus);
  });

  afterEach(async () => {
    await relay.stop();
    await readModels.close();
  });

  it('publishes the case events of the log, in order, and skips the others', async () => {
    await eventStore.append('case-1', [commentAdded('case-1')], 'any');
    await eventStore.append('account-1', [{ type: 'AccountRegistered', data: {}, metadata }], 'any');
    await relay.start();
    await eventStore.append('case-2', [commentAdded('case-2')], 'any');

    await eventually(async () => (await readModels.getCheckpoint(CASE_EVENT_RELAY_CHECKPOINT)) === 3);
    expect(published.map((event) => [event.caseId, event.recorded.position])).toEqual([
      ['case-1', 1],
      ['case-2', 3],
    ]);
  });

  it('resumes after a stop from its stored checkpoint: what it missed is published, nothing twice', async () => {
    await eventStore.append('case-1', [commentAdded('case-1')], 'any');
    await relay.start();
    await eventually(async () => (await readModels.getCheckpoint(CASE_EVENT_RELAY_CHECKPOINT)) === 1);
    await relay.stop();

    await eventStore.append('case-2', [commentAdded('case-2')], 'any');
    await relay.start();

    await eventually(() => published.length === 2);
    expect(published.map((event) => event.caseId)).toEqual(['case-1', 'case-2']);
  });
});
