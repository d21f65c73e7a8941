import type { SupportPolicy } from '../../policy/support-policy';
import type { CaseCommand, CloseCase, RedirectCase } from '../commands';
import { givenCase } from '../testing/given-when-then';
import { actors, CASE_ID, commands, context, historyOf, plus, policy, T0 } from '../testing/case-fixtures';

/**
 * A refusal on a closed, redirected or unresolved case tells the person what they can do instead
 * (the findings: "The case is closed" alone left a customer guessing that a reopening would work).
 * Codes and kinds are unchanged; only the detail gained the next step.
 */
const close = (at: string): CloseCase => ({ type: 'CloseCase', caseId: CASE_ID, actor: actors.alice, at });
const redirect = (to: RedirectCase['to'], at: string): RedirectCase => ({
  type: 'RedirectCase',
  caseId: CASE_ID,
  actor: actors.engineer,
  at,
  to,
  referral: 'Out of scope: see the referral',
});

const resolvedAt = plus(T0, { days: 1 });
const closedAt = plus(T0, { days: 2 });
const closedHistory = () =>
  historyOf([commands.openCase(), commands.comment(), commands.resolve(), close(closedAt)]);
const redirectedHistory = (to: RedirectCase['to']) =>
  historyOf([commands.openCase(), commands.comment(), redirect(to, resolvedAt)]);

const customerComment = (at: string) =>
  commands.comment({ actor: actors.alice, commentId: 'c-late', body: 'It broke again', at });

