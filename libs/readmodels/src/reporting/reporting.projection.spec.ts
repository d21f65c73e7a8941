import { MISSION_CRITICAL_REVIEW_ACTOR, type CaseCommand } from '@casetrail/domain';
import { actors, commands, context, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { recordedCase } from '../testing/recorded-case';
import type { EscalationEntry } from './escalation-board';
import { ESCALATIONS, NO_DEADLINE, SLA_ACTIVITY, SLA_CASES } from './reporting-collections';
import { reportingProjection } from './reporting.projection';
import type { SlaActivity } from './sla-activity';
import type { SlaCaseFacts } from './sla-case-facts';

async function project(events: RecordedEvent[], batchSize = 3): Promise<SqliteReadModelStore> {
  const store = new SqliteReadModelStore(':memory:');
  await store.ensureCollections(reportingProjection.collections);
  for (let index = 0; index < events.length; index += batchSize) {
    await store.applyBatch(reportingProjection.name, events.slice(index, index + batchSize), (event, tx) =>
      reportingProjection.apply(event, tx),
    );
  }
  return store;
}

const engineer = actors.engineer;
const escalate = commands.escalate({ at: plus(T0, { hours: 1 }) });
const acknowledge: CaseCommand = {
  type: 'AcknowledgeEscalation',
  caseId: 'case-1',
  actor: engineer,
  at: plus(T0, { hours: 1, minutes: 20 }),
};

describe('reporting projection', () => {
  it('files a case, its first response and its resolution under their UTC days and severities', async () => {
    const store = await project(
      recordedCase([
        commands.openCase({ severity: 2 }),
        commands.comment({ at: plus(T0, { hours: 3 }) }),
        commands.resolve({ at: plus(T0, { days: 2 }) }),
      ]),
    );
    const facts = await store.get<SlaCaseFacts>(SLA_CASES, 'case-1');
    expect(facts).toMatchObject({
      status: 'resolved',
      severity: 2,
      active: false,
      openedAt: T0,
      firstResponseAt: plus(T0, { hours: 3 }),
      resolvedAt: plus(T0, { days: 2 }),
      unmetDueAt: NO_DEADLINE,
      supportSpans: [[T0, plus(T0, { days: 2 })]],
    });
    const activity = (
      await store.find<SlaActivity>(SLA_ACTIVITY, { orderBy: [{ field: 'day', direction: 'asc' }] })
    ).items;
    expect(activity.map(({ kind, day, severity, met }) => ({ kind, day, severity, met }))).toEqual([
      { kind: 'opened', day: '2024-06-03', severity: 2, met: undefined },
      { kind: 'first-response', day: '2024-06-03', severity: 2, met: true },
      { kind: 'resolution', day: '2024-06-05', severity: 2, met: true },
    ]);
  });

  it("keeps the case's named calendar beside its zone, for business durations measured at query time", async () => {
    const named = context({ calendarName: 'de-public-holidays' });
    const steps = [commands.openCase({ severity: 2 }), commands.comment(), commands.resolve()];
    const store = await project(recordedCase(steps, 1, named));
    expect(await store.get<SlaCaseFacts>(SLA_CASES, 'case-1')).toMatchObject({
      timeZone: 'UTC',
      calendar: 'de-public-holidays',
    });
    const measured = (await store.find<SlaActivity>(SLA_ACTIVITY, {})).items.filter(
      (row) => row.kind === 'first-response' || row.kind === 'resolution',
    );
    expect(measured).toEqual([
      expect.objectContaining({ timeZone: 'UTC', calendar: 'de-public-holidays' }),
      expect.objectContaining({ timeZone: 'UTC', calendar: 'de-public-holidays' }),
    ]);

    // A case on the policy default keeps rows as they always were: no calendar at all.
    const standard = await project(recordedCase(steps));
    expect(await standard.get<SlaCaseFacts>(SLA_CASES, 'case-1')).not.toHaveProperty('calendar');
    const rows = (await standard.find<SlaActivity>(SLA_ACTIVITY, {})).items;
    expect(rows.some((row) => 'calendar' in row)).toBe(false);
  });

  it('keeps yesterday’s resolution when the case is reopened, and clears the case’s resolution', async () => {
    const store = await project(
      recordedCase([
        commands.openCase(),
        commands.resolve({ at: plus(T0, { hours: 4 }) }),
        commands.reopen({ at: plus(T0, { days: 1 }) }),
      ]),
    );
    expect(await store.get<SlaCaseFacts>(SLA_CASES, 'case-1')).toMatchObject({
      status: 'in-progress',
      resolvedAt: null,
      active: true,
    });
    expect(await store.count(SLA_ACTIVITY, { day: '2024-06-03' })).toBe(3); // opened, first response (the resolution), resolution
  });

  it('puts an escalation on the board, moves what is owed next, and takes it off when de-escalated', async () => {
    const events = recordedCase([
      commands.openCase(),
      escalate,
      acknowledge,
      {
        type: 'DeEscalate',
        caseId: 'case-1',
        actor: engineer,
        at: plus(T0, { hours: 5 }),
        reason: 'Calm again',
      },
    ]);
    const raised = await project(events.slice(0, 2));
    expect(await raised.get<EscalationEntry>(ESCALATIONS, 'case-1:1')).toMatchObject({
      status: 'awaiting-acknowledgement',
      open: true,
      level: 1,
      nextDueAt: plus(T0, { hours: 2 }),
    });
    const acknowledged = await project(events.slice(0, 3));
    const entry = await acknowledged.get<EscalationEntry>(ESCALATIONS, 'case-1:1');
    expect(entry).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: engineer.email,
      nextDueAt: entry?.nextStatusUpdateDueAt,
    });
    expect(entry?.nextStatusUpdateDueAt).toEqual(expect.any(String));
    expect(entry?.endedBy).toBeNull();
    const ended = await project(events);
    expect(await ended.get<EscalationEntry>(ESCALATIONS, 'case-1:1')).toMatchObject({
      status: 'de-escalated',
      open: false,
      endReason: 'Calm again',
      endedBy: engineer.email,
      // Nothing is owed once it ended.
      nextStatusUpdateDueAt: null,
      nextDueAt: NO_DEADLINE,
    });
    expect(await ended.get<SlaCaseFacts>(SLA_CASES, 'case-1')).toMatchObject({
      openEscalation: false,
      escalationLevel: 1,
    });
  });

  it('supersedes an open escalation with the next level, and keeps the board entry’s severity current', async () => {
    const store = await project(
      recordedCase([
        commands.openCase({ severity: 3 }),
        escalate,
        commands.changeSeverity({ at: plus(T0, { hours: 2 }), severity: 2, reason: 'Wider impact' }),
        commands.escalate({ at: plus(T0, { hours: 3 }), reason: 'low-satisfaction' }),
      ]),
    );
    expect(await store.get<EscalationEntry>(ESCALATIONS, 'case-1:1')).toMatchObject({
      status: 'superseded',
      open: false,
      severity: 2,
      endReason: 'superseded by level 2',
      endedBy: actors.alice.email,
    });
    expect(await store.get<EscalationEntry>(ESCALATIONS, 'case-1:2')).toMatchObject({
      status: 'awaiting-acknowledgement',
      open: true,
      severity: 2,
    });
  });

  it('counts each recorded lapse on the level it was recorded on only: a raised level shows what it inherits as overdueCarried, and a superseded level keeps only its own', async () => {
    // Level 1's acknowledgement (due T0+2h) is alerted; level 2, raised over it, owes the same one
    // and is reminded at T0+3h; level 3 is raised over that at T0+3h30.
    const ackOverdue = (at: string, reminderAt?: string): CaseCommand => ({
      type: 'RecordEscalationOverdue',
      caseId: 'case-1',
      actor: actors.system,
      at,
      what: 'acknowledgement',
      dueAt: plus(T0, { hours: 2 }),
      ...(reminderAt ? { reminderAt } : {}),
    });
    const store = await project(
      recordedCase([
        commands.openCase(),
        escalate,
        ackOverdue(plus(T0, { hours: 2 })),
        commands.escalate({ at: plus(T0, { hours: 2, minutes: 30 }), reason: 'low-satisfaction' }),
        ackOverdue(plus(T0, { hours: 3 }), plus(T0, { hours: 3 })),
        commands.escalate({ at: plus(T0, { hours: 3, minutes: 30 }), reason: 'business-operations-risk' }),
      ]),
    );
    const rows = (await store.find<EscalationEntry>(ESCALATIONS, {})).items.sort((a, b) => a.level - b.level);
    expect(
      rows.map(({ level, status, overdueRecorded, overdueCarried }) => ({
        level,
        status,
        overdueRecorded,
        overdueCarried,
      })),
    ).toEqual([
      { level: 1, status: 'superseded', overdueRecorded: 1, overdueCarried: 0 },
      { level: 2, status: 'superseded', overdueRecorded: 1, overdueCarried: 1 },
      { level: 3, status: 'awaiting-acknowledgement', overdueRecorded: 0, overdueCarried: 2 },
    ]);
    // Two alerts recorded in all, each counted once over the whole board.
    expect(rows.reduce((sum, row) => sum + row.overdueRecorded, 0)).toBe(2);
  });

  it('moves the next status update of an acknowledged escalation to the new severity’s cadence', async () => {
    const upgradedAt = plus(T0, { hours: 2 });
    const store = await project(
      recordedCase([
        commands.openCase({ severity: 3 }),
        escalate,
        acknowledge,
        commands.changeSeverity({ at: upgradedAt, severity: 1, reason: 'Production is down' }),
      ]),
    );
    expect(await store.get<EscalationEntry>(ESCALATIONS, 'case-1:1')).toMatchObject({
      status: 'acknowledged',
      severity: 1,
      nextStatusUpdateDueAt: plus(upgradedAt, { hours: 4 }),
      nextDueAt: plus(upgradedAt, { hours: 4 }),
    });
  });

  it("ends the escalation with the customer's reason when the customer closes the case, confirming the resolution", async () => {
    const closedAt = plus(T0, { days: 2 });
    const store = await project(
      recordedCase([
        commands.openCase(),
        commands.comment(),
        escalate,
        commands.resolve(),
        commands.close({ actor: actors.alice, at: closedAt }),
      ]),
    );
    expect(await store.get<EscalationEntry>(ESCALATIONS, 'case-1:1')).toMatchObject({
      status: 'de-escalated',
      open: false,
      caseStatus: 'closed',
      endedAt: closedAt,
      endReason: 'The customer closed the case, confirming the resolution',
      endedBy: actors.alice.email,
      nextDueAt: NO_DEADLINE,
    });
    expect(await store.get<SlaCaseFacts>(SLA_CASES, 'case-1')).toMatchObject({
      status: 'closed',
      openEscalation: false,
    });
  });

  it('still ends an escalation that a redirection recorded before ended without a de-escalation', async () => {
    const escalated = recordedCase([commands.openCase(), escalate]);
    // Recorded when an engineer could still redirect an escalated case: no CaseDeEscalated first.
    const redirection = recordedCase([
      commands.openCase(),
      commands.redirect({ at: plus(T0, { hours: 2 }), referral: 'Consulting' }),
    ])
      .slice(1)
      .map((event, index) => ({
        ...event,
        id: `00000000-0000-4000-8000-1000000000${index}0`,
        revision: escalated.length + index,
        position: escalated.length + 1 + index,
      }));
    const store = await project([...escalated, ...redirection]);
    expect(await store.get<EscalationEntry>(ESCALATIONS, 'case-1:1')).toMatchObject({
      open: false,
      endReason: 'case redirected',
      endedBy: engineer.email,
      nextStatusUpdateDueAt: null,
    });
    expect(await store.count(SLA_ACTIVITY, { day: '2024-06-03' })).toBe(4); // opened, escalation, first response, redirection
  });

  it('arrives at the same documents however the events are cut into batches', async () => {
    const events = recordedCase([
      commands.openCase({ severity: 2 }),
      escalate,
      acknowledge,
      { type: 'RequestInformation', caseId: 'case-1', actor: engineer, at: plus(T0, { hours: 2 }) },
      commands.comment({ actor: actors.alice, commentId: 'c-2', at: plus(T0, { days: 1 }) }),
      commands.resolve({ at: plus(T0, { days: 3 }) }),
      { type: 'CloseCase', caseId: 'case-1', actor: actors.alice, at: plus(T0, { days: 4 }) },
    ]);
    const dump = async (store: SqliteReadModelStore) =>
      Promise.all([SLA_CASES, SLA_ACTIVITY, ESCALATIONS].map(async (name) => (await store.find(name)).items));
    expect(await dump(await project(events, 1))).toEqual(await dump(await project(events, events.length)));
  });
  it("follows the account's Mission Critical cover on the dashboard facts and the escalations board", async () => {
    const cover = context({ accountMissionCritical: true });
    const store = await project(
      recordedCase(
        [
          commands.openCase(),
          escalate,
          {
            type: 'ReviewMissionCritical',
            caseId: 'case-1',
            actor: MISSION_CRITICAL_REVIEW_ACTOR,
            at: plus(T0, { hours: 2 }),
          },
        ],
        1,
        cover,
      ),
    );
    expect(await store.get<SlaCaseFacts>(SLA_CASES, 'case-1')).toMatchObject({ missionCritical: true });
    const board = (await store.find<EscalationEntry>(ESCALATIONS, {})).items;
    expect(board.map(({ missionCritical, open }) => ({ missionCritical, open }))).toEqual([
      { missionCritical: true, open: true },
    ]);
  });
});

