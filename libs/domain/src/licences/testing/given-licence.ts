import { fold } from '../../shared/decider';
import { DomainError } from '../../shared/domain-error';
import type { LicenceCommand, LicenceDecisionContext } from '../licence.commands';
import { licenceDecider } from '../licence.decider';
import type { LicenceEvent } from '../licence.events';

/**
 * Given / When / Then over the pure licence decider (ARCHITECTURE.md "Conventions"), as `givenCase`
 * is for cases: `const given = givenLicenceWith(context)`, then
 * `given(...events).when(command).then(events)` or `.thenFails({ code, field })`. The state is only
 * ever built by folding the events; the context is the spec's policy unless a `when` names another.
 */
export function givenLicenceWith(defaultContext: LicenceDecisionContext) {
  return (...history: LicenceEvent[]) => {
    const state = fold(licenceDecider, history);
    return {
      state,
      when: (command: LicenceCommand, context: LicenceDecisionContext = defaultContext) => ({
        then: (expected: LicenceEvent[]) =>
          expect(licenceDecider.decide(command, state, context)).toEqual(expected),
        /** Refused with a DomainError that has at least these fields. */
        thenFails: (expected: Partial<DomainError>) => {
          let thrown: unknown;
          try {
            licenceDecider.decide(command, state, context);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect(thrown).toMatchObject(expected);
        },
      }),
    };
  };
}
