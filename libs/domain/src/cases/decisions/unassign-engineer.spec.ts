import { fold } from '../../shared/decider';
import type { CaseActor } from '../actor';
import { caseDecider } from '../case-decider';
import type { AssignEngineer, CaseCommand, UnassignEngineer } from '../commands';
import type { CaseEvent } from '../events';
import type { CaseState, OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import { actors, commands, context, historyOf, inProgressHistory, plus, T0 } from '../testing/case-fixtures';

const assign = (engineer: string, actor: CaseActor = actors.engineer): AssignEngineer => ({
  type: 'AssignEngineer',
  caseId: 'case-1',
  actor,
  at: plus(T0, { minutes: 10 }),
  engineer,
});
const unassign = (overrides: Partial<UnassignEngineer> = {}): UnassignEngineer => ({
  type: 'UnassignEngineer',
  caseId: 'case-1',
  actor: actors.engineer,
  at: plus(T0, { hours: 2 }),
  ...overrides,
});
const assignedToEve = (...more: CaseCommand[]) =>
  historyOf([commands.openCase(), commands.comment(), assign(actors.engineer.email), ...more]);
const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;

describe('case decider: unassigning a case (back to the unassigned queue)', () => {
  it('an engineer gives back a case they took: CaseUnassigned names the engineer it was taken from, and why', () => {
    givenCase(assignedToEve(), context())
      .when(unassign({ reason: '  Took the wrong case  ' }))
      .then([
        {
          type: 'CaseUnassigned',
          data: {
            caseId: 'case-1',
            at: plus(T0, { hours: 2 }),
            by: actors.engineer.email,
            previousEngineer: actors.engineer.email,
            reason: 'Took the wrong case',
          },
        },
      ]);
  });

  it('folds to a case nobody is assigned, its status, targets and revision history otherwise as they were', () => {
    const before = stateOf(assignedToEve());
    const after = stateOf(assignedToEve(unassign()));
    expect(after.assignee).toBeUndefined();
    expect('assignee' in after).toBe(false);
    expect(after).toEqual({ ...withoutAssignee(before), lastChangedAt: plus(T0, { hours: 2 }) });
  });

  it('a colleague may take it off another engineer (who went off shift); the reason is optional', () => {
    givenCase(assignedToEve(), context())
      .when(unassign({ actor: actors.otherEngineer }))
      .then([
        {
          type: 'CaseUnassigned',
          data: {
            caseId: 'case-1',
            at: plus(T0, { hours: 2 }),
            by: actors.otherEngineer.email,
            previousEngineer: actors.engineer.email,
          },
        },
      ]);
  });

  it('a case nobody is assigned stays as it is: nothing is recorded, as for assigning the assignee again', () => {
    givenCase(inProgressHistory(), context()).when(unassign()).thenNothing();
    givenCase(assignedToEve(unassign()), context())
      .when(unassign({ at: plus(T0, { hours: 3 }) }))
      .thenNothing();
  });

  it('may be assigned again afterwards, as a first assignment (no previous engineer)', () => {
    const events = givenCase(assignedToEve(unassign()), context())
      .when(assign(actors.otherEngineer.email, actors.otherEngineer))
      .events();
    expect(events).toHaveLength(1);
    expect(events[0].data).not.toHaveProperty('previousEngineer');
  });

  it('rule: only engineers unassign; customers, CSMs and auditors are refused', () => {
    for (const actor of [actors.alice, actors.csm]) {
      givenCase(assignedToEve(), context())
        .when(unassign({ actor }))
        .thenFails({ code: 'engineer-only', kind: 'forbidden', message: /unassign a case/ });
    }
    givenCase(assignedToEve(), context())
      .when(unassign({ actor: actors.auditor }))
      .thenFails({ code: 'read-only-actor', kind: 'forbidden' });
  });

  it('rule: a closed or redirected case is not unassigned (it left every work queue)', () => {
    const redirected = assignedToEve({
      type: 'RedirectCase',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(T0, { hours: 1 }),
      to: 'consulting',
      referral: 'Consulting work: Services will contact you.',
    });
    givenCase(redirected, context())
      .when(unassign())
      .thenFails({ code: 'case-redirected', kind: 'conflict' });
  });

  it('rule: a reason is held to the limits of every reason', () => {
    givenCase(assignedToEve(), context())
      .when(unassign({ reason: 'x'.repeat(20_001) }))
      .thenFails({ code: 'text-length-out-of-range', field: 'reason' });
  });
});

function withoutAssignee(state: CaseState): CaseState {
  const { assignee: _assignee, ...rest } = state as OpenedCase;
  return rest as CaseState;
}