/**
 * The escalations board lists ended escalations too (`?state=all`), beside the case's current
 * status, and filters on severity: every entry of a case must show the case as it stands now, or
 * the filter finds an escalation under a severity the case has left.
 */
describe('reporting projection: ended escalations follow their case', () => {
  const deEscalate = (at: string): CaseCommand => ({
    type: 'DeEscalate',
    caseId: 'case-1',
    actor: engineer,
    at,
    reason: 'Calm again',
  });
  const escalatedThenEnded = [
    commands.openCase({ severity: 2 }),
    commands.comment({ at: plus(T0, { minutes: 30 }) }),
    escalate,
    acknowledge,
    commands.changeSeverity({ at: plus(T0, { hours: 2 }), severity: 3, reason: 'Workaround found' }),
    deEscalate(plus(T0, { hours: 3 })),
  ];
  const entries = async (store: SqliteReadModelStore) =>
    (await store.find<EscalationEntry>(ESCALATIONS, {})).items.map(
      ({ id, open, severity, caseStatus, missionCritical }) => ({
        id,
        open,
        severity,
        caseStatus,
        missionCritical,
      }),
    );

  it('given a de-escalated escalation, when the severity changes, then the entry shows and is found under the new one', async () => {
    const store = await project(
      recordedCase([
        ...escalatedThenEnded,
        commands.changeSeverity({ at: plus(T0, { hours: 4 }), severity: 2, reason: 'It spread again' }),
      ]),
    );
    expect(await entries(store)).toEqual([
      { id: 'case-1:1', open: false, severity: 2, caseStatus: 'in-progress', missionCritical: false },
    ]);
    expect(await store.count(ESCALATIONS, { severity: 2 })).toBe(1);
    expect(await store.count(ESCALATIONS, { severity: 3 })).toBe(0);
  });

  it('given a de-escalated escalation, when the case is resolved and reopened, then the entry shows its status now', async () => {
    const resolved = recordedCase([...escalatedThenEnded, commands.resolve({ at: plus(T0, { hours: 5 }) })]);
    expect((await entries(await project(resolved)))[0]).toMatchObject({ caseStatus: 'resolved' });
    const reopened = recordedCase([
      ...escalatedThenEnded,
      commands.resolve({ at: plus(T0, { hours: 5 }) }),
      commands.reopen({ at: plus(T0, { days: 1 }) }),
    ]);
    expect((await entries(await project(reopened)))[0]).toMatchObject({ caseStatus: 'in-progress' });
  });

  it("given a de-escalated escalation, when the account's Mission Critical cover starts, then the entry shows it", async () => {
    const review: CaseCommand = {
      type: 'ReviewMissionCritical',
      caseId: 'case-1',
      actor: MISSION_CRITICAL_REVIEW_ACTOR,
      at: plus(T0, { hours: 4 }),
    };
    const store = await project(
      recordedCase([...escalatedThenEnded, review], 1, context({ accountMissionCritical: true })),
    );
    expect(await entries(store)).toEqual([expect.objectContaining({ open: false, missionCritical: true })]);
  });

  it('given a superseded and an open escalation, when the severity changes, then both show it', async () => {
    const store = await project(
      recordedCase([
        commands.openCase({ severity: 3 }),
        commands.comment({ at: plus(T0, { minutes: 30 }) }),
        escalate,
        commands.escalate({ at: plus(T0, { hours: 2 }), reason: 'low-satisfaction' }),
        commands.changeSeverity({ at: plus(T0, { hours: 3 }), severity: 2, reason: 'Wider impact' }),
      ]),
    );
    expect(await entries(store)).toEqual([
      { id: 'case-1:1', open: false, severity: 2, caseStatus: 'in-progress', missionCritical: false },
      { id: 'case-1:2', open: true, severity: 2, caseStatus: 'in-progress', missionCritical: false },
    ]);
  });

  it('given a de-escalated escalation, when an event leaves the case as shown, then its entry is not rewritten', async () => {
    const events = recordedCase([
      ...escalatedThenEnded,
      commands.share({ at: plus(T0, { hours: 4 }) }),
      { type: 'RequestInformation', caseId: 'case-1', actor: engineer, at: plus(T0, { hours: 5 }) },
    ]);
    const puts: string[] = [];
    const store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections(reportingProjection.collections);
    await store.applyBatch(reportingProjection.name, events.slice(0, -2), (event, tx) =>
      reportingProjection.apply(event, tx),
    );
    // The share changes nothing the entry shows; the request for information changes the status.
    for (const event of events.slice(-2)) {
      await store.applyBatch(reportingProjection.name, [event], (recorded, tx) =>
        reportingProjection.apply(recorded, {
          ...tx,
          get: tx.get.bind(tx),
          findIds: tx.findIds.bind(tx),
          delete: tx.delete.bind(tx),
          position: tx.position,
          put: (collection, id, doc) => {
            if (collection === ESCALATIONS) puts.push(`${event.type} ${id}`);
            tx.put(collection, id, doc);
          },
        }),
      );
    }
    expect(puts).toEqual(['InformationRequested case-1:1']);
    expect((await entries(store))[0]).toMatchObject({ caseStatus: 'awaiting-customer' });
  });
});

