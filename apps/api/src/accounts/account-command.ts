import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountCommand, AccountEvent, AccountState, accountDecider } from '@casetrail/domain';
import { CommandMeta } from '../commands/command-meta';
import { DecisionResult, DecisionRunner } from '../commands/decision-runner';

export const accountStream = (accountId: string) => `account-${accountId}`;

/** An account-stream command (RegisterAccount, CSM, case team) on its way to the decider. */
export class ExecuteAccountCommand extends Command<DecisionResult<AccountState>> {
  constructor(
    readonly accountId: string,
    readonly command: AccountCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ExecuteAccountCommand)
export class ExecuteAccountCommandHandler implements ICommandHandler<ExecuteAccountCommand> {
  constructor(@Inject(DecisionRunner) private readonly runner: DecisionRunner) {}

  execute({ accountId, command, meta }: ExecuteAccountCommand): Promise<DecisionResult<AccountState>> {
    return this.runner.run<AccountState, AccountEvent>({
      ...meta,
      stream: accountStream(accountId),
      evolve: accountDecider.evolve,
      initialState: accountDecider.initialState,
      decide: (state) => accountDecider.decide(command, state),
    });
  }
}
