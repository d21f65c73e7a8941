import { fold } from '../../shared/decider';
import { caseDecider } from '../case-decider';
import type { AcknowledgeEscalation, AssignEngineer, CloseCase, UnshareCase } from '../commands';
import type { CaseEvent } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import { actors, commands, context, historyOf, openedHistory, plus, T0 } from '../testing/case-fixtures';

/**
 * DOMAIN.md: "Every change records who, when and why." The case changes that need no reason
 * (assignment, sharing, unsharing, a person's closure, an information request, an escalation's
 * acknowledgement) take one when given: trimmed into the
 * event's data, held to the rules of the required reasons, and left out of the event when not given,
 * so events recorded before reasons were taken fold as they did.
 */
const assign = (overrides: Partial<AssignEngineer> = {}): AssignEngineer => ({
  type: 'AssignEngineer',
  caseId: 'case-1',
  actor: actors.engineer,
  at: plus(T0, { hours: 1 }),
  engineer: actors.otherEngineer.email,
  ...overrides,
});
const unshare = (overrides: Partial<UnshareCase> = {}): UnshareCase => ({
  type: 'UnshareCase',
  caseId: 'case-1',
  actor: actors.engineer,
  at: plus(T0, { hours: 2 }),
  email: 'dora@acme.example',
  ...overrides,
});
const close = (reason?: string): CloseCase => ({
  type: 'CloseCase',
  caseId: 'case-1',
  actor: actors.alice,
  at: plus(T0, { days: 2 }),
  ...(reason !== undefined ? { reason } : {}),
});

const acknowledge = (reason?: string): AcknowledgeEscalation => ({
  type: 'AcknowledgeEscalation',
  caseId: 'case-1',
  actor: actors.engineer,
  at: plus(T0, { hours: 2 }),
  ...(reason !== undefined ? { reason } : {}),
});

const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;
const shared = () => historyOf([commands.openCase(), commands.share()]);
const resolved = () => historyOf([commands.openCase(), commands.comment(), commands.resolve()]);
const escalated = () => historyOf([commands.openCase(), commands.escalate()]);
const TOO_LONG = 'x'.repeat(2_001);

