import { startTargets } from '../../sla/targets/start-targets';
import { meetTarget } from '../../sla/targets/stop-targets';
import { resumeTarget } from '../../sla/targets/pause-resume';
import { fold } from '../../shared/decider';
import { caseDecider } from '../case-decider';
import type { CaseEvent } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import {
  actors,
  awaitingHistory,
  calendar,
  commands,
  context,
  historyOf,
  inProgressHistory,
  openedHistory,
  plus,
  policy,
  T0,
} from '../testing/case-fixtures';

const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;
const base = (at: string, by: string) => ({ caseId: 'case-1', at, by });

describe('case decider: new case (comments and the first response)', () => {
  it("the engineer's first public comment is the first response: the response clock stops (met) and the case moves to in-progress", () => {
    const history = openedHistory();
    const at = plus(T0, { minutes: 30 });
    const given = givenCase(history, context());
    given.when(commands.comment({ at })).then([
      {
        type: 'CommentAdded',
        data: {
          ...base(at, 'eve@vendor.example'),
          commentId: 'c-1',
          body: 'Thanks, we are looking into it.',
          internal: false,
          byStaff: true,
          authorName: 'Eve Engineer',
        },
      },
      {
        type: 'FirstResponseGiven',
        data: {
          ...base(at, 'eve@vendor.example'),
          via: 'comment',
          commentId: 'c-1',
          target: meetTarget(stateOf(history).targets.firstResponse, at),
        },
      },
    ]);
    const after = stateOf(historyOf([commands.openCase(), commands.comment({ at })]));
    expect(after.status).toBe('in-progress');
    expect(after.targets.firstResponse).toMatchObject({ state: 'met', metAt: at });
    expect(after.targets.resolution.state).toBe('running');
  });

  it('a comment keeps its line breaks, as written', () => {
    const body = 'Please try:\r\n1. clear the cache\n2. publish again\n\nEve';
    const [added] = givenCase(openedHistory(), context()).when(commands.comment({ body })).events();
    expect(added.data).toMatchObject({ body });
  });

  it('an internal note is not a reply to the customer: the case stays new and the clock runs', () => {
    const events = givenCase(openedHistory(), context())
      .when(commands.comment({ internal: true }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['CommentAdded']);
    expect(events[0].data).toMatchObject({ internal: true, byStaff: true });
  });

  it("a customer's or a CSM's public comment is not the first response (only a support engineer's is)", () => {
    const byAlice = givenCase(openedHistory(), context())
      .when(commands.comment({ actor: actors.alice }))
      .events();
    expect(byAlice.map((event) => event.type)).toEqual(['CommentAdded']);
    expect(byAlice[0].data).toMatchObject({ byStaff: false });
    const byCsm = givenCase(openedHistory(), context())
      .when(commands.comment({ actor: actors.csm }))
      .events();
    expect(byCsm.map((event) => event.type)).toEqual(['CommentAdded']);
  });

  it('a late first reply records the breach before the reply, and the response target stays breached with its metAt', () => {
    const late = plus(T0, { days: 2 }); // severity 3: due after 1 business day
    const events = givenCase(openedHistory(), context())
      .when(commands.comment({ at: late }))
      .events();
    expect(events.map((event) => event.type)).toEqual([
      'SlaTargetBreached',
      'CommentAdded',
      'FirstResponseGiven',
    ]);
    expect(events[0].data).toMatchObject({
      target: 'first-response',
      dueAt: '2024-06-04T09:00:00.000Z',
      by: 'system:sla-timers',
    });
    expect(events[2].data).toMatchObject({
      target: { state: 'breached', metAt: late, breachedAt: '2024-06-04T09:00:00.000Z' },
    });
  });

  it('an internal note keeps the salt it was given (hidden from customers with its text), a public comment none', () => {
    const salt = 'a3'.repeat(16);
    const [note] = givenCase(openedHistory(), context())
      .when(commands.comment({ internal: true, salt }))
      .events();
    expect(note.data).toMatchObject({ internal: true, salt });
    const [reply] = givenCase(openedHistory(), context()).when(commands.comment({ salt })).events();
    expect(reply.data).not.toHaveProperty('salt');
    givenCase(openedHistory(), context())
      .when(commands.comment({ internal: true, salt: 'guessable' }))
      .thenFails({ code: 'invalid-value', field: 'salt' });
  });

  it('internal notes are written by staff only', () => {
    givenCase(openedHistory(), context())
      .when(commands.comment({ actor: actors.alice, internal: true }))
      .thenFails({ code: 'internal-comment-staff-only', kind: 'forbidden', field: 'internal' });
  });

  it('admins comment like staff: public replies and internal notes, but a reply is not the first response', () => {
    const [reply, ...more] = givenCase(openedHistory(), context())
      .when(commands.comment({ actor: actors.admin }))
      .events();
    expect(reply).toMatchObject({ type: 'CommentAdded', data: { byStaff: true, internal: false } });
    expect(more.map((event) => event.type)).not.toContain('FirstResponseGiven');
    const note = givenCase(openedHistory(), context())
      .when(commands.comment({ actor: actors.admin, internal: true }))
      .events();
    expect(note).toEqual([
      expect.objectContaining({
        type: 'CommentAdded',
        data: expect.objectContaining({ internal: true, byStaff: true }),
      }),
    ]);
  });

  it('admins still may not work a case', () => {
    givenCase(openedHistory(), context())
      .when(commands.changeSeverity({ actor: actors.admin, severity: 2 }))
      .thenFails({ code: 'read-only-actor', kind: 'forbidden' });
  });

  it('auditors may not comment', () => {
    givenCase(openedHistory(), context())
      .when(commands.comment({ actor: actors.auditor }))
      .thenFails({ code: 'read-only-actor', kind: 'forbidden' });
  });

  it.each([
    ['body', { body: '' }],
    ['body', { body: 'x'.repeat(20_001) }],
    ['commentId', { commentId: '' }],
  ])('text limits: a bad %s is a validation error naming the field', (field, overrides) => {
    givenCase(openedHistory(), context())
      .when(commands.comment(overrides))
      .thenFails({ code: 'text-length-out-of-range', kind: 'validation', field });
  });

  it('a retried comment (same id, same content) adds nothing; the same id with other content is a conflict', () => {
    const history = historyOf([commands.openCase(), commands.comment()]);
    givenCase(history, context())
      .when(commands.comment({ at: plus(T0, { hours: 1 }) }))
      .thenNothing();
    givenCase(history, context())
      .when(commands.comment({ body: 'Something else' }))
      .thenFails({ code: 'comment-already-exists', kind: 'conflict', field: 'commentId' });
  });

  it('recognises a retry of the first of thousands of comments, and a clash with it', () => {
    const talk = Array.from({ length: 2_000 }, (_, index) =>
      commands.comment({
        commentId: `c-${index}`,
        body: `Reply ${index}`,
        internal: index % 3 === 0,
        at: plus(T0, { minutes: 30 + index }),
      }),
    );
    const history = historyOf([commands.openCase(), ...talk]);
    const first = { commentId: 'c-0', body: 'Reply 0', internal: true, at: plus(T0, { days: 3 }) };
    givenCase(history, context()).when(commands.comment(first)).thenNothing();
    givenCase(history, context())
      .when(commands.comment({ ...first, internal: false }))
      .thenFails({ code: 'comment-already-exists', kind: 'conflict', field: 'commentId' });
  });
});

describe('case decider: in-progress case (comments)', () => {
  it("the engineer's later public comments are just comments", () => {
    const events = givenCase(inProgressHistory(), context())
      .when(commands.comment({ commentId: 'c-2', at: plus(T0, { hours: 3 }) }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['CommentAdded']);
  });
});

describe('case decider: awaiting-customer case (comments)', () => {
  const awaiting = awaitingHistory;

  it("a customer's public comment resumes the resolution clock (due time moved by the pause) and returns the case to in-progress", () => {
    const history = awaiting();
    const answeredAt = plus(T0, { days: 1, hours: 1 });
    const before = stateOf(history);
    const events = givenCase(history, context())
      .when(commands.comment({ actor: actors.bob, commentId: 'c-2', at: answeredAt }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['CommentAdded', 'CustomerResponded']);
    const resumed = resumeTarget(before.targets.resolution, answeredAt, calendar);
    expect(events[1]).toEqual({
      type: 'CustomerResponded',
      data: {
        ...base(answeredAt, 'bob@acme.example'),
        commentId: 'c-2',
        targets: { ...before.targets, resolution: resumed },
      },
    });
    // Paused for exactly one business day, so the resolution is due one business day later.
    expect(resumed.dueAt).toBe('2024-07-03T09:00:00.000Z');
    const after = stateOf([...history, ...events]);
    expect(after.status).toBe('in-progress');
    expect(after.targets.resolution.state).toBe('running');
  });

  it("an engineer's comment does not end the wait for the customer", () => {
    const events = givenCase(awaiting(), context())
      .when(commands.comment({ commentId: 'c-2', at: plus(T0, { hours: 2 }) }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['CommentAdded']);
  });

  it('a customer internal note is refused even while awaiting them', () => {
    givenCase(awaiting(), context())
      .when(commands.comment({ actor: actors.alice, internal: true, commentId: 'c-2' }))
      .thenFails({ code: 'internal-comment-staff-only' });
  });
});

describe('case decider: resolved case (comments)', () => {
  const resolved = () => historyOf([commands.openCase(), commands.comment(), commands.resolve()]);

  it("a customer's reply reopens the case: back in progress, the resolution clock restarted, the reply recorded after the reopening it caused", () => {
    const at = plus(T0, { days: 3 });
    const before = stateOf(resolved());
    const { resolution } = startTargets({ severity: 3, openedAt: at, policy, calendar });
    givenCase(resolved(), context())
      .when(commands.comment({ actor: actors.alice, commentId: 'c-2', body: 'Still failing here.', at }))
      .then([
        {
          type: 'CaseReopened',
          data: {
            ...base(at, 'alice@acme.example'),
            reason: 'The customer replied to the proposed resolution',
            reopenedFrom: 'resolved',
            previousTargets: before.targets,
            targets: { firstResponse: before.targets.firstResponse, resolution },
            commentId: 'c-2',
          },
        },
        {
          type: 'CommentAdded',
          data: {
            ...base(at, 'alice@acme.example'),
            commentId: 'c-2',
            body: 'Still failing here.',
            internal: false,
            byStaff: false,
            authorName: 'Alice Customer',
          },
        },
      ]);
    const after = stateOf([
      ...resolved(),
      ...givenCase(resolved(), context())
        .when(commands.comment({ actor: actors.alice, commentId: 'c-2', at }))
        .events(),
    ]);
    expect(after.status).toBe('in-progress');
    expect(after.targets.resolution).toMatchObject({ state: 'running', startedAt: at });
  });

  it('a retried customer reply (same id, same text) reopens nothing again', () => {
    const reply = commands.comment({ actor: actors.alice, commentId: 'c-2', at: plus(T0, { days: 3 }) });
    const history = [...resolved(), ...givenCase(resolved(), context()).when(reply).events()];
    expect(givenCase(history, context()).when(reply).events()).toEqual([]);
  });

  it("staff's public comment restarts the quiet period before automatic closure, and the case stays resolved", () => {
    const at = plus(T0, { days: 3 });
    const events = givenCase(resolved(), context())
      .when(commands.comment({ commentId: 'c-2', at }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['CommentAdded', 'AutoClosePostponed']);
    expect(events[1].data).toMatchObject({
      previousAutoCloseAt: plus(T0, { days: 8 }),
      autoCloseAt: plus(T0, { days: 10 }),
    });
  });

  it('an internal note does not restart the quiet period', () => {
    const events = givenCase(resolved(), context())
      .when(commands.comment({ internal: true, commentId: 'c-2', at: plus(T0, { days: 3 }) }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['CommentAdded']);
  });
});

describe('case decider: closed and redirected cases (comments)', () => {
  const closed = () =>
    historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      { type: 'CloseCase', caseId: 'case-1', actor: actors.alice, at: plus(T0, { days: 2 }) },
    ]);
  const redirected = () =>
    historyOf([
      commands.openCase(),
      {
        type: 'RedirectCase',
        caseId: 'case-1',
        actor: actors.engineer,
        at: plus(T0, { hours: 1 }),
        to: 'consulting',
        referral: 'Custom work: Progress Services',
      },
    ]);

  it('a closed case takes no public comments (reopen it instead), but staff may add internal notes', () => {
    givenCase(closed(), context())
      .when(commands.comment({ actor: actors.alice, commentId: 'c-2', at: plus(T0, { days: 3 }) }))
      .thenFails({ code: 'case-closed', kind: 'conflict' });
    expect(
      givenCase(closed(), context())
        .when(commands.comment({ internal: true, commentId: 'c-2', at: plus(T0, { days: 3 }) }))
        .events(),
    ).toHaveLength(1);
  });

  it('a redirected case takes no public comments, but staff may add internal notes', () => {
    givenCase(redirected(), context())
      .when(commands.comment({ actor: actors.alice, commentId: 'c-2', at: plus(T0, { days: 1 }) }))
      .thenFails({ code: 'case-redirected', kind: 'conflict' });
    expect(
      givenCase(redirected(), context())
        .when(commands.comment({ internal: true, commentId: 'c-2', at: plus(T0, { days: 1 }) }))
        .events(),
    ).toHaveLength(1);
  });
});
