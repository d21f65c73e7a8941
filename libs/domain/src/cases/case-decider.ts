import type { Decider } from '../shared/decider';
import type { CaseCommand } from './commands';
import type { CaseDecisionContext } from './context';
import { decideCase } from './decide';
import type { CaseEvent } from './events';
import { evolveCase } from './evolve';
import { initialCaseState, type CaseState } from './state';

/** The case aggregate as one decider, for command handlers and `fold`. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState, CaseDecisionContext> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
