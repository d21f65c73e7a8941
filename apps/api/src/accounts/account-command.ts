import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  AccountCommand,
  AccountDecisionContext,
  AccountEvent,
  AccountState,
  SupportPolicy,
  accountDecider,
  policyCalendarNames,
  requireMayActOnAccount,
} from '@casetrail/domain';
import type { ReadModelStore } from '@casetrail/readmodels';
import { refuseStrangerToAccount } from './account-strangers';
import { CustomerDirectory } from './customer-directory';
import { CommandMeta } from '../commands/command-meta';
import { DecisionResult, DecisionRunner } from '../commands/decision-runner';
import { givenReasonOf } from '../commands/given-reason';
import { SUPPORT_POLICY } from '../runtime/runtime';
import { READ_MODEL_STORE } from '../storage/storage.tokens';

export const accountStream = (accountId: string) => `account-${accountId}`;

/** An account-stream command (RegisterAccount, details, CSM, case team) on its way to the decider. */
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
  constructor(
    @Inject(DecisionRunner) private readonly runner: DecisionRunner,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  execute({ accountId, command, meta }: ExecuteAccountCommand): Promise<DecisionResult<AccountState>> {
    return this.runner.run<AccountState, AccountEvent>({
      ...meta,
      // The why of the change, when given, for the history (as case and licence commands').
      reason: meta.reason ?? givenReasonOf(command.data),
      stream: accountStream(accountId),
      evolve: accountDecider.evolve,
      initialState: accountDecider.initialState,
      authorize: async (state) => {
        await this.refuseStranger(accountId, command, state);
        requireMayActOnAccount(command, state);
      },
      decide: async (state) => {
        await this.refuseStranger(accountId, command, state);
        // The decider's first checks, before the context is looked up: an id nobody registered is
        // refused after the reads a hidden account's refusal takes, not after a would-be CSM's too.
        requireMayActOnAccount(command, state);
        return accountDecider.decide(command, state, await this.contextFor(command));
      },
    });
  }

  /** A stranger to the account is answered as for an id nobody registered (isStrangerToAccount). */
  private refuseStranger(accountId: string, command: AccountCommand, state: AccountState): Promise<void> {
    if (command.type === 'RegisterAccount') return Promise.resolve();
    return refuseStrangerToAccount(this.readModels, command.actor, accountId, state);
  }

  /**
   * A calendar an account names must be one of the policy's in force, and a case-team member's
   * address is judged by its group-mailbox and mail-domain rules and against the staff the records
   * know; a would-be CSM is checked against every customer record (a malformed email is the
   * decider's to refuse).
   */
  private async contextFor(command: AccountCommand): Promise<AccountDecisionContext> {
    if (command.type === 'RegisterAccount' || command.type === 'ChangeAccountDetails')
      return { calendarNames: policyCalendarNames(this.policy) };
    if (command.type === 'AddCaseTeamMember')
      return {
        groupMailboxPatterns: this.policy.licensing.groupMailboxPatterns,
        emailDomainRules: this.policy.licensing,
        // A member counts as a customer: known staff on a team would no longer count as staff.
        memberKnownStaff: await this.customers.isKnownStaff(command.data.email),
      };
    if (command.type !== 'AssignCustomerSuccessManager' || typeof command.data.email !== 'string') return {};
    return { csmCustomerRole: await this.customers.roleOf(command.data.email) };
  }
}
