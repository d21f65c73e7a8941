import fc from 'fast-check';
import { DomainError } from '../shared/domain-error';
import type { CaseActor } from './actor';
import { caseDecider } from './case-decider';
import { caseTimers, commandForTimer } from './case-timers';
import type { CaseCommand } from './commands';
import type { CaseEvent } from './events';
import { initialCaseState, type CaseState } from './state';
import { actors, commands, context, plus, T0 } from './testing/case-fixtures';

const people: CaseActor[] = [actors.alice, actors.bob, actors.engineer, actors.csm, actors.auditor];

/** One random command at `at`, by a random person, with plausible (sometimes invalid) fields. */
const commandAt = (at: string): fc.Arbitrary<CaseCommand> =>
  fc
    .tuple(
      fc.constantFrom(...people),
      fc.integer({ min: 0, max: 14 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 3 }),
    )
    .map(([actor, pick, flag, severity]): CaseCommand => {
      const base = { caseId: 'case-1', actor, at };
      switch (pick) {
        case 0:
          return commands.comment({ ...base, commentId: `c-${at}`, internal: flag });
        case 1:
          return commands.changeSeverity({ ...base, severity: severity as 1 | 2 | 3 });
        case 2:
          return commands.escalate({ ...base, reason: flag ? 'low-satisfaction' : 'production-impact' });
        case 3:
          return { type: 'AcknowledgeEscalation', ...base };
        case 4:
          return { type: 'PostEscalationStatusUpdate', ...base, body: 'Update' };
        case 5:
          return { type: 'DeEscalate', ...base, reason: 'Calmer now' };
        case 6:
          return { type: 'RequestInformation', ...base };
        case 7:
          return commands.resolve(base);
        case 8:
          return { type: 'CloseCase', ...base };
        case 9:
          return commands.reopen(base);
        case 10:
          return {
            type: 'RedirectCase',
            ...base,
            to: flag ? 'consulting' : 'account-manager',
            referral: 'Elsewhere',
          };
        case 11:
          return commands.share({ ...base, email: flag ? 'dora@acme.example' : 'finn@acme.example' });
        case 12:
          return { type: 'UnshareCase', ...base, email: 'dora@acme.example' };
        case 13:
          return {
            type: 'AssignEngineer',
            ...base,
            engineer: flag ? actors.engineer.email : actors.otherEngineer.email,
          };
        default:
          return commands.openCase({ ...base, severity: severity as 1 | 2 | 3 });
      }
    });

const scenario = fc
  .array(fc.integer({ min: 1, max: 60 * 30 }), { minLength: 1, maxLength: 15 })
  .chain((gaps) => {
    let minutes = 0;
    const instants = gaps.map((gap) => plus(T0, { minutes: (minutes += gap) }));
    return fc.tuple(...instants.map(commandAt));
  });

/** Folds the events in, checking that each one touches the case: its time becomes lastChangedAt. */
function apply(state: CaseState, events: CaseEvent[]): CaseState {
  return events.reduce((before, event) => {
    const after = caseDecider.evolve(before, event);
    if (after.status !== 'none')
      expect([event.type, after.lastChangedAt]).toEqual([event.type, event.data.at]);
    return after;
  }, state);
}

describe('case decider properties', () => {
  it('any sequence of commands is either decided or refused with a DomainError, every recorded event touches the case, and every due timer records its fact at most once', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        let state = apply(
          initialCaseState,
          caseDecider.decide(commands.openCase(), initialCaseState, context()),
        );
        for (const command of steps) {
          try {
            state = apply(state, caseDecider.decide(command, state, context()));
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          expect(state.status).not.toBe('none');
        }
        for (const timer of caseTimers(state)) {
          const command = commandForTimer('case-1', timer, timer.fireAt);
          try {
            const first = caseDecider.decide(command, state, context());
            const next = apply(state, first);
            const second = timer.kind === 'auto-close' ? [] : caseDecider.decide(command, next, context());
            expect(second).toEqual([]);
          } catch (error) {
            // A timer may be refused (an automatic closure that is no longer due), never crash.
            expect(error).toBeInstanceOf(DomainError);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
