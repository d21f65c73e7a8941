import { commandForTimer, type CaseCommand, type CaseEvent } from '@casetrail/domain';
import {
  CASE_ID,
  T0,
  actors,
  commands,
  historyOf,
  plus,
} from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { slaTimerDocuments, type SlaTimerDocument } from '../sla-timers/sla-timer-schedule';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { CASES, casesProjection, NEVER, type CaseDocument } from './cases.projection';

const metadata = { actor: 'test', correlationId: 'c', schemaVersion: 1 };

/** The case's history, projected event by event (each its own batch) as a live runner would. */
async function projected(steps: CaseCommand[]) {
  const events = historyOf(steps);
  const eventStore = new InMemoryEventStore();
  const readModels = new SqliteReadModelStore(':memory:');
  await readModels.ensureCollections(casesProjection.collections);
  await appendAndProject(eventStore, readModels, events);
  return { eventStore, readModels, events };
}

async function appendAndProject(
  eventStore: InMemoryEventStore,
  readModels: SqliteReadModelStore,
  events: CaseEvent[],
  caseId = CASE_ID,
): Promise<void> {
  for (const event of events) {
    const { position } = await eventStore.append(
      `case-${caseId}`,
      [{ type: event.type, data: event.data, metadata }],
      'any',
    );
    const [recorded] = await eventStore.readAll({ after: position - 1, maxCount: 1 });
    await project(readModels, [recorded]);
  }
}

function project(readModels: SqliteReadModelStore, events: RecordedEvent[]) {
  return readModels.applyBatch(casesProjection.name, events, (event, tx) => casesProjection.apply(event, tx));
}

/** The case's timers as the SLA process manager reads them from its row. */
async function timers(readModels: SqliteReadModelStore, caseId = CASE_ID): Promise<SlaTimerDocument[]> {
  const row = await readModels.get<CaseDocument>(CASES, caseId);
  return row ? slaTimerDocuments(row) : [];
}

const nextTimerAt = async (readModels: SqliteReadModelStore) =>
  (await readModels.get<CaseDocument>(CASES, CASE_ID))?.nextTimerAt;

const kinds = async (readModels: SqliteReadModelStore) =>
  (await timers(readModels)).map((timer) => timer.kind);

