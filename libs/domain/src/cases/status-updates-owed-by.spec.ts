import { fold } from '../shared/decider';
import type { CaseActor } from './actor';
import { caseDecider } from './case-decider';
import type { CaseCommand } from './commands';
import {
  openEscalation,
  type AcknowledgedEscalation,
  type EscalationAwaitingAcknowledgement,
  type OpenedCase,
} from './state';
import { statusUpdatesOwedBy, statusUpdatesOwer, SUPPORT_TEAM_OWES } from './status-updates-owed-by';
import { actors, commands, historyOf, plus, T0 } from './testing/case-fixtures';

const dan: CaseActor = { email: 'dan@vendor.example', roles: ['engineer'] };
const at = (minutes: number) => plus(T0, { hours: 1, minutes });
const assign = (engineer: string, minutes: number, actor: CaseActor = actors.engineer): CaseCommand => ({
  type: 'AssignEngineer',
  caseId: 'case-1',
  actor,
  at: at(minutes),
  engineer,
});
const unassign = (minutes: number, actor: CaseActor = dan): CaseCommand => ({
  type: 'UnassignEngineer',
  caseId: 'case-1',
  actor,
  at: at(minutes),
  reason: 'went home sick',
});
const acknowledge = (actor: CaseActor, minutes: number): CaseCommand => ({
  type: 'AcknowledgeEscalation',
  caseId: 'case-1',
  actor,
  at: at(minutes),
});
const statusUpdate = (actor: CaseActor, minutes: number): CaseCommand => ({
  type: 'PostEscalationStatusUpdate',
  caseId: 'case-1',
  actor,
  at: at(minutes),
  body: 'Patch is being tested',
});

/** Given the case's history (as commands), then who owes its escalation's status updates. */
const owedAfter = (...steps: CaseCommand[]) =>
  statusUpdatesOwedBy(fold(caseDecider, historyOf([commands.openCase(), ...steps])) as OpenedCase);

/** The unassigned case escalated, and eve acknowledged it. */
const eveAcknowledged = (): CaseCommand[] => [
  commands.escalate({ at: at(1) }),
  acknowledge(actors.engineer, 2),
];
/** Eve's own case escalated, and she acknowledged it. */
const eveAcknowledgedHerCase = (): CaseCommand[] => [assign(actors.engineer.email, 0), ...eveAcknowledged()];

describe('who owes an acknowledged escalation its status updates (finding U4)', () => {
  it('given an escalation awaiting acknowledgement, then nobody owes updates yet', () => {
    expect(owedAfter(assign(actors.engineer.email, 0), commands.escalate({ at: at(1) }))).toBeUndefined();
  });

  it('given eve acknowledged the escalation of her case, then eve owes them, as its assignee', () => {
    expect(owedAfter(...eveAcknowledgedHerCase())).toEqual({
      engineer: actors.engineer.email,
      as: 'assignee',
    });
  });

  it('given eve acknowledged and the case was unassigned from her, then she still owes them, as its acknowledger', () => {
    expect(owedAfter(...eveAcknowledgedHerCase(), unassign(3))).toEqual({
      engineer: actors.engineer.email,
      as: 'acknowledger',
    });
  });

  it('given eve acknowledged, was unassigned, and dan took the case, then dan owes them, as its assignee', () => {
    expect(owedAfter(...eveAcknowledgedHerCase(), unassign(3), assign(dan.email, 4, dan))).toEqual({
      engineer: dan.email,
      as: 'assignee',
    });
  });

  it('given eve acknowledged and the case was handed straight to dan, then dan owes them', () => {
    expect(owedAfter(...eveAcknowledgedHerCase(), assign(dan.email, 4, dan))).toEqual({
      engineer: dan.email,
      as: 'assignee',
    });
  });

  it('given eve acknowledged, dan posted an update, and the case is unassigned, then dan owes them, as the last to post one', () => {
    expect(owedAfter(...eveAcknowledged(), statusUpdate(dan, 3))).toEqual({
      engineer: dan.email,
      as: 'last-updater',
    });
  });

  it('given dan posted an update on level 1 and oscar acknowledged level 2 of the unassigned case, then oscar owes them', () => {
    expect(
      owedAfter(
        ...eveAcknowledged(),
        statusUpdate(dan, 3),
        commands.escalate({ at: at(4) }),
        acknowledge(actors.otherEngineer, 5),
      ),
    ).toEqual({ engineer: actors.otherEngineer.email, as: 'acknowledger' });
  });

  it('given the escalation was de-escalated, then nobody owes updates', () => {
    expect(
      owedAfter(...eveAcknowledged(), {
        type: 'DeEscalate',
        caseId: 'case-1',
        actor: actors.engineer,
        at: at(3),
        reason: 'Workaround in place',
      }),
    ).toBeUndefined();
  });
});

