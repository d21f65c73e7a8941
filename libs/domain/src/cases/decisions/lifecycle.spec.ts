import type { SupportPolicy } from '../../policy/support-policy';
import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { fold } from '../../shared/decider';
import { startTargets } from '../../sla/targets/start-targets';
import { meetTarget } from '../../sla/targets/stop-targets';
import { caseDecider } from '../case-decider';
import type { CaseCommand, CloseCase, RedirectCase, RequestInformation } from '../commands';
import type { CaseEvent } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import {
  actors,
  calendar,
  commands,
  context,
  historyOf,
  inProgressHistory,
  openedHistory,
  plus,
  policy,
  resolvedHistory,
  T0,
} from '../testing/case-fixtures';

const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;
const types = (events: CaseEvent[]) => events.map((event) => event.type);

const requestInformation = (overrides: Partial<RequestInformation> = {}): RequestInformation => ({
  type: 'RequestInformation',
  caseId: 'case-1',
  actor: actors.engineer,
  at: plus(T0, { hours: 1 }),
  body: 'Which version are you running?',
  ...overrides,
});
const close = (overrides: Partial<CloseCase> = {}): CloseCase =>
  ({
    type: 'CloseCase',
    caseId: 'case-1',
    actor: actors.alice,
    at: plus(T0, { days: 2 }),
    ...overrides,
  }) as CloseCase;
const redirect = (overrides: Partial<RedirectCase> = {}): RedirectCase => ({
  type: 'RedirectCase',
  caseId: 'case-1',
  actor: actors.engineer,
  at: plus(T0, { hours: 1 }),
  to: 'consulting',
  referral: 'A custom implementation is consulting work: Progress Services will contact you.',
  ...overrides,
});
const assign = (engineer: string, actor = actors.engineer): CaseCommand => ({
  type: 'AssignEngineer',
  caseId: 'case-1',
  actor,
  at: plus(T0, { minutes: 10 }),
  engineer,
});

const closedHistory = () => historyOf([commands.openCase(), commands.comment(), commands.resolve(), close()]);