describe('case decider: refusals name the next step', () => {
  describe('given a closed case', () => {
    // The default reopen window is 30 days of wall-clock time from the closure.
    const reopenableUntil = plus(closedAt, { days: 30 });

    it.each<[string, CaseCommand]>([
      ['a comment', customerComment(plus(closedAt, { days: 1 }))],
      ['an escalation', commands.escalate({ at: plus(closedAt, { days: 1 }) })],
      ['a closure', close(plus(closedAt, { days: 1 }))],
      ['a severity change', commands.changeSeverity({ at: plus(closedAt, { days: 1 }) })],
    ])(
      'within the reopen window, %s is refused saying it can be reopened until when, or a new case opened',
      (_what, command) => {
        givenCase(closedHistory(), context())
          .when(command)
          .thenFails({
            code: 'case-closed',
            kind: 'conflict',
            message:
              `The case was closed at ${closedAt}. To continue it, reopen it with a reason before ${reopenableUntil} ` +
              '(closed cases can be reopened within 30 days (wall clock)); or open a new case',
          });
      },
    );

    it('after the reopen window, the refusal says to open a new case', () => {
      for (const command of [
        customerComment(reopenableUntil),
        commands.escalate({ at: plus(closedAt, { days: 40 }) }),
      ]) {
        givenCase(closedHistory(), context())
          .when(command)
          .thenFails({
            code: 'case-closed',
            kind: 'conflict',
            message:
              `The case was closed at ${closedAt}, and closed cases can be reopened within 30 days (wall clock) only: ` +
              'open a new case instead',
          });
      }
    });

    it("the window is the policy's: a configured window is the one named", () => {
      const weekWindow: SupportPolicy = {
        ...policy,
        reopen: { window: { amount: 7, unit: 'days', clock: 'wall' } },
      };
      givenCase(closedHistory(), context({ policy: weekWindow }))
        .when(customerComment(plus(closedAt, { days: 1 })))
        .thenFails({
          code: 'case-closed',
          message: `reopen it with a reason before ${plus(closedAt, { days: 7 })} (closed cases can be reopened within 7 days (wall clock))`,
        });
    });
  });

  describe('given a redirected case', () => {
    // The reopen window runs from the redirection, as from a closure.
    const reopenableUntil = plus(resolvedAt, { days: 30 });

    it.each([
      ['consulting', 'consulting services'],
      ['account-manager', 'the account manager'],
    ] as const)(
      'within the reopen window, a refusal points to the referral (to %s), says it can be reopened until when, and to a new case for a new problem',
      (to, name) => {
        const at = plus(resolvedAt, { hours: 1 });
        for (const command of [customerComment(at), commands.escalate({ at }), close(at), redirect(to, at)]) {
          givenCase(redirectedHistory(to), context())
            .when(command)
            .thenFails({
              code: 'case-redirected',
              kind: 'conflict',
              message:
                `The case was redirected out of support scope at ${resolvedAt}, to ${name}: the referral in the ` +
                'case says who takes the request on. If it belongs with support after all (or was redirected by ' +
                `mistake), reopen it with a reason before ${reopenableUntil} (redirected cases, like closed ones, ` +
                'can be reopened within 30 days (wall clock)); for a new problem with the product, open a new case',
            });
        }
      },
    );

    it('after the reopen window, a refusal says so and points to the referral and a new case', () => {
      givenCase(redirectedHistory('consulting'), context())
        .when(customerComment(reopenableUntil))
        .thenFails({
          code: 'case-redirected',
          kind: 'conflict',
          message:
            `The case was redirected out of support scope at ${resolvedAt}, to consulting services, and ` +
            'redirected cases can be reopened within 30 days (wall clock) only: the referral in the case says ' +
            'who takes the request on. For a new problem with the product, open a new case',
        });
      // The reopening itself is refused as a closed case's is (reopen-redirected.spec.ts).
      givenCase(redirectedHistory('consulting'), context())
        .when(commands.reopen({ at: reopenableUntil }))
        .thenFails({ code: 'reopen-window-elapsed', kind: 'conflict', message: 'to consulting services;' });
    });
  });

  describe('given an unresolved case', () => {
    const later = plus(T0, { hours: 2 });
    /** Closing the case after `step` is refused as a transition it cannot make, saying `message`. */
    const closingAfter = (
      step: CaseCommand,
      closing: CaseCommand,
      message: string | RegExp,
      decisionContext = context(),
    ) =>
      givenCase(historyOf([commands.openCase(), step]), decisionContext)
        .when(closing)
        .thenFails({ code: 'invalid-case-transition', kind: 'conflict', message });

    it('closing it is refused saying a case closes once a resolution is proposed, and to comment or escalate until then', () => {
      closingAfter(
        commands.comment(),
        close(later),
        'Cannot close a case that is in-progress: a case is closed once support has proposed a resolution ' +
          '(the case is then resolved). Until then, comment on the case (to say it is no longer needed, or ' +
          'what is still missing) or escalate it',
      );
    });

    // Staff propose the resolution: "comment or escalate it" is the customer's advice, not theirs.
    it('closing it as staff is refused saying to resolve it first, or redirect it', () => {
      closingAfter(
        commands.comment(),
        commands.close({ actor: actors.engineer, at: later }),
        'Cannot close a case that is in-progress: a case is closed once it is resolved. Resolve it first with ' +
          'a summary (the customer then confirms the resolution, or the case closes itself after the quiet ' +
          'period), or redirect it if it is out of support scope',
      );
    });

    it('closing an escalated one as staff says to resolve it first and that its escalation must be de-escalated, never to escalate it', () => {
      closingAfter(
        commands.escalate(),
        commands.close({ actor: actors.engineer, at: later }),
        new RegExp(
          '^Cannot close a case that is new: a case is closed once it is resolved\\. Resolve it first .*' +
            'Its escalation \\(level 1\\) is open: staff close an escalated case only once it is de-escalated ' +
            'with a reason \\(a licensed user who confirms the resolution ends it too\\)$',
        ),
      );
    });

    // A customer whose case is escalated already is not sent to escalate it (again).
    it('closing an escalated one as the customer says to comment and that support owes status updates, never to escalate it', () => {
      closingAfter(
        commands.escalate(),
        close(later),
        'Cannot close a case that is new: a case is closed once support has proposed a resolution (the case ' +
          'is then resolved). Until then, comment on the case (to say it is no longer needed, or what is still ' +
          'missing). It is already escalated (level 1): support acknowledges the escalation and posts status ' +
          'updates on it until it is de-escalated',
      );
    });

    // A case-team member or sharee may not escalate (escalation-not-allowed): they are told whom to ask.
    it('closing it as a customer who may not escalate says to comment, or ask a licensed user to escalate it', () => {
      closingAfter(
        commands.comment(),
        close(later),
        'Cannot close a case that is in-progress: a case is closed once support has proposed a resolution ' +
          '(the case is then resolved). Until then, comment on the case (to say it is no longer needed, or ' +
          'what is still missing), or ask a licensed user who sees the case (its opener, say) to escalate it',
        context({ actorIsLicensedUser: false }),
      );
    });

    it('other refused transitions keep their wording', () => {
      givenCase(historyOf([commands.openCase()]), context())
        .when(commands.reopen({ at: plus(T0, { hours: 2 }) }))
        .thenFails({ code: 'invalid-case-transition', message: /^Cannot reopen a case that is new$/ });
    });
  });
});
