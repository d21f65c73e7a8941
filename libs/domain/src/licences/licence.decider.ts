import { Decider } from '../shared/decider';
import { LicenceCommand, LicenceDecisionContext } from './licence.commands';
import { decideLicence } from './licence.decide';
import { LicenceEvent } from './licence.events';
import { evolveLicence } from './licence.evolve';
import { initialLicenceState, LicenceState } from './licence.state';

/** One stream per licence. */
export const licenceDecider: Decider<LicenceCommand, LicenceEvent, LicenceState, LicenceDecisionContext> = {
  decide: decideLicence,
  evolve: evolveLicence,
  initialState: initialLicenceState,
};
