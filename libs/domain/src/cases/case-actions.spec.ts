import { fold } from '../shared/decider';
import type { CaseActor } from './actor';
import { caseDecider } from './case-decider';
import { CASE_ACTIONS, decidesToAccept, passesRoleChecks, trialCommand } from './case-actions';
import type { CaseEvent } from './events';
import type { OpenedCase } from './state';
import {
  actors,
  CASE_ID,
  commands,
  context,
  historyOf,
  inProgressHistory,
  plus,
  resolvedHistory,
  T0,
} from './testing/case-fixtures';

const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;
const AT = plus(T0, { hours: 3 });
const accepted = (state: OpenedCase, actor: CaseActor = actors.engineer) =>
  CASE_ACTIONS.filter((action) => {
    const command = trialCommand(action, state, actor, AT);
    return passesRoleChecks(command, state) && decidesToAccept(command, state, context());
  });

describe("case actions: each action's trial command, as the case decider judges it", () => {
  it('gives an engineer on a case in progress the whole workflow but what needs an escalation or a resolution', () => {
    expect(accepted(stateOf(inProgressHistory()))).toEqual([
      'comment',
      'internalNote',
      'requestInformation',
      'changeSeverity',
      'escalate',
      'assign',
      'share',
      'resolve',
      'redirect',
    ]);
  });

  it('offers only what would change something: no hand-back of an unassigned case, no taking one already theirs (finding F1)', () => {
    const unassigned = accepted(stateOf(inProgressHistory()));
    expect(unassigned).toContain('assign');
    expect(unassigned).not.toContain('unassign');
    const theirs = stateOf(
      historyOf([
        commands.openCase(),
        {
          type: 'AssignEngineer',
          caseId: CASE_ID,
          actor: actors.engineer,
          at: plus(T0, { hours: 1 }),
          engineer: actors.engineer.email,
        },
      ]),
    );
    expect(accepted(theirs)).toContain('unassign');
    expect(accepted(theirs)).not.toContain('assign');
  });

  it('gives the opener of a resolved case what a customer may do with it, and no share without share tickets', () => {
    expect(accepted(stateOf(resolvedHistory()), actors.alice)).toEqual([
      'comment',
      'escalate',
      'close',
      'reopen',
    ]);
  });

  it('gives a read-only auditor nothing, and stops at the role checks', () => {
    const state = stateOf(inProgressHistory());
    expect(accepted(state, actors.auditor)).toEqual([]);
    for (const action of CASE_ACTIONS) {
      expect(passesRoleChecks(trialCommand(action, state, actors.auditor, AT), state)).toBe(false);
    }
  });

  it("builds well-formed bodies: a severity the case does not have, the engineer's own address, a share nobody holds", () => {
    const state = stateOf(inProgressHistory());
    expect(trialCommand('changeSeverity', state, actors.engineer, AT)).toMatchObject({
      severity: state.severity === 3 ? 2 : 3,
    });
    expect(
      trialCommand('assign', state, { ...actors.engineer, email: 'Eve@Vendor.Example' }, AT),
    ).toMatchObject({
      engineer: 'eve@vendor.example',
    });
    const share = trialCommand('share', state, actors.engineer, AT);
    expect(share).toMatchObject({
      type: 'ShareCase',
      email: expect.stringContaining(state.openedBy.email.split('@')[1]),
    });
  });

  it('lets an error that is no refusal through, rather than taking it for one', () => {
    const state = stateOf(inProgressHistory());
    const broken = { ...context(), policy: undefined } as unknown as ReturnType<typeof context>;
    expect(() =>
      decidesToAccept(trialCommand('changeSeverity', state, actors.engineer, AT), state, broken),
    ).toThrow(TypeError);
  });
});
