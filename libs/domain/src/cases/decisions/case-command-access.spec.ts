import { fold } from '../../shared/decider';
import type { CaseActor } from '../actor';
import { caseDecider } from '../case-decider';
import type { CaseCommand } from '../commands';
import { decideCase } from '../decide';
import type { CaseEvent } from '../events';
import { actors, commands, context, inProgressHistory, resolvedHistory } from '../testing/case-fixtures';
import { requireMayActOnCase, requireMayActOnCaseRecords } from './case-command-access';

// Given / When / Then: the check refuses with the decision's own refusal, or lets the decision go on.
function given(history: CaseEvent[]) {
  const state = fold(caseDecider, history);
  return {
    when: (command: CaseCommand) => ({
      thenRefusedAsTheDecisionIs: (code: string) => {
        expect(() => requireMayActOnCase(command, state)).toThrow(expect.objectContaining({ code }));
        expect(() => decideCase(command, state, context())).toThrow(expect.objectContaining({ code }));
      },
      thenLetThrough: () => expect(() => requireMayActOnCase(command, state)).not.toThrow(),
    }),
  };
}

const as = (actor: CaseActor) => ({ actor });

describe('who may make a case command, decided before anything else (and before If-Match)', () => {
  it('an unknown case: not found, whoever asks', () => {
    given([])
      .when(commands.comment(as(actors.auditor)))
      .thenRefusedAsTheDecisionIs('case-not-found');
    given([]).when(commands.changeSeverity()).thenRefusedAsTheDecisionIs('case-not-found');
  });

  it('auditors are read-only: no comment, no resolution, no closure, no share', () => {
    const live = inProgressHistory();
    given(live)
      .when(commands.comment(as(actors.auditor)))
      .thenRefusedAsTheDecisionIs('read-only-actor');
    given(live)
      .when(commands.resolve(as(actors.auditor)))
      .thenRefusedAsTheDecisionIs('read-only-actor');
    given(live)
      .when(commands.share(as(actors.auditor)))
      .thenRefusedAsTheDecisionIs('read-only-actor');
    given(resolvedHistory())
      .when(commands.close(as(actors.auditor)))
      .thenRefusedAsTheDecisionIs('read-only-actor');
  });

  it('a token with the auditor role is read-only whatever other roles it carries', () => {
    const live = inProgressHistory();
    const auditorEngineer: CaseActor = { email: 'carl@vendor.example', roles: ['auditor', 'engineer'] };
    const auditorAdmin: CaseActor = { email: 'ann@vendor.example', roles: ['auditor', 'admin'] };
    given(live)
      .when(commands.comment(as(auditorEngineer)))
      .thenRefusedAsTheDecisionIs('read-only-actor');
    given(live)
      .when(commands.comment(as(auditorAdmin)))
      .thenRefusedAsTheDecisionIs('read-only-actor');
    given(live)
      .when(commands.changeSeverity(as(auditorEngineer)))
      .thenRefusedAsTheDecisionIs('read-only-actor');
    expect(() => requireMayActOnCase(commands.comment(as(auditorEngineer)), fold(caseDecider, live))).toThrow(
      /use a token without the auditor role/,
    );
  });

  it('engineer-only commands refuse customers and CSMs', () => {
    const live = inProgressHistory();
    given(live)
      .when(commands.changeSeverity(as(actors.alice)))
      .thenRefusedAsTheDecisionIs('severity-change-engineer-only');
    given(live)
      .when(commands.resolve(as(actors.csm)))
      .thenRefusedAsTheDecisionIs('engineer-only');
    given(live)
      .when(commands.requestInformation(as(actors.alice)))
      .thenRefusedAsTheDecisionIs('engineer-only');
  });

  it('internal notes are staff only; escalations are handled by staff', () => {
    const live = inProgressHistory();
    given(live)
      .when(commands.comment({ ...as(actors.alice), internal: true }))
      .thenRefusedAsTheDecisionIs('internal-comment-staff-only');
    given(live)
      .when({
        type: 'AcknowledgeEscalation',
        caseId: 'case-1',
        actor: actors.alice,
        at: commands.comment().at,
      })
      .thenRefusedAsTheDecisionIs('escalation-handling-staff-only');
  });

  it('lets through who may act, whatever the rest of the decision says', () => {
    const live = inProgressHistory();
    given(live).when(commands.changeSeverity()).thenLetThrough();
    given(live)
      .when(commands.comment(as(actors.alice)))
      .thenLetThrough();
    given(live)
      .when(commands.comment({ ...as(actors.admin), internal: true }))
      .thenLetThrough();
    // A customer's escalation depends on the licence records: the decision judges it.
    given(live)
      .when(commands.escalate(as(actors.bob)))
      .thenLetThrough();
  });
});

/**
 * The rest of who may act, where the right comes from the licence records (the decision's context):
 * also run before If-Match, and refusing as the decision does.
 */
describe('who may share or escalate, as the licence records say', () => {
  const live = inProgressHistory();
  const state = fold(caseDecider, live);
  const refusedAlike = (command: CaseCommand, records: ReturnType<typeof context>, code: string) => {
    expect(() => requireMayActOnCaseRecords(command, state, records)).toThrow(
      expect.objectContaining({ code }),
    );
    expect(() => decideCase(command, state, records)).toThrow(expect.objectContaining({ code }));
  };

  it('a customer who is no licensed user may not escalate', () => {
    refusedAlike(
      commands.escalate(as(actors.bob)),
      context({ actorIsLicensedUser: false }),
      'escalation-not-allowed',
    );
  });

  it('someone other than an engineer or the opener with share tickets may not share', () => {
    refusedAlike(commands.share(as(actors.bob)), context(), 'sharing-not-allowed');
  });

  it('lets through a licensed user escalating and an engineer sharing', () => {
    expect(() => requireMayActOnCaseRecords(commands.escalate(), state, context())).not.toThrow();
    expect(() => requireMayActOnCaseRecords(commands.share(), state, context())).not.toThrow();
  });
});