describe('case decider: optional reasons of changes that need none', () => {
  describe('assignment (AssignEngineer)', () => {
    it('records the reason given, trimmed, with the assignment; without one the event is as before', () => {
      givenCase(openedHistory(), context())
        .when(assign({ reason: '  Specialist in publishing  ' }))
        .then([
          {
            type: 'EngineerAssigned',
            data: {
              caseId: 'case-1',
              at: plus(T0, { hours: 1 }),
              by: actors.engineer.email,
              engineer: actors.otherEngineer.email,
              reason: 'Specialist in publishing',
            },
          },
        ]);
      const [event] = givenCase(openedHistory(), context()).when(assign()).events();
      expect(event.data).not.toHaveProperty('reason');
    });

    it('a reason keeps lines; re-assigning the assignee still records nothing', () => {
      const [event] = givenCase(openedHistory(), context())
        .when(assign({ reason: 'Hand-over:\nEve is on leave' }))
        .events();
      expect(event.data).toMatchObject({ reason: 'Hand-over:\nEve is on leave' });
      const assigned = historyOf([commands.openCase(), assign()]);
      givenCase(assigned, context())
        .when(assign({ reason: 'Again' }))
        .thenNothing();
    });
  });

  describe('sharing and unsharing (ShareCase, UnshareCase)', () => {
    it('a share records the reason given', () => {
      const [event] = givenCase(openedHistory(), context())
        .when(commands.share({ reason: 'Their team takes over the integration' }))
        .events();
      expect(event).toMatchObject({
        type: 'CaseShared',
        data: {
          email: 'dora@acme.example',
          name: 'Dora Developer',
          reason: 'Their team takes over the integration',
        },
      });
    });

    it('an unshare records the reason given, and none when none is given', () => {
      givenCase(shared(), context())
        .when(unshare({ reason: 'Left the project' }))
        .then([
          {
            type: 'CaseUnshared',
            data: {
              caseId: 'case-1',
              at: plus(T0, { hours: 2 }),
              by: actors.engineer.email,
              email: 'dora@acme.example',
              reason: 'Left the project',
            },
          },
        ]);
      const [event] = givenCase(shared(), context()).when(unshare()).events();
      expect(event.data).not.toHaveProperty('reason');
    });
  });

  describe("a person's closure (CloseCase)", () => {
    it('records the reason given with the closure', () => {
      givenCase(resolved(), context())
        .when(close('Confirmed in production'))
        .then([
          {
            type: 'CaseClosed',
            data: {
              caseId: 'case-1',
              at: plus(T0, { days: 2 }),
              by: actors.alice.email,
              automatic: false,
              reason: 'Confirmed in production',
            },
          },
        ]);
      const [event] = givenCase(resolved(), context()).when(close()).events();
      expect(event.data).toEqual({
        caseId: 'case-1',
        at: plus(T0, { days: 2 }),
        by: actors.alice.email,
        automatic: false,
      });
    });
  });

  describe('the changes that stop or start a clock (RequestInformation, AcknowledgeEscalation)', () => {
    it('an information request records why the resolution clock may stop, beside the question', () => {
      const asked = givenCase(openedHistory(), context())
        .when(commands.requestInformation({ reason: '  The fix depends on their logs  ' }))
        .events()
        .find((event) => event.type === 'InformationRequested');
      expect(asked?.data).toMatchObject({ body: 'Which version?', reason: 'The fix depends on their logs' });
      const [plain] = givenCase(openedHistory(), context())
        .when(commands.requestInformation())
        .events()
        .filter((event) => event.type === 'InformationRequested');
      expect(plain.data).not.toHaveProperty('reason');
    });

    it('an acknowledgement records how the escalation was taken on, and nothing when not given', () => {
      const [acknowledged] = givenCase(escalated(), context()).when(acknowledge('Call booked')).events();
      expect(acknowledged).toMatchObject({
        type: 'EscalationAcknowledged',
        data: { level: 1, reason: 'Call booked' },
      });
      const [plain] = givenCase(escalated(), context()).when(acknowledge()).events();
      expect(plain.data).not.toHaveProperty('reason');
    });
  });

  describe('a reason given is held to the rules of the required reasons (naming `reason`)', () => {
    it.each([
      ['too long', TOO_LONG, 'text-length-out-of-range'],
      ['blank', '   ', 'text-length-out-of-range'],
      ['a control character', 'Hand\u0007over', 'unsafe-character'],
      ['a text-direction override', 'Hand\u202Eover', 'unsafe-character'],
    ])('refuses a reason that is %s, on every one of these commands', (_what, reason, code) => {
      const expected = { code, kind: 'validation' as const, field: 'reason' };
      givenCase(openedHistory(), context()).when(assign({ reason })).thenFails(expected);
      givenCase(openedHistory(), context()).when(commands.share({ reason })).thenFails(expected);
      givenCase(shared(), context()).when(unshare({ reason })).thenFails(expected);
      givenCase(resolved(), context()).when(close(reason)).thenFails(expected);
      givenCase(openedHistory(), context()).when(commands.requestInformation({ reason })).thenFails(expected);
      givenCase(escalated(), context()).when(acknowledge(reason)).thenFails(expected);
    });

    it('a reason that is not text is refused too (commands come from other entry points as well)', () => {
      givenCase(openedHistory(), context())
        .when(assign({ reason: null as unknown as string }))
        .thenFails({ code: 'text-length-out-of-range', field: 'reason' });
    });
  });

  describe('events with a reason fold as those without', () => {
    it('the state after a reasoned share, unshare, assignment and closure is the one without reasons', () => {
      const withReasons = historyOf([
        commands.openCase(),
        commands.share({ reason: 'Follows the rollout' }),
        unshare({ reason: 'Left the project' }),
        assign({ reason: 'Specialist' }),
      ]);
      const without = historyOf([commands.openCase(), commands.share(), unshare(), assign()]);
      expect(withReasons.map((event) => (event.data as { reason?: string }).reason)).toEqual([
        undefined,
        'Follows the rollout',
        'Left the project',
        'Specialist',
      ]);
      expect(stateOf(withReasons)).toEqual(stateOf(without));
    });
  });
});
