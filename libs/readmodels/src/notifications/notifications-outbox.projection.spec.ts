import type { AccountEvent, CaseActor, CaseCommand, CaseEvent } from '@casetrail/domain';
import {
  actors,
  commands,
  context,
  entitlement,
  historyOf,
  plus,
  T0,
} from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { ProjectionRunner } from '../projections/projection-runner';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { caseThreadId, notificationMessageId } from './message-identity';
import { notificationsOutboxProjection } from './notifications-outbox.projection';
import { NOTIFICATION_OUTBOX, type CaseNotification, type OutboxNotification } from './outbox-notification';

const STAFF: Record<string, string[]> = {
  [actors.engineer.email]: ['engineer'],
  [actors.otherEngineer.email]: ['engineer'],
  [actors.csm.email]: ['csm'],
  'nina@vendor.example': ['engineer', 'csm'],
};

const missionCritical = context({ entitlement: entitlement({ account: { missionCritical: true } }) });

describe('notifications outbox projection', () => {
  let events: InMemoryEventStore;
  let readModels: SqliteReadModelStore;
  let runner: ProjectionRunner;
  const projection = notificationsOutboxProjection({ supportTeam: ['Support-Team@vendor.example'] });

  beforeEach(async () => {
    events = new InMemoryEventStore();
    readModels = new SqliteReadModelStore(':memory:');
    runner = new ProjectionRunner({
      eventStore: events,
      readModels,
      projections: [projection],
      pollIntervalMs: 5,
    });
    await runner.start();
  });

  afterEach(async () => {
    await runner.stop();
    await readModels.close();
  });

  async function appendAccount(...accountEvents: AccountEvent[]): Promise<void> {
    for (const event of accountEvents) {
      await events.append(
        'account-acc-1',
        [
          {
            ...event,
            metadata: {
              actor: 'admin@vendor.example',
              actorRoles: ['admin'],
              correlationId: 'c',
              schemaVersion: 1,
            },
          },
        ],
        'any',
      );
    }
  }

  async function appendCase(caseEvents: CaseEvent[]): Promise<RecordedEvent[]> {
    for (const event of caseEvents) {
      const metadata = {
        actor: event.data.by,
        actorRoles: STAFF[event.data.by] ?? [],
        correlationId: 'c',
        schemaVersion: 1,
      };
      await events.append('case-case-1', [{ ...event, metadata }], 'any');
    }
    expect(await runner.catchUp(5_000)).toBe(true);
    return events.readStream('case-case-1');
  }

  async function outbox(): Promise<OutboxNotification[]> {
    return (
      await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, {
        orderBy: [{ field: 'position', direction: 'asc' }],
      })
    ).items;
  }

  const recipientsOf = (rows: OutboxNotification[], eventId: string) =>
    rows
      .filter((row) => row.eventId === eventId)
      .map((row) => row.recipient)
      .sort();

  /** Who was written a row for the comment `commentId`, and why, among the `recorded` events. */
  const commentRecipients =
    (rows: OutboxNotification[], recorded: RecordedEvent[]) => (commentId: string) => {
      const event = recorded.find(
        (candidate) =>
          candidate.type === 'CommentAdded' &&
          (candidate.data as { commentId: string }).commentId === commentId,
      )!;
      return rows
        .filter((row) => row.eventId === event.id)
        .map((row) => ({
          email: row.recipient,
          reasons: row.reasons,
          ...('withheld' in row && row.withheld ? { withheld: true } : {}),
        }))
        .sort((left, right) => left.email.localeCompare(right.email));
    };

  const acmeRegistered: AccountEvent = {
    type: 'AccountRegistered',
    data: { accountId: 'acc-1', name: 'Acme', timeZone: null, at: T0 },
  };
  const csmOfAcme = (email: string, previousEmail: string | null): AccountEvent => ({
    type: 'CustomerSuccessManagerAssigned',
    data: { accountId: 'acc-1', email, previousEmail, at: T0 },
  });
  const team = (email: string, notify: boolean): AccountEvent => ({
    type: 'CaseTeamMemberAdded',
    data: { accountId: 'acc-1', email, name: email.split('@')[0], notify, at: T0 },
  });

  it('writes one row per recipient from the facts as they stood at each event', async () => {
    await appendAccount(
      acmeRegistered,
      csmOfAcme(actors.csm.email, null),
      team('tom@acme.example', true),
      team('olga@partner.example', false),
    );
    const history = historyOf([commands.openCase()], missionCritical);
    const [opened] = await appendCase(history);
    // Olga opts in and Tom leaves the team after the opening: only later events see that.
    await appendAccount(
      {
        type: 'CaseTeamNotificationPreferenceChanged',
        data: { accountId: 'acc-1', email: 'olga@partner.example', notify: true, at: T0 },
      },
      { type: 'CaseTeamMemberRemoved', data: { accountId: 'acc-1', email: 'tom@acme.example', at: T0 } },
    );
    const comment = historyOf(
      [commands.openCase(), commands.comment({ actor: actors.alice, body: 'Any news?' })],
      missionCritical,
    ).slice(1);
    const [, commented] = await appendCase(comment);

    const rows = await outbox();
    expect(recipientsOf(rows, opened.id)).toEqual(['carla@vendor.example', 'tom@acme.example']);
    expect(recipientsOf(rows, commented.id)).toEqual(['carla@vendor.example', 'olga@partner.example']);

    const tomsRow = rows.find((row) => row.recipient === 'tom@acme.example')!;
    expect(tomsRow).toMatchObject({
      id: `${opened.id}|tom@acme.example`,
      kind: 'case-opened',
      caseId: 'case-1',
      audience: 'customer',
      reasons: ['case-team'],
      messageId: notificationMessageId(opened.id, 'tom@acme.example'),
      threadId: caseThreadId('case-1'),
      occurredAt: T0,
      actor: { email: actors.alice.email, name: actors.alice.name, staff: false },
      case: {
        title: 'Pages fail to publish',
        status: 'new',
        severity: 3,
        missionCritical: true,
        timeZone: 'UTC',
      },
    });
    expect(tomsRow.change.type).toBe('CaseOpened');
  });

  it('sends internal notes to staff only, and SLA alerts to the engineers', async () => {
    await appendAccount(acmeRegistered, team('tom@acme.example', true));
    const resolution = (historyOf([commands.openCase()])[0] as Extract<CaseEvent, { type: 'CaseOpened' }>)
      .data.targets.resolution;
    const steps = [
      commands.openCase(),
      commands.comment({ actor: actors.otherEngineer, commentId: 'c-1', body: 'Looking' }),
      commands.comment({
        actor: actors.engineer,
        commentId: 'c-2',
        body: 'Cache bug, I think',
        internal: true,
      }),
      {
        type: 'RecordSlaTargetAtRisk' as const,
        caseId: 'case-1',
        actor: actors.system,
        at: resolution.atRiskAt,
        target: 'resolution' as const,
        dueAt: resolution.dueAt,
      },
    ];
    const recorded = await appendCase(historyOf(steps));
    const rows = await outbox();
    const note = recorded.find(
      (event) => event.type === 'CommentAdded' && (event.data as { internal: boolean }).internal,
    )!;
    expect(recipientsOf(rows, note.id)).toEqual(['oscar@vendor.example']);
    const atRisk = recorded.find((event) => event.type === 'SlaTargetAtRisk')!;
    expect(recipientsOf(rows, atRisk.id)).toEqual(['support-team@vendor.example']);
    expect(
      rows
        .filter((row) => row.kind === 'internal-note' || row.kind === 'sla-alert')
        .every((row) => row.audience === 'staff'),
    ).toBe(true);
  });

  it('stops telling a CSM taken off the account of the cases they worked on, until designated again', async () => {
    await appendAccount(acmeRegistered, csmOfAcme(actors.csm.email, null));
    const nina: CaseActor = { email: 'nina@vendor.example', roles: ['engineer', 'csm'] };
    const note = (commentId: string, actor: CaseActor = actors.engineer) =>
      commands.comment({ actor, commentId, body: `Internal ${commentId}`, internal: true });
    const history = historyOf(
      [
        commands.openCase(),
        commands.escalate(),
        // Carla acknowledges as the account's CSM; Oscar and Nina (an engineer who is a CSM too) work on it.
        { type: 'AcknowledgeEscalation', caseId: 'case-1', actor: actors.csm, at: T0 },
        note('by-oscar', actors.otherEngineer),
        note('by-nina', nina),
        note('after-replacement'),
        commands.comment({ commentId: 'public-after-replacement', body: 'We are on it' }),
        note('after-removal'),
        note('after-designated-again'),
      ],
      missionCritical,
    );
    const commentAt = (commentId: string) =>
      history.findIndex((event) => event.type === 'CommentAdded' && event.data.commentId === commentId);
    const replaced = commentAt('after-replacement');
    const removed = commentAt('after-removal');
    const designatedAgain = commentAt('after-designated-again');
    await appendCase(history.slice(0, replaced));
    await appendAccount(csmOfAcme('dana@vendor.example', actors.csm.email));
    await appendCase(history.slice(replaced, removed));
    await appendAccount({
      type: 'CustomerSuccessManagerUnassigned',
      data: { accountId: 'acc-1', email: 'dana@vendor.example', at: T0 },
    });
    await appendCase(history.slice(removed, designatedAgain));
    await appendAccount(csmOfAcme(actors.csm.email, null));
    const recorded = await appendCase(history.slice(designatedAgain));

    const rowsOf = commentRecipients(await outbox(), recorded);
    // Before she was replaced, Carla heard of the notes as the CSM and as one who worked on the case.
    expect(rowsOf('by-nina')).toEqual([
      { email: 'carla@vendor.example', reasons: ['csm', 'case-staff'] },
      { email: 'oscar@vendor.example', reasons: ['case-staff'] },
    ]);
    // Replaced by Dana: Carla no longer sees the case, so hears of nothing on it, public or internal.
    expect(rowsOf('after-replacement')).toEqual([
      { email: 'dana@vendor.example', reasons: ['csm'] },
      { email: 'nina@vendor.example', reasons: ['case-staff'] },
      { email: 'oscar@vendor.example', reasons: ['case-staff'] },
    ]);
    expect(rowsOf('public-after-replacement').map((row) => row.email)).toEqual([
      'alice@acme.example',
      'dana@vendor.example',
    ]);
    // No CSM at all: the engineers who worked on the case still hear of it.
    expect(rowsOf('after-removal')).toEqual([
      { email: 'nina@vendor.example', reasons: ['case-staff'] },
      { email: 'oscar@vendor.example', reasons: ['case-staff'] },
    ]);
    // Designated again, Carla sees the case again, and hears of it again.
    expect(rowsOf('after-designated-again')).toEqual([
      { email: 'carla@vendor.example', reasons: ['csm', 'case-staff'] },
      { email: 'nina@vendor.example', reasons: ['case-staff'] },
      { email: 'oscar@vendor.example', reasons: ['case-staff'] },
    ]);
  });

  it('stops telling the CSM a case was assigned to of it once taken off its account, though she never acted on it', async () => {
    await appendAccount(acmeRegistered, csmOfAcme(actors.csm.email, null));
    // Nina is an engineer who is a CSM too: she sees every case, whichever account she is CSM of.
    const nina: CaseActor = { email: 'nina@vendor.example', roles: ['engineer', 'csm'] };
    const assign = (engineer: string) =>
      ({ type: 'AssignEngineer', caseId: 'case-1', actor: actors.engineer, at: T0, engineer }) as const;
    const note = (commentId: string, actor: CaseActor = actors.engineer) =>
      commands.comment({ actor, commentId, body: `Internal ${commentId}`, internal: true });
    const history = historyOf([
      commands.openCase(),
      // Eve hands the case to Carla, the account's CSM, who does not act on it.
      assign(actors.csm.email),
      note('while-csm'),
      note('after-replacement'),
      commands.comment({ commentId: 'public-after-replacement', body: 'We are on it' }),
      note('designated-again'),
      note('by-nina', nina),
      assign(nina.email),
      note('nina-replaced'),
    ]);
    const at = (commentId: string) =>
      history.findIndex((event) => event.type === 'CommentAdded' && event.data.commentId === commentId);
    await appendCase(history.slice(0, at('after-replacement')));
    await appendAccount(csmOfAcme('dana@vendor.example', actors.csm.email));
    await appendCase(history.slice(at('after-replacement'), at('designated-again')));
    await appendAccount(csmOfAcme(actors.csm.email, 'dana@vendor.example'));
    await appendCase(history.slice(at('designated-again'), at('by-nina')));
    await appendAccount(csmOfAcme(nina.email, actors.csm.email));
    await appendCase(history.slice(at('by-nina'), at('nina-replaced')));
    await appendAccount(csmOfAcme(actors.csm.email, nina.email));
    const recorded = await appendCase(history.slice(at('nina-replaced')));

    const rowsOf = commentRecipients(await outbox(), recorded);
    expect(rowsOf('while-csm')).toEqual([{ email: 'carla@vendor.example', reasons: ['assignee'] }]);
    // Replaced by Dana, Carla no longer sees the case: as its assignee she hears of nothing on it,
    // her rows written withheld so the delivery worker records what she was not sent, and why.
    const carlaWithheld = { email: 'carla@vendor.example', reasons: ['assignee'], withheld: true };
    expect(rowsOf('after-replacement')).toEqual([carlaWithheld]);
    expect(rowsOf('public-after-replacement')).toEqual([
      { email: 'alice@acme.example', reasons: ['opener'] },
      carlaWithheld,
    ]);
    // Designated again, she sees it again, and hears of it again.
    expect(rowsOf('designated-again')).toEqual([{ email: 'carla@vendor.example', reasons: ['assignee'] }]);
    // Nina worked on the case as an engineer: assigned it while CSM and then replaced, she still hears of it.
    expect(rowsOf('nina-replaced')).toEqual([
      { email: 'nina@vendor.example', reasons: ['assignee', 'case-staff'] },
    ]);
  });

  it("tells the staff told of an escalation that a customer's closure ended it, once, and the customers of the closure alone", async () => {
    await appendAccount(acmeRegistered, csmOfAcme(actors.csm.email, null), team('tom@acme.example', true));
    const recorded = await appendCase(
      historyOf(
        [
          commands.openCase(),
          {
            type: 'AssignEngineer',
            caseId: 'case-1',
            actor: actors.engineer,
            at: T0,
            engineer: actors.engineer.email,
          },
          commands.comment(),
          commands.share({ email: 'dora@acme.example' }),
          commands.escalate(),
          commands.resolve(),
          // A licensed colleague who sees the case confirms the resolution.
          commands.close({ actor: actors.bob }),
        ],
        missionCritical,
      ),
    );
    const [ended, closed] = recorded.slice(-2);
    expect([ended.type, closed.type]).toEqual(['CaseDeEscalated', 'CaseClosed']);
    const rows = await outbox();
    expect(recipientsOf(rows, ended.id)).toEqual([
      'carla@vendor.example',
      'eve@vendor.example',
      'support-team@vendor.example',
    ]);
    expect(rows.filter((row) => row.eventId === ended.id).every((row) => row.kind === 'escalation')).toBe(
      true,
    );
    // That mail tells of the customer closing the case: it shows the case closed, as the closure left it.
    const endedRows = rows.filter((row) => row.eventId === ended.id) as CaseNotification[];
    for (const { case: snapshot } of endedRows) {
      expect(snapshot).toMatchObject({ status: 'closed', escalationLevel: null });
      expect(snapshot.autoCloseAt).toBeUndefined();
    }
    // One mail a person for one action (finding F8): the staff told the escalation ended with the
    // closure are not told of the closure again; the customers hear of both in the closure's mail.
    expect(recipientsOf(rows, closed.id)).toEqual([
      'alice@acme.example',
      'dora@acme.example',
      'tom@acme.example',
    ]);
  });

  it('tells of a share only the person shared with, not the others the case is shared with', async () => {
    await appendAccount({
      type: 'AccountRegistered',
      data: { accountId: 'acc-1', name: 'Acme', timeZone: null, at: T0 },
    });
    const sue = { email: 'sue@other.example', name: 'Sue' };
    const recorded = await appendCase(
      historyOf([
        commands.openCase(),
        commands.share(),
        commands.share(sue),
        { type: 'UnshareCase', caseId: 'case-1', actor: actors.engineer, at: T0, email: sue.email },
      ]),
    );
    const rows = await outbox();
    const [sharedWithSue, unsharedSue] = recorded.slice(-2);
    expect(recipientsOf(rows, sharedWithSue.id)).toEqual(['alice@acme.example', 'sue@other.example']);
    expect(recipientsOf(rows, unsharedSue.id)).toEqual(['alice@acme.example']);
  });

  it("tells whoever owes an escalation's status updates of a missed one and its reminders: the assignee, or on an unassigned case the engineer who acknowledged it (finding U4)", async () => {
    await appendAccount(acmeRegistered);
    const acknowledge = {
      type: 'AcknowledgeEscalation' as const,
      caseId: 'case-1',
      actor: actors.otherEngineer,
      at: plus(T0, { hours: 2 }),
    };
    const steps: CaseCommand[] = [commands.openCase(), commands.escalate(), acknowledge];
    const lastOf = <Type extends CaseEvent['type']>(type: Type) =>
      historyOf(steps).findLast((event): event is Extract<CaseEvent, { type: Type }> => event.type === type)!;
    const dueAt = lastOf('EscalationAcknowledged').data.nextStatusUpdateDueAt;
    const overdue = (at: string, reminderAt?: string): CaseCommand => ({
      type: 'RecordEscalationOverdue',
      caseId: 'case-1',
      actor: actors.system,
      at,
      what: 'status-update',
      dueAt,
      ...(reminderAt ? { reminderAt } : {}),
    });
    steps.push(overdue(dueAt));
    const nextReminder = () => {
      const reminderAt = lastOf('EscalationStatusUpdateOverdue').data.nextReminderAt!;
      steps.push(overdue(reminderAt, reminderAt));
    };
    const assignTo = (engineer: string) =>
      steps.push({
        type: 'AssignEngineer',
        caseId: 'case-1',
        actor: actors.engineer,
        at: plus(lastOf('EscalationStatusUpdateOverdue').data.at, { minutes: 1 }),
        engineer,
      });
    // Oscar takes the case he acknowledged; then gives it back (finding U4: "went home sick"); then
    // Eve takes it over.
    assignTo(actors.otherEngineer.email);
    nextReminder();
    steps.push({
      type: 'UnassignEngineer',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(lastOf('EscalationStatusUpdateOverdue').data.at, { minutes: 1 }),
      reason: 'went home sick',
    });
    nextReminder();
    assignTo(actors.engineer.email);
    nextReminder();
    const recorded = await appendCase(historyOf(steps));
    const rows = await outbox();
    const [alert, whileOscarsCase, whileUnassigned, onceEvesCase] = recorded.filter(
      (event) => event.type === 'EscalationStatusUpdateOverdue',
    );
    const rowsOf = (eventId: string) =>
      rows
        .filter((row) => row.eventId === eventId)
        .map((row) => ({
          email: row.recipient,
          reasons: row.reasons,
          audience: row.audience,
          ...(row.onlyIfAssigneeUnvouched ? { onlyIfAssigneeUnvouched: row.onlyIfAssigneeUnvouched } : {}),
        }));
    const owerOf = (eventId: string) => {
      const { acknowledgedBy, statusUpdatesOwedBy, statusUpdatesOwedAs } = (
        rows.find((row) => row.eventId === eventId) as CaseNotification
      ).case.escalation!;
      return { acknowledgedBy, statusUpdatesOwedBy, statusUpdatesOwedAs };
    };
    const team = { email: 'support-team@vendor.example', reasons: ['support-team'], audience: 'staff' };
    // Unassigned: the engineer who acknowledged it owes the update.
    expect(rowsOf(alert.id)).toEqual([
      { email: 'oscar@vendor.example', reasons: ['escalation-acknowledger'], audience: 'staff' },
      team,
    ]);
    expect(owerOf(alert.id)).toEqual({
      acknowledgedBy: 'oscar@vendor.example',
      statusUpdatesOwedBy: 'oscar@vendor.example',
      statusUpdatesOwedAs: 'acknowledger',
    });
    // Assigned the case since: one mail, as its assignee, who owes the updates.
    expect(rowsOf(whileOscarsCase.id)).toEqual([
      { email: 'oscar@vendor.example', reasons: ['assignee'], audience: 'staff' },
      team,
    ]);
    expect(owerOf(whileOscarsCase.id)).toMatchObject({ statusUpdatesOwedAs: 'assignee' });
    expect(rowsOf(whileUnassigned.id)).toEqual([
      { email: 'oscar@vendor.example', reasons: ['escalation-acknowledger'], audience: 'staff' },
      team,
    ]);
    // Eve took the case over: the updates are hers to post, and Oscar is no longer chased for them,
    // unless the desk turns out not to vouch for Eve when the alert goes out (judged then): the alert
    // then names Oscar as owing it in her stead, and his row, written on that condition, goes to him.
    expect(rowsOf(onceEvesCase.id)).toEqual([
      { email: 'eve@vendor.example', reasons: ['assignee'], audience: 'staff' },
      {
        email: 'oscar@vendor.example',
        reasons: ['escalation-acknowledger'],
        audience: 'staff',
        onlyIfAssigneeUnvouched: 'eve@vendor.example',
      },
      team,
    ]);
    expect(owerOf(onceEvesCase.id)).toEqual({
      acknowledgedBy: 'oscar@vendor.example',
      statusUpdatesOwedBy: 'eve@vendor.example',
      statusUpdatesOwedAs: 'assignee',
    });
  });

  it('adds nothing when an event is delivered again, and a rebuild writes the very same rows', async () => {
    await appendAccount(acmeRegistered, team('tom@acme.example', true));
    const recorded = await appendCase(historyOf([commands.openCase(), commands.share(), commands.comment()]));
    const before = await outbox();
    expect(before.length).toBeGreaterThan(0);

    await readModels.applyBatch(projection.name, recorded, (event, tx) => projection.apply(event, tx));
    expect(await outbox()).toEqual(before);

    await runner.rebuild(projection.name);
    expect(await outbox()).toEqual(before);
  });
});