describe('case decider: new case (lifecycle)', () => {
  it('asking the customer for information is a public reply: first response, then the case awaits the customer with the resolution clock paused', () => {
    const events = givenCase(openedHistory(), context()).when(requestInformation()).events();
    expect(types(events)).toEqual(['FirstResponseGiven', 'InformationRequested']);
    expect(events[0].data).toMatchObject({ via: 'information-request' });
    const after = stateOf([...openedHistory(), ...events]);
    expect(after.status).toBe('awaiting-customer');
    expect(after.targets.firstResponse.state).toBe('met');
    expect(after.targets.resolution).toMatchObject({
      state: 'paused',
      pauses: [{ from: plus(T0, { hours: 1 }) }],
    });
  });

  it('a resolution proposed as the first reply is also the first response', () => {
    const events = givenCase(openedHistory(), context())
      .when(commands.resolve({ at: plus(T0, { hours: 2 }) }))
      .events();
    expect(types(events)).toEqual(['FirstResponseGiven', 'CaseResolved']);
    expect(events[0].data).toMatchObject({ via: 'resolution' });
  });

  it('a new case cannot be closed or reopened: it has not been resolved', () => {
    givenCase(openedHistory(), context())
      .when(close())
      .thenFails({ code: 'invalid-case-transition', kind: 'conflict' });
    givenCase(openedHistory(), context())
      .when(commands.reopen())
      .thenFails({ code: 'invalid-case-transition' });
  });

  it('an engineer assigns the case; assigning the same engineer again changes nothing; reassignment names the previous engineer', () => {
    givenCase(openedHistory(), context())
      .when(assign('Oscar@Vendor.example'))
      .then([
        {
          type: 'EngineerAssigned',
          data: {
            caseId: 'case-1',
            at: plus(T0, { minutes: 10 }),
            by: 'eve@vendor.example',
            engineer: 'oscar@vendor.example',
          },
        },
      ]);
    const assigned = historyOf([commands.openCase(), assign(actors.otherEngineer.email)]);
    givenCase(assigned, context()).when(assign(actors.otherEngineer.email)).thenNothing();
    expect(givenCase(assigned, context()).when(assign(actors.engineer.email)).events()[0].data).toMatchObject(
      {
        engineer: 'eve@vendor.example',
        previousEngineer: 'oscar@vendor.example',
      },
    );
    expect(stateOf(assigned).assignee).toBe('oscar@vendor.example');
  });

  it('rule: a customer is never assigned (the assignee receives internal notes): not the opener, a shared user, or anyone the records know as a customer', () => {
    const shared = historyOf([commands.openCase(), commands.share()]);
    givenCase(shared, context())
      .when(assign(actors.alice.email))
      .thenFails({ code: 'assignee-not-staff', field: 'engineer', message: /opener/ });
    givenCase(shared, context())
      .when(assign('dora@acme.example'))
      .thenFails({ code: 'assignee-not-staff', field: 'engineer', message: /shared with this case/ });
    for (const role of ['licensed user', 'licence holder', 'case-team member', 'shared user'] as const) {
      givenCase(openedHistory(), context({ engineerCustomerRole: role }))
        .when(assign('olga@other.example'))
        .thenFails({ code: 'assignee-not-staff', field: 'engineer', message: new RegExp(role) });
    }
  });

  it('rule: an address nothing vouches for as staff is not assigned by a colleague (it would be told the internal notes), but may take the case itself', () => {
    givenCase(openedHistory(), context({ engineerUnvouched: true }))
      .when(assign('eve.hacker@evil.example'))
      .thenFails({
        code: 'assignee-not-known-staff',
        field: 'engineer',
        message: /eve\.hacker@evil\.example/,
      });
    const [taken] = givenCase(openedHistory(), context({ engineerUnvouched: true }))
      .when(assign(actors.engineer.email))
      .events();
    expect(taken).toMatchObject({ type: 'EngineerAssigned', data: { engineer: actors.engineer.email } });
  });

  it('rule: a CSM vouched for only by other accounts is not assigned by a colleague (they cannot see the case, yet would be told its internal notes), but may take the case themselves', () => {
    givenCase(openedHistory(), context({ engineerKnownStaff: true, engineerOnlyCsmOfOtherAccounts: true }))
      .when(assign('carl.csm@partner.example'))
      .thenFails({
        code: 'assignee-cannot-see-case',
        field: 'engineer',
        message: /carl\.csm@partner\.example is the CSM of other accounts and cannot see this case/,
      });
    const [taken] = givenCase(openedHistory(), context({ engineerOnlyCsmOfOtherAccounts: true }))
      .when(assign(actors.engineer.email))
      .events();
    expect(taken).toMatchObject({ type: 'EngineerAssigned', data: { engineer: actors.engineer.email } });
  });

  it("rule: the case's own account's CSM is assigned", () => {
    const [assigned] = givenCase(openedHistory(), context({ engineerKnownStaff: true }))
      .when(assign('carl.csm@partner.example'))
      .events();
    expect(assigned).toMatchObject({
      type: 'EngineerAssigned',
      data: { engineer: 'carl.csm@partner.example' },
    });
  });

  it('rule: staff the records vouch for are assigned even on a case shared with their email', () => {
    const sharedWithDora = historyOf([commands.openCase(), commands.share()]);
    const [assigned] = givenCase(sharedWithDora, context({ engineerKnownStaff: true }))
      .when(assign('dora@acme.example'))
      .events();
    expect(assigned).toMatchObject({ type: 'EngineerAssigned', data: { engineer: 'dora@acme.example' } });
  });

  it('an engineer takes a case themselves without anything vouching for them, unless what they did as a customer makes them one (finding F8)', () => {
    givenCase(openedHistory(), context())
      .when(assign(actors.engineer.email))
      .then([
        {
          type: 'EngineerAssigned',
          data: {
            caseId: 'case-1',
            at: plus(T0, { minutes: 10 }),
            by: actors.engineer.email,
            engineer: actors.engineer.email,
          },
        },
      ]);
    givenCase(openedHistory(), context({ engineerCustomerRole: 'licensed user' }))
      .when(assign(actors.engineer.email))
      .thenFails({ code: 'assignee-not-staff', field: 'engineer' });
  });

  it('only an engineer assigns cases, to a valid email', () => {
    givenCase(openedHistory(), context())
      .when(assign(actors.engineer.email, actors.alice))
      .thenFails({ code: 'engineer-only', kind: 'forbidden' });
    givenCase(openedHistory(), context())
      .when(assign('not-an-email'))
      .thenFails({ code: 'invalid-email', field: 'engineer' });
  });
});