describe('statusUpdatesOwer passing over who can no longer see the case (finding F6)', () => {
  const hands = {
    assignee: 'cathy.csm@vendor.example',
    lastStatusUpdateBy: 'dan.csm@vendor.example',
    acknowledgedBy: 'bob@vendor.example',
  };
  const gone =
    (...emails: string[]) =>
    (email: string) =>
      emails.includes(email);

  it('names the next who can, and whom it passed over', () => {
    expect(statusUpdatesOwer({ ...hands, outOfReach: gone('cathy.csm@vendor.example') })).toEqual({
      engineer: 'dan.csm@vendor.example',
      as: 'last-updater',
      passedOver: ['cathy.csm@vendor.example'],
    });
    expect(
      statusUpdatesOwer({ ...hands, outOfReach: gone('cathy.csm@vendor.example', 'dan.csm@vendor.example') }),
    ).toEqual({
      engineer: 'bob@vendor.example',
      as: 'acknowledger',
      passedOver: ['cathy.csm@vendor.example', 'dan.csm@vendor.example'],
    });
  });

  it('names the support team when nobody who worked it can see the case', () => {
    expect(statusUpdatesOwer({ ...hands, outOfReach: () => true })).toEqual({
      engineer: SUPPORT_TEAM_OWES,
      as: 'support-team',
      passedOver: ['cathy.csm@vendor.example', 'dan.csm@vendor.example', 'bob@vendor.example'],
    });
  });

  it('is the plain rule without the facts', () => {
    expect(statusUpdatesOwer(hands)).toEqual({ engineer: 'cathy.csm@vendor.example', as: 'assignee' });
  });
});

describe('a level raised over a missed status update (finding F5)', () => {
  it('names who owed the update when it was missed, not the engineer who took the case after the miss', () => {
    const acknowledgedByDan = [commands.openCase(), commands.escalate({ at: at(1) }), acknowledge(dan, 2)];
    const acknowledged = fold(caseDecider, historyOf(acknowledgedByDan)) as OpenedCase;
    const dueAt = (openEscalation(acknowledged) as AcknowledgedEscalation).nextStatusUpdateDueAt;
    const missed: CaseCommand = {
      type: 'RecordEscalationOverdue',
      caseId: 'case-1',
      actor: actors.system,
      at: dueAt,
      what: 'status-update',
      dueAt,
    };
    const eveTakesIt: CaseCommand = {
      type: 'AssignEngineer',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(dueAt, { minutes: 1 }),
      engineer: actors.engineer.email,
    };
    const raised = fold(
      caseDecider,
      historyOf([
        ...acknowledgedByDan,
        missed,
        eveTakesIt,
        commands.escalate({ at: plus(dueAt, { minutes: 2 }) }),
      ]),
    ) as OpenedCase;

    const level2 = openEscalation(raised) as EscalationAwaitingAcknowledgement;
    expect(level2.level).toBe(2);
    expect(level2.statusUpdateOwed).toMatchObject({
      dueAt,
      level: 1,
      owedBy: { engineer: dan.email, as: 'acknowledger' },
    });
  });
});
