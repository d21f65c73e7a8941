import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommand, CaseEvent, CaseState, caseDecider } from '@casetrail/domain';
import { CommandMeta } from '../../commands/command-meta';
import { DecisionResult, DecisionRunner } from '../../commands/decision-runner';
import { CaseContextLoader } from './case-context.loader';

export const caseStream = (caseId: string) => `case-${caseId}`;

/** A case command on its way to the case decider. */
export class ExecuteCaseCommand extends Command<DecisionResult<CaseState>> {
  constructor(
    readonly command: CaseCommand,
    readonly meta: CommandMeta,
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

  execute({ command, meta }: ExecuteCaseCommand): Promise<DecisionResult<CaseState>> {
    return this.runner.run<CaseState, CaseEvent>({
      ...meta,
      reason: meta.reason ?? reasonOf(command),
      stream: caseStream(command.caseId),
      evolve: caseDecider.evolve,
      initialState: caseDecider.initialState,
      // The case's account comes from the licence records (the entitlement), never from the caller.
      decide: async (state) => caseDecider.decide(command, state, await this.contexts.load(command, state)),
    });
  }
}

/** The free-text "why" a command carries, copied into event metadata for the history. */
function reasonOf(command: CaseCommand): string | undefined {
  return 'reason' in command && typeof command.reason === 'string' ? command.reason : undefined;
}