describe('case decider: in-progress case (lifecycle)', () => {
  it('only an engineer asks for information; the message, when given, must fit the limits', () => {
    givenCase(inProgressHistory(), context())
      .when(requestInformation({ actor: actors.alice }))
      .thenFails({ code: 'engineer-only', kind: 'forbidden' });
    givenCase(inProgressHistory(), context())
      .when(requestInformation({ body: 'x'.repeat(20_001) }))
      .thenFails({ code: 'text-length-out-of-range', field: 'body' });
  });

  it('an information request after the first response pauses the resolution clock and records the paused targets', () => {
    const history = inProgressHistory();
    const events = givenCase(history, context())
      .when(requestInformation({ body: undefined }))
      .events();
    expect(types(events)).toEqual(['InformationRequested']);
    expect(events[0].data).not.toHaveProperty('body');
    expect(events[0].data).toMatchObject({
      targets: { firstResponse: stateOf(history).targets.firstResponse, resolution: { state: 'paused' } },
    });
  });

  it('the engineer proposes a resolution with a summary: the resolution clock stops (met) and the quiet period starts (7 days by default)', () => {
    const history = inProgressHistory();
    const at = plus(T0, { days: 1 });
    const before = stateOf(history);
    givenCase(history, context())
      .when(commands.resolve({ at }))
      .then([
        {
          type: 'CaseResolved',
          data: {
            caseId: 'case-1',
            at,
            by: 'eve@vendor.example',
            summary: 'Cleared the output cache; publishing works again.',
            targets: {
              ...before.targets,
              resolution: { ...before.targets.resolution, state: 'met', metAt: at },
            },
            autoCloseAt: plus(at, { days: 7 }),
          },
        },
      ]);
  });

  it('only an engineer resolves, with a summary', () => {
    givenCase(inProgressHistory(), context())
      .when(commands.resolve({ actor: actors.alice }))
      .thenFails({ code: 'engineer-only', kind: 'forbidden' });
    givenCase(inProgressHistory(), context())
      .when(commands.resolve({ summary: ' ' }))
      .thenFails({ code: 'text-length-out-of-range', field: 'summary' });
  });

  it('an in-progress case cannot be closed before it is resolved', () => {
    givenCase(inProgressHistory(), context()).when(close()).thenFails({ code: 'invalid-case-transition' });
  });
});

describe('case decider: awaiting-customer case (lifecycle)', () => {
  const awaiting = () => historyOf([commands.openCase(), commands.comment(), requestInformation()]);

  it('asking again while already awaiting the customer is refused, pointing at a public comment', () => {
    givenCase(awaiting(), context())
      .when(requestInformation({ at: plus(T0, { hours: 2 }) }))
      .thenFails({
        code: 'invalid-case-transition',
        kind: 'conflict',
        message:
          "the case already waits for the customer's answer. Add a public comment to ask more; the " +
          'resolution clock stays paused until the customer answers',
      });
  });

  it("the engineer's public comment asking more keeps the case awaiting the customer, its clock paused", () => {
    const history = awaiting();
    const events = givenCase(history, context())
      .when(commands.comment({ at: plus(T0, { hours: 2 }), commentId: 'c-2' }))
      .events();
    expect(types(events)).toEqual(['CommentAdded']);
    const after = stateOf([...history, ...events]);
    expect(after.status).toBe('awaiting-customer');
    expect(after.targets.resolution.state).toBe('paused');
  });

  it('the engineer may resolve while awaiting the customer: the pause ends and the resolution target is met', () => {
    const at = plus(T0, { days: 1 });
    const events = givenCase(awaiting(), context()).when(commands.resolve({ at })).events();
    expect(types(events)).toEqual(['CaseResolved']);
    expect(events[0].data).toMatchObject({
      targets: {
        resolution: { state: 'met', metAt: at, pauses: [{ from: plus(T0, { hours: 1 }), to: at }] },
      },
    });
  });
});

