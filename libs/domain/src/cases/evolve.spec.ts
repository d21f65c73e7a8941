import { fold } from '../shared/decider';
import { caseDecider } from './case-decider';
import { evolveCase } from './evolve';
import { initialCaseState } from './state';
import { actors, commands, historyOf, plus, T0 } from './testing/case-fixtures';

describe('evolveCase', () => {
  it('a full life: new -> in-progress -> awaiting-customer -> in-progress -> resolved -> closed -> in-progress (reopened)', () => {
    const steps = [
      commands.openCase(),
      commands.comment(),
      {
        type: 'RequestInformation' as const,
        caseId: 'case-1',
        actor: actors.engineer,
        at: plus(T0, { hours: 1 }),
      },
      commands.comment({ actor: actors.alice, commentId: 'c-2', at: plus(T0, { hours: 2 }) }),
      commands.resolve(),
      { type: 'CloseCase' as const, caseId: 'case-1', actor: actors.alice, at: plus(T0, { days: 2 }) },
      commands.reopen({ at: plus(T0, { days: 3 }) }),
    ];
    const statuses = steps.map((_, index) => fold(caseDecider, historyOf(steps.slice(0, index + 1))).status);
    expect(statuses).toEqual([
      'new',
      'in-progress',
      'awaiting-customer',
      'in-progress',
      'resolved',
      'closed',
      'in-progress',
    ]);
  });

  it('keeps what the detail view needs: opener, assignee, shares, escalation, timestamps', () => {
    const state = fold(
      caseDecider,
      historyOf([
        commands.openCase({ category: 'Publishing' }),
        {
          type: 'AssignEngineer',
          caseId: 'case-1',
          actor: actors.engineer,
          at: plus(T0, { minutes: 5 }),
          engineer: actors.engineer.email,
        },
        commands.share(),
        commands.escalate({ at: plus(T0, { hours: 2 }) }),
      ]),
    );
    expect(state).toMatchObject({
      status: 'new',
      caseId: 'case-1',
      accountId: 'acc-1',
      licenceId: 'lic-1',
      category: 'Publishing',
      openedAt: T0,
      openedBy: { email: 'alice@acme.example', name: 'Alice Customer' },
      assignee: 'eve@vendor.example',
      shares: [{ email: 'dora@acme.example', name: 'Dora Developer' }],
      escalationCount: 1,
      escalation: { status: 'awaiting-acknowledgement', level: 1, escalatedBy: 'alice@acme.example' },
      lastChangedAt: plus(T0, { hours: 2 }),
    });
  });

  it('folds a title and a share name recorded with line breaks before one-line fields refused them', () => {
    const [opened] = historyOf([commands.openCase()]);
    const old = {
      ...opened,
      data: { ...opened.data, title: 'Hello\r\nBcc: evil@evil.example' },
    } as typeof opened;
    const state = fold(caseDecider, [
      old,
      {
        type: 'CaseShared',
        data: { caseId: 'case-1', at: T0, by: 'eve@vendor.example', email: 'x@y.example', name: 'X\nY' },
      },
    ]);
    expect(state).toMatchObject({
      status: 'new',
      title: 'Hello\r\nBcc: evil@evil.example',
      shares: [{ email: 'x@y.example', name: 'X\nY' }],
    });
  });

  it('ignores events for a case that was never opened', () => {
    expect(
      evolveCase(initialCaseState, {
        type: 'CaseShared',
        data: { caseId: 'case-1', at: T0, by: 'eve@vendor.example', email: 'x@y.example', name: 'X' },
      }),
    ).toBe(initialCaseState);
  });
});
