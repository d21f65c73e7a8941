import type { CaseActor } from '../actor';
import type { CaseCommand } from '../commands';
import type { CaseEvent } from '../events';
import { givenCase } from '../testing/given-when-then';
import { actors, commands, context, historyOf, plus, T0 } from '../testing/case-fixtures';

/**
 * Finding F7 (integrator 2): staff refused the closure of a case whose escalation nobody acknowledged
 * were told to de-escalate it, and the de-escalation was then refused (`escalation-not-acknowledged`).
 * The refusal's advice is followed here step by step: each step it names must be accepted.
 */
const escalatedAt = plus(T0, { hours: 1 });
const resolvedAt = plus(T0, { hours: 2 });
const closingAt = plus(T0, { hours: 3 });

const escalatedThenResolved = () =>
  historyOf([
    commands.openCase(),
    commands.comment(),
    commands.escalate({ at: escalatedAt }),
    commands.resolve({ at: resolvedAt }),
  ]);

const acknowledge = (actor: CaseActor, at: string): CaseCommand => ({
  type: 'AcknowledgeEscalation',
  caseId: 'case-1',
  actor,
  at,
  reason: 'Called the customer',
});
const deEscalate = (actor: CaseActor, at: string): CaseCommand => ({
  type: 'DeEscalate',
  caseId: 'case-1',
  actor,
  at,
  reason: 'Fix confirmed on the call',
});

function refusalOf(history: CaseEvent[], command: CaseCommand): string {
  try {
    givenCase(history, context()).when(command).events();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${command.type} was accepted`);
}

function afterStep(history: CaseEvent[], command: CaseCommand): CaseEvent[] {
  return [...history, ...givenCase(history, context()).when(command).events()];
}

describe('case decider: the escalation-open refusal names steps the de-escalation accepts', () => {
  for (const actor of [actors.engineer, actors.csm]) {
    it(`${actor.roles.join()} closing a resolved case whose escalation nobody acknowledged is told to acknowledge it first, then de-escalate; following that, the closure is accepted`, () => {
      const history = escalatedThenResolved();
      const close: CaseCommand = { type: 'CloseCase', caseId: 'case-1', actor, at: closingAt };
      givenCase(history, context())
        .when(close)
        .thenFails({
          code: 'escalation-open',
          kind: 'conflict',
          message:
            'The escalation (level 1) is still open: it was never acknowledged, so acknowledge it first with ' +
            'POST /v1/cases/case-1/escalations/acknowledgement, its reason saying how you took it on (e.g. a call ' +
            'with the customer), then de-escalate it with a reason before closing the case',
        });

      const acknowledged = afterStep(history, acknowledge(actor, plus(closingAt, { minutes: 1 })));
      const ended = afterStep(acknowledged, deEscalate(actor, plus(closingAt, { minutes: 2 })));
      const closed = givenCase(ended, context())
        .when({ ...close, at: plus(closingAt, { minutes: 3 }) })
        .events();
      expect(closed.map((event) => event.type)).toEqual(['CaseClosed']);
    });
  }

  it('the refusal never advises a bare de-escalation the de-escalation decider refuses', () => {
    const history = escalatedThenResolved();
    const engineer = actors.engineer;
    const advice = refusalOf(history, {
      type: 'CloseCase',
      caseId: 'case-1',
      actor: engineer,
      at: closingAt,
    });
    const deEscalationRefusal = refusalOf(history, deEscalate(engineer, closingAt));
    expect(deEscalationRefusal).toMatch(/never acknowledged/);
    expect(advice).toMatch(/never acknowledged, so acknowledge it first/);
  });

  it('an engineer redirecting a case whose escalation nobody acknowledged is told the same steps', () => {
    const escalated = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.escalate({ at: escalatedAt }),
    ]);
    givenCase(escalated, context())
      .when(commands.redirect({ at: closingAt }))
      .thenFails({
        code: 'escalation-open',
        message:
          /never acknowledged, so acknowledge it first .*then de-escalate it with a reason before redirecting the case/,
      });
  });
});