describe('case decider: resolved case (lifecycle)', () => {
  it('the customer confirms the resolution: the case is closed', () => {
    givenCase(resolvedHistory(), context())
      .when(close())
      .then([
        {
          type: 'CaseClosed',
          data: { caseId: 'case-1', at: plus(T0, { days: 2 }), by: 'alice@acme.example', automatic: false },
        },
      ]);
    expect(stateOf(closedHistory())).toMatchObject({ status: 'closed', closedAutomatically: false });
  });

  it('staff may close a resolved case for the customer; auditors may not', () => {
    expect(
      givenCase(resolvedHistory(), context())
        .when(close({ actor: actors.engineer }))
        .events(),
    ).toHaveLength(1);
    givenCase(resolvedHistory(), context())
      .when(close({ actor: actors.auditor }))
      .thenFails({ code: 'read-only-actor' });
  });

  it('the auto-close timer closes a quiet resolved case at the scheduled instant', () => {
    const dueAt = plus(T0, { days: 8 });
    givenCase(resolvedHistory(), context())
      .when(close({ actor: actors.system, at: dueAt, automatic: true, dueAt }))
      .then([
        {
          type: 'CaseClosed',
          data: { caseId: 'case-1', at: dueAt, by: 'system:sla-timers', automatic: true },
        },
      ]);
  });

  it('automatic closure comes from the timers only', () => {
    const dueAt = plus(T0, { days: 8 });
    givenCase(resolvedHistory(), context())
      .when(close({ actor: actors.alice, at: dueAt, automatic: true, dueAt }))
      .thenFails({ code: 'system-only', kind: 'forbidden' });
  });

  it('the auto-close timer is refused when the case changed since: reopened, re-resolved, commented on, escalated, or fired early', () => {
    const dueAt = plus(T0, { days: 8 });
    const timer = close({ actor: actors.system, at: dueAt, automatic: true, dueAt });
    const refused = { code: 'auto-close-no-longer-due', kind: 'conflict' as const };

    const reopened = [
      ...resolvedHistory(),
      ...givenCase(resolvedHistory(), context()).when(commands.reopen()).events(),
    ];
    givenCase(reopened, context()).when(timer).thenFails(refused);

    const reResolved = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      commands.reopen(),
      commands.resolve({ at: plus(T0, { days: 3 }) }),
    ]);
    givenCase(reResolved, context()).when(timer).thenFails(refused);

    const commented = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      // Staff's comment: a customer's would reopen the case (see add-comment.spec.ts).
      commands.comment({ commentId: 'c-2', at: plus(T0, { days: 2 }) }),
    ]);
    givenCase(commented, context()).when(timer).thenFails(refused);
    const postponed = plus(T0, { days: 9 });
    expect(
      givenCase(commented, context())
        .when(close({ actor: actors.system, at: postponed, automatic: true, dueAt: postponed }))
        .events(),
    ).toHaveLength(1);

    const escalated = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      // An engineer's escalation: a customer's would reopen the case (see escalation.spec.ts).
      commands.escalate({ actor: actors.engineer, at: plus(T0, { days: 2 }) }),
    ]);
    givenCase(escalated, context()).when(timer).thenFails(refused);

    givenCase(resolvedHistory(), context())
      .when(close({ actor: actors.system, at: plus(dueAt, { minutes: -1 }), automatic: true, dueAt }))
      .thenFails(refused);

    givenCase(closedHistory(), context()).when(timer).thenFails(refused);
  });

  it('a resolved case can be reopened with a reason: back to in-progress, the resolution clock restarts from the reopening with the full goal', () => {
    const history = resolvedHistory();
    const at = plus(T0, { days: 2 });
    const before = stateOf(history);
    const { resolution } = startTargets({ severity: 3, openedAt: at, policy, calendar });
    givenCase(history, context())
      .when(commands.reopen({ at }))
      .then([
        {
          type: 'CaseReopened',
          data: {
            caseId: 'case-1',
            at,
            by: 'alice@acme.example',
            reason: 'It failed again after the restart',
            reopenedFrom: 'resolved',
            previousTargets: before.targets,
            targets: { firstResponse: before.targets.firstResponse, resolution },
          },
        },
      ]);
    expect(resolution).toMatchObject({ state: 'running', startedAt: at, dueAt: '2024-07-04T09:00:00.000Z' });
    const after = stateOf([
      ...history,
      ...givenCase(history, context()).when(commands.reopen({ at })).events(),
    ]);
    expect(after.status).toBe('in-progress');
    expect(after.targets.firstResponse.state).toBe('met');
  });

  it('reopening needs a reason', () => {
    givenCase(resolvedHistory(), context())
      .when(commands.reopen({ reason: '' }))
      .thenFails({ code: 'text-length-out-of-range', field: 'reason' });
  });

  it('a resolved case cannot be resolved again', () => {
    givenCase(resolvedHistory(), context())
      .when(commands.resolve({ at: plus(T0, { days: 2 }) }))
      .thenFails({ code: 'invalid-case-transition', kind: 'conflict' });
  });

  it('a resolved case cannot be put back to awaiting the customer', () => {
    givenCase(resolvedHistory(), context())
      .when(requestInformation({ at: plus(T0, { days: 2 }) }))
      .thenFails({ code: 'invalid-case-transition' });
  });
});

