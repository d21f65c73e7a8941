import type { SupportPolicy } from '../../policy/support-policy';
import { fold } from '../../shared/decider';
import { startTargets } from '../../sla/targets/start-targets';
import { caseDecider } from '../case-decider';
import type { CaseEvent } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import { actors, calendar, commands, context, historyOf, plus, policy, T0 } from '../testing/case-fixtures';

/**
 * A redirection closes the case as redirected (DOMAIN.md "Scope triage"), and a recently closed
 * case can be reopened ("Case lifecycle"): a customer who disputes the scope call, or the engineer
 * correcting a slip (wrong target, wrong case), reopens it with a reason within the reopen window
 * that follows the redirection, as a closed case is. Before, every write on it was refused
 * `case-redirected` for good, so the slip was permanent.
 */
const redirectedAt = plus(T0, { days: 2 });
const redirectedHistory = () =>
  historyOf([
    commands.openCase(),
    commands.comment(),
    commands.redirect({ at: redirectedAt, to: 'account-manager' }),
  ]);
const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;

describe('case decider: reopening a redirected case', () => {
  it('the customer reopens it with a reason within the window: back in progress, the resolution clock restarted from the reopening as a reopening restarts it', () => {
    const history = redirectedHistory();
    const at = plus(redirectedAt, { days: 1 });
    const before = stateOf(history);
    const { resolution } = startTargets({ severity: 3, openedAt: at, policy, calendar });

    givenCase(history, context())
      .when(commands.reopen({ at, reason: 'It is a product question, not licensing' }))
      .then([
        {
          type: 'CaseReopened',
          data: {
            caseId: 'case-1',
            at,
            by: 'alice@acme.example',
            reason: 'It is a product question, not licensing',
            reopenedFrom: 'redirected',
            previousTargets: before.targets,
            targets: { firstResponse: before.targets.firstResponse, resolution },
          },
        },
      ]);
    const after = stateOf([
      ...history,
      ...givenCase(history, context()).when(commands.reopen({ at })).events(),
    ]);
    expect(after.status).toBe('in-progress');
    expect(after).not.toHaveProperty('redirectedTo');
    expect(after.targets.resolution).toMatchObject({ state: 'running', startedAt: at });
  });

  it('the engineer who redirected it to the wrong place reopens it and redirects it again, to the right one', () => {
    const history = redirectedHistory();
    const reopening = commands.reopen({
      actor: actors.engineer,
      at: plus(redirectedAt, { minutes: 2 }),
      reason: 'Wrong target: custom work is consulting',
    });
    const reopened = [...history, ...givenCase(history, context()).when(reopening).events()];
    const redirection = commands.redirect({ at: plus(redirectedAt, { minutes: 3 }), to: 'consulting' });
    const after = stateOf([...reopened, ...givenCase(reopened, context()).when(redirection).events()]);
    expect(after).toMatchObject({ status: 'redirected', redirectedTo: 'consulting' });
  });

  it('whoever may reopen a closed case may reopen a redirected one: a colleague of the customer, the CSM; an auditor may not', () => {
    const at = plus(redirectedAt, { days: 1 });
    for (const actor of [actors.bob, actors.csm]) {
      expect(
        givenCase(redirectedHistory(), context())
          .when(commands.reopen({ actor, at }))
          .events()
          .map((event) => event.type),
      ).toEqual(['CaseReopened']);
    }
    givenCase(redirectedHistory(), context())
      .when(commands.reopen({ actor: actors.auditor, at }))
      .thenFails({ code: 'read-only-actor' });
  });

  it('reopening it needs a reason', () => {
    givenCase(redirectedHistory(), context())
      .when(commands.reopen({ at: plus(redirectedAt, { days: 1 }), reason: '' }))
      .thenFails({ code: 'text-length-out-of-range', field: 'reason' });
  });

  it('after the window it stays redirected: refused as a closed case is (reopen-window-elapsed), naming the referral', () => {
    givenCase(redirectedHistory(), context())
      .when(commands.reopen({ at: plus(redirectedAt, { days: 30 }) }))
      .thenFails({
        code: 'reopen-window-elapsed',
        kind: 'conflict',
        message:
          `The case was redirected out of support scope at ${redirectedAt}, to the account manager; redirected ` +
          'cases can be reopened within 30 days (wall clock). Open a new case instead (the referral in the case ' +
          'says who takes the redirected request on)',
      });
  });

  it('after the window other changes are still refused case-redirected, saying the window has passed', () => {
    givenCase(redirectedHistory(), context())
      .when(commands.escalate({ at: plus(redirectedAt, { days: 30 }) }))
      .thenFails({ code: 'case-redirected', message: 'within 30 days (wall clock) only' });
  });

  it("the policy's reopen window is the one that applies", () => {
    const weekWindow: SupportPolicy = {
      ...policy,
      reopen: { window: { amount: 7, unit: 'days', clock: 'wall' } },
    };
    givenCase(redirectedHistory(), context({ policy: weekWindow }))
      .when(commands.reopen({ at: plus(redirectedAt, { days: 8 }) }))
      .thenFails({ code: 'reopen-window-elapsed', message: 'within 7 days (wall clock). Open a new case' });
  });

  it('a case redirected while resolved is reopened all the same', () => {
    const history = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      commands.redirect({ at: redirectedAt }),
    ]);
    expect(stateOf(history).status).toBe('redirected');
    const events = givenCase(history, context())
      .when(commands.reopen({ at: plus(redirectedAt, { hours: 1 }) }))
      .events();
    expect(events[0].data).toMatchObject({ reopenedFrom: 'redirected' });
  });
});
