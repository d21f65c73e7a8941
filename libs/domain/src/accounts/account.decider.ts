import { Decider } from '../shared/decider';
import { AccountCommand } from './account.commands';
import { AccountDecisionContext, decideAccount } from './account.decide';
import { AccountEvent } from './account.events';
import { evolveAccount } from './account.evolve';
import { AccountState, initialAccountState } from './account.state';

/** One stream per account. Its context says what other records know of a would-be CSM. */
export const accountDecider: Decider<
  AccountCommand,
  AccountEvent,
  AccountState,
  AccountDecisionContext | void
> = {
  decide: decideAccount,
  evolve: evolveAccount,
  initialState: initialAccountState,
};