describe('case decider: closed case (lifecycle)', () => {
  it('a recently closed case can be reopened (within 30 days by default)', () => {
    const closedAt = plus(T0, { days: 2 });
    const events = givenCase(closedHistory(), context())
      .when(commands.reopen({ at: plus(closedAt, { days: 29 }) }))
      .events();
    expect(types(events)).toEqual(['CaseReopened']);
    expect(events[0].data).toMatchObject({ reopenedFrom: 'closed' });
  });

  it('a case closed longer ago than the reopen window cannot be reopened', () => {
    const closedAt = plus(T0, { days: 2 });
    givenCase(closedHistory(), context())
      .when(commands.reopen({ at: plus(closedAt, { days: 30 }) }))
      .thenFails({ code: 'reopen-window-elapsed', kind: 'conflict', message: /30 days/ });
  });

  it("the policy's reopen window, when it has one, replaces the 30-day default", () => {
    const shortWindow = {
      ...DEFAULT_SUPPORT_POLICY,
      reopen: { window: { amount: 2, unit: 'days', clock: 'wall' } },
    } satisfies SupportPolicy;
    const closedAt = plus(T0, { days: 2 });
    givenCase(closedHistory(), context())
      .when(commands.reopen({ at: plus(closedAt, { days: 3 }) }), context({ policy: shortWindow }))
      .thenFails({ code: 'reopen-window-elapsed' });
  });

  it('a closed case cannot be closed again', () => {
    givenCase(closedHistory(), context())
      .when(close({ at: plus(T0, { days: 3 }) }))
      .thenFails({ code: 'case-closed' });
  });

  it('nothing changes a closed case but reopening: no severity change, assignment, resolution or redirection', () => {
    const at = plus(T0, { days: 3 });
    for (const command of [
      commands.changeSeverity({ at }),
      assign(actors.otherEngineer.email),
      commands.resolve({ at }),
      redirect({ at }),
      requestInformation({ at }),
    ]) {
      givenCase(closedHistory(), context())
        .when(command)
        .thenFails({ code: 'case-closed', kind: 'conflict' });
    }
  });
});

