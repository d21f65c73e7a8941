import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommand, CaseEvent, CaseState, caseDecider } from '@casetrail/domain';
import { CommandMeta } from '../../commands/command-meta';
import { DecisionResult, DecisionRunner } from '../../commands/decision-runner';
import { caseNotFound } from '../access/case-access';
import { CaseContextLoader } from './case-context.loader';

export const caseStream = (caseId: string) => `case-${caseId}`;

/** A case command on its way to the case decider. */
export class ExecuteCaseCommand extends Command<DecisionResult<CaseState>> {
  constructor(
    readonly command: CaseCommand,
    readonly meta: CommandMeta,
    /**
     * The actor was let in only because the case is shared with them (CaseAccess): the decision
     * refuses it (404) unless the state it decides on still shares the case with them.
     */
    readonly throughShareOnly = false,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand> {
  constructor(
    @Inject(DecisionRunner) private readonly runner: DecisionRunner,
    @Inject(CaseContextLoader) private readonly contexts: CaseContextLoader,
  ) {}

  execute({ command, meta, throughShareOnly }: ExecuteCaseCommand): Promise<DecisionResult<CaseState>> {
    return this.runner.run<CaseState, CaseEvent>({
      ...meta,
      reason: meta.reason ?? reasonOf(command),
      stream: caseStream(command.caseId),
      evolve: caseDecider.evolve,
      initialState: caseDecider.initialState,
      // The case's account comes from the licence records (the entitlement), never from the caller.
      decide: async (state) => {
        // An unshare stored after the access check (or won by a revision race this decision lost)
        // ends the share: retried on the newer state, the command must not get in after all.
        if (throughShareOnly && !isSharedWith(state, command.actor.email)) throw caseNotFound(command.caseId);
        return caseDecider.decide(command, state, await this.contexts.load(command, state));
      },
    });
  }
}

function isSharedWith(state: CaseState, email: string): boolean {
  return state.status !== 'none' && state.shares.some((share) => share.email === email);
}

/** The free-text "why" a command carries, copied into event metadata for the history. */
function reasonOf(command: CaseCommand): string | undefined {
  return 'reason' in command && typeof command.reason === 'string' ? command.reason : undefined;
}