describe("the SLA timers a case's row holds", () => {
  it('schedules the at-risk and breach timers of both targets of a new case, with ids naming what they are about', async () => {
    const { readModels, eventStore } = await projected([commands.openCase()]);
    const rows = await timers(readModels);
    const [opened] = await eventStore.readStream(`case-${CASE_ID}`);

    expect(rows.map((row) => row.kind)).toEqual([
      'first-response-at-risk',
      'first-response-breach',
      'resolution-at-risk',
      'resolution-breach',
    ]);
    const firstResponseDue = '2024-06-04T09:00:00.000Z';
    expect(rows[0]).toEqual({
      id: `${CASE_ID}|first-response-at-risk|${firstResponseDue}`,
      caseId: CASE_ID,
      kind: 'first-response-at-risk',
      dueAt: firstResponseDue,
      fireAt: '2024-06-04T03:00:00.000Z',
      caseRevision: 0,
      scheduledBy: opened.id,
      timer: {
        kind: 'sla-target-at-risk',
        target: 'first-response',
        dueAt: firstResponseDue,
        fireAt: '2024-06-04T03:00:00.000Z',
      },
    });
    expect(rows[1]).toMatchObject({
      kind: 'first-response-breach',
      dueAt: firstResponseDue,
      fireAt: firstResponseDue,
    });
    // What finds the case when its first timer comes due.
    expect(await nextTimerAt(readModels)).toBe('2024-06-04T03:00:00.000Z');
  });

  it('drops the first-response timers once the engineer has answered, and re-dates the rest to the new revision', async () => {
    const { readModels, events } = await projected([commands.openCase(), commands.comment()]);
    const rows = await timers(readModels);
    expect(rows.map((row) => row.kind)).toEqual(['resolution-at-risk', 'resolution-breach']);
    // The comment is also the first response: two events, so the case is at revision 2.
    expect(rows.map((row) => row.caseRevision)).toEqual([events.length - 1, events.length - 1]);
  });

  it('drops an at-risk timer once its warning is recorded, keeping the breach timer', async () => {
    const opened = historyOf([commands.openCase()]);
    const { readModels, eventStore } = await projected([commands.openCase()]);
    const [atRisk] = await timers(readModels);
    const warned = historyOf([commands.openCase(), commandForTimer(CASE_ID, atRisk.timer, atRisk.fireAt)]);
    await appendAndProject(eventStore, readModels, warned.slice(opened.length));

    expect(warned.at(-1)?.type).toBe('SlaTargetAtRisk');
    expect(await kinds(readModels)).toEqual([
      'first-response-breach',
      'resolution-at-risk',
      'resolution-breach',
    ]);
  });

  it('has no SLA timers while the case awaits the customer (the clock is paused)', async () => {
    const { readModels } = await projected([
      commands.openCase(),
      commands.comment(),
      { type: 'RequestInformation', caseId: CASE_ID, actor: actors.engineer, at: plus(T0, { hours: 1 }) },
    ]);
    expect(await timers(readModels)).toEqual([]);
    expect(await nextTimerAt(readModels)).toBe(NEVER);
  });

  it('replaces the acknowledgement timer of an escalation by its status-update timer once acknowledged', async () => {
    const escalatedAt = plus(T0, { hours: 1 });
    const escalated = [commands.openCase(), commands.comment(), commands.escalate({ at: escalatedAt })];
    const { readModels, eventStore } = await projected(escalated);
    expect(await timers(readModels)).toContainEqual(
      expect.objectContaining({ kind: 'escalation-acknowledgement', dueAt: plus(escalatedAt, { hours: 1 }) }),
    );

    const acknowledge: CaseCommand = {
      type: 'AcknowledgeEscalation',
      caseId: CASE_ID,
      actor: actors.engineer,
      at: plus(T0, { minutes: 90 }),
    };
    const all = historyOf([...escalated, acknowledge]);
    await appendAndProject(eventStore, readModels, all.slice(historyOf(escalated).length));
    const after = await kinds(readModels);
    expect(after).toContain('escalation-status-update');
    expect(after).not.toContain('escalation-acknowledgement');
  });

  it('schedules the automatic closure of a resolved case, and removes it when the case is reopened', async () => {
    const resolvedSteps = [commands.openCase(), commands.comment(), commands.resolve()];
    const { readModels, eventStore } = await projected(resolvedSteps);
    expect(await timers(readModels)).toEqual([
      expect.objectContaining({
        kind: 'auto-close',
        dueAt: plus(T0, { days: 8 }),
        fireAt: plus(T0, { days: 8 }),
      }),
    ]);

    const reopened = historyOf([...resolvedSteps, commands.reopen()]);
    await appendAndProject(eventStore, readModels, reopened.slice(historyOf(resolvedSteps).length));
    expect(await kinds(readModels)).toEqual(['resolution-at-risk', 'resolution-breach']);
  });

  it('leaves a closed case without timers', async () => {
    const { readModels } = await projected([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      { type: 'CloseCase', caseId: CASE_ID, actor: actors.alice, at: plus(T0, { days: 2 }) },
    ]);
    expect(await timers(readModels)).toEqual([]);
    expect(await nextTimerAt(readModels)).toBe(NEVER);
  });

  it("touches only the changed case's timers", async () => {
    const { readModels, eventStore } = await projected([commands.openCase()]);
    const other = historyOf([
      commands.openCase({ caseId: 'case-2' }),
      commands.comment({ caseId: 'case-2' }),
    ]);
    await appendAndProject(eventStore, readModels, other, 'case-2');

    expect(await kinds(readModels)).toHaveLength(4);
    expect((await timers(readModels, 'case-2')).map((row) => row.kind)).toEqual([
      'resolution-at-risk',
      'resolution-breach',
    ]);
  });

  it('arrives at the same rows when the whole log is replayed in one batch (rebuild)', async () => {
    const steps = [
      commands.openCase(),
      commands.comment(),
      commands.escalate({ at: plus(T0, { hours: 1 }) }),
    ];
    const live = await projected(steps);
    const rebuilt = new SqliteReadModelStore(':memory:');
    await rebuilt.ensureCollections(casesProjection.collections);
    await project(rebuilt, await live.eventStore.readAll({ after: 0, maxCount: 100 }));

    expect(await timers(rebuilt)).toEqual(await timers(live.readModels));
  });
});