describe('case decider: scope triage (RedirectCase)', () => {
  it('an engineer redirects an out-of-scope case with a referral: it is closed as redirected', () => {
    const at = plus(T0, { hours: 1 });
    givenCase(inProgressHistory(), context())
      .when(
        redirect({ at, to: 'account-manager', referral: 'Renewals are handled by your account manager.' }),
      )
      .then([
        {
          type: 'CaseRedirected',
          data: {
            caseId: 'case-1',
            at,
            by: 'eve@vendor.example',
            to: 'account-manager',
            referral: 'Renewals are handled by your account manager.',
            targets: {
              ...stateOf(inProgressHistory()).targets,
              resolution: meetTarget(stateOf(inProgressHistory()).targets.resolution, at),
            },
          },
        },
      ]);
    const after = stateOf([
      ...inProgressHistory(),
      ...givenCase(inProgressHistory(), context()).when(redirect()).events(),
    ]);
    expect(after).toMatchObject({ status: 'redirected', redirectedTo: 'consulting' });
  });

  it('the referral answers the case: the resolution clock stops, met on time, breached and late after its due time, met out of a pause', () => {
    const onTime = plus(T0, { hours: 2 });
    const redirectedOnTime = stateOf([
      ...inProgressHistory(),
      ...givenCase(inProgressHistory(), context())
        .when(redirect({ at: onTime }))
        .events(),
    ]);
    expect(redirectedOnTime.targets.resolution).toMatchObject({ state: 'met', metAt: onTime });

    const late = plus(stateOf(inProgressHistory()).targets.resolution.dueAt, { hours: 1 });
    const lateEvents = givenCase(inProgressHistory(), context())
      .when(redirect({ at: late }))
      .events();
    expect(types(lateEvents)).toEqual(['SlaTargetBreached', 'CaseRedirected']);
    expect(stateOf([...inProgressHistory(), ...lateEvents]).targets.resolution).toMatchObject({
      state: 'breached',
      metAt: late,
    });

    const awaiting = historyOf([
      commands.openCase(),
      commands.comment(),
      { type: 'RequestInformation', caseId: 'case-1', actor: actors.engineer, at: plus(T0, { hours: 1 }) },
    ]);
    const fromPause = stateOf([
      ...awaiting,
      ...givenCase(awaiting, context())
        .when(redirect({ at: onTime }))
        .events(),
    ]);
    expect(fromPause.targets.resolution.state).toBe('met');
    expect(fromPause.targets.resolution.pauses.at(-1)).toEqual({ from: plus(T0, { hours: 1 }), to: onTime });
  });

  it('a redirection recorded before it carried its targets stops the clock the same way when folded', () => {
    const [redirected] = givenCase(inProgressHistory(), context()).when(redirect()).events();
    if (redirected.type !== 'CaseRedirected') throw new Error('expected the redirection');
    const { targets: _recorded, ...legacyData } = redirected.data;
    const legacy: CaseEvent = { type: 'CaseRedirected', data: legacyData };
    expect(stateOf([...inProgressHistory(), legacy])).toEqual(stateOf([...inProgressHistory(), redirected]));
  });

  it('the referral is a public reply: redirecting a new case also gives the first response', () => {
    expect(types(givenCase(openedHistory(), context()).when(redirect()).events())).toEqual([
      'FirstResponseGiven',
      'CaseRedirected',
    ]);
  });

  it('only an engineer redirects, to consulting or the account manager, with a referral', () => {
    givenCase(inProgressHistory(), context())
      .when(redirect({ actor: actors.alice }))
      .thenFails({ code: 'engineer-only', kind: 'forbidden' });
    givenCase(inProgressHistory(), context())
      .when(redirect({ to: 'sales' as never }))
      .thenFails({ code: 'invalid-value', field: 'to' });
    givenCase(inProgressHistory(), context())
      .when(redirect({ referral: '' }))
      .thenFails({ code: 'text-length-out-of-range', field: 'referral' });
  });

  it('a redirected case is not closed, escalated or redirected again (it is reopened first: reopen-redirected.spec.ts)', () => {
    const history = historyOf([commands.openCase(), redirect()]);
    const at = plus(T0, { days: 1 });
    for (const command of [close({ at }), commands.escalate({ at }), redirect({ at })]) {
      givenCase(history, context()).when(command).thenFails({ code: 'case-redirected', kind: 'conflict' });
    }
  });
});
