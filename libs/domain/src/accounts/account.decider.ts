import { Decider } from '../shared/decider';
import { AccountCommand } from './account.commands';
import { decideAccount } from './account.decide';
import { AccountEvent } from './account.events';
import { evolveAccount } from './account.evolve';
import { AccountState, initialAccountState } from './account.state';

/** One stream per account. The account decider needs no context (`void`). */
export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState, void> = {
  decide: decideAccount,
  evolve: evolveAccount,
  initialState: initialAccountState,
};
