import { DomainError, type DomainErrorKind } from '../../shared/domain-error';
import { fold } from '../../shared/decider';
import { caseDecider } from '../case-decider';
import type { CaseCommand } from '../commands';
import type { CaseDecisionContext } from '../context';
import type { CaseEvent } from '../events';
import type { CaseState } from '../state';

export interface ExpectedCaseError {
  code: string;
  kind?: DomainErrorKind;
  field?: string;
  /** A pattern, or text the message contains (a refusal's wording, quoted as written). */
  message?: RegExp | string;
}

/**
 * Given / When / Then for the case decider (ARCHITECTURE.md "Conventions"):
 * `given(events).when(command).then(events)` or `.thenFails({ code })`. The context defaults to
 * the one passed to `givenCase`, and can be replaced per `when`.
 */
export function givenCase(history: readonly CaseEvent[], defaultContext: CaseDecisionContext) {
  const state: CaseState = fold(caseDecider, history);
  return {
    state,
    when(command: CaseCommand, context: CaseDecisionContext = defaultContext) {
      const decide = () => caseDecider.decide(command, state, context);
      return {
        /** The events, for assertions finer than equality. */
        events: decide,
        then(expected: readonly CaseEvent[]): void {
          expect(decide()).toEqual(expected);
        },
        thenNothing(): void {
          expect(decide()).toEqual([]);
        },
        thenFails(expected: ExpectedCaseError): void {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          const error = thrown as DomainError;
          expect({ code: error.code, kind: error.kind, field: error.field }).toEqual({
            code: expected.code,
            kind: expected.kind ?? error.kind,
            field: 'field' in expected ? expected.field : error.field,
          });
          if (expected.message) expect(error.message).toMatch(expected.message);
        },
      };
    },
  };
}