describe('reporting projection: events it skips', () => {
  it('skips only events that would change none of its documents', async () => {
    const skipped = ['CommentAdded', 'CaseShared', 'CaseUnshared', 'SlaTargetAtRisk', 'AutoClosePostponed'];
    const events = recordedCase([
      commands.openCase(),
      escalate,
      commands.share({ at: plus(T0, { hours: 1, minutes: 5 }) }),
      {
        type: 'AssignEngineer',
        caseId: 'case-1',
        actor: engineer,
        at: plus(T0, { hours: 1, minutes: 6 }),
        engineer: engineer.email,
      },
      commands.comment({ actor: actors.alice, commentId: 'c-9', at: plus(T0, { hours: 1, minutes: 7 }) }),
      commands.resolve({ at: plus(T0, { hours: 2 }) }),
      // Staff's comment on the resolved case (a customer's would reopen it).
      commands.comment({ commentId: 'c-10', at: plus(T0, { hours: 3 }) }),
    ]);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['CaseShared', 'EngineerAssigned', 'CommentAdded', 'AutoClosePostponed']),
    );
    const dump = async (store: SqliteReadModelStore) =>
      Promise.all([SLA_CASES, SLA_ACTIVITY, ESCALATIONS].map(async (name) => (await store.find(name)).items));
    const everything = await project(events);
    const handled = await project(
      events.filter((event) => reportingProjection.handles!.includes(event.type)),
    );
    expect(await dump(handled)).toEqual(await dump(everything));
    expect(reportingProjection.handles).toEqual(expect.not.arrayContaining(skipped));
  });
});
