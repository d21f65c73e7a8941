import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CaseCommand,
  CaseEvent,
  CaseState,
  caseDecider,
  dependsOnLicenceRecords,
  requireMayActOnCase,
  requireMayActOnCaseRecords,
} from '@casetrail/domain';
import { CommandMeta } from '../../commands/command-meta';
import { DecisionResult, DecisionRunner } from '../../commands/decision-runner';
import { givenReasonOf } from '../../commands/given-reason';
import { caseNotFound } from '../access/case-access';
import { CommandGround, LASTING_GROUND } from '../access/command-ground';
import { CaseContextLoader } from './case-context.loader';
import { groundStillHeld } from './command-ground-check';

export const caseStream = (caseId: string) => `case-${caseId}`;

/** A case command on its way to the case decider. */
export class ExecuteCaseCommand extends Command<DecisionResult<CaseState>> {
  constructor(
    readonly command: CaseCommand,
    readonly meta: CommandMeta,
    /**
     * Why the actor was let in (CaseAccess): unless it is lasting (staff, the opener, and process
     * managers, whose commands come from no one's access), the decision refuses the command (404)
     * when no way in still holds in the records as stored then (groundStillHeld).
     */
    readonly ground: CommandGround = LASTING_GROUND,
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

  execute({ command, meta, ground }: ExecuteCaseCommand): Promise<DecisionResult<CaseState>> {
    return this.runner.run<CaseState, CaseEvent>({
      ...meta,
      reason: meta.reason ?? givenReasonOf(command),
      stream: caseStream(command.caseId),
      evolve: caseDecider.evolve,
      initialState: caseDecider.initialState,
      // Before a stale If-Match is answered: an auditor, a customer changing severity, or one whose
      // licence records give no right to share or escalate, gets the refusal they would get without
      // If-Match, not a 412 inviting a retry that can only end in it.
      authorize: async (state) => {
        requireMayActOnCase(command, state);
        if (!dependsOnLicenceRecords(command)) return;
        const context = await this.contexts.load(command, state);
        await this.requireGroundStillHeld(command, state, ground);
        requireMayActOnCaseRecords(command, state, context);
      },
      // The case's account comes from the licence records (the entitlement), never from the caller.
      decide: async (state) => {
        const context = await this.contexts.load(command, state);
        // Looked at last, so that nothing but the append follows (see groundStillHeld).
        await this.requireGroundStillHeld(command, state, ground);
        return caseDecider.decide(command, state, context);
      },
    });
  }

  /**
   * A removal stored after the access check (or won by a revision race this decision lost) ends
   * that way in: retried on the newer state, the command must not get in after all (404).
   */
  private async requireGroundStillHeld(command: CaseCommand, state: CaseState, ground: CommandGround) {
    const { email } = command.actor;
    if (!(await groundStillHeld(ground, { email, at: command.at }, state, this.contexts.folds)))
      throw caseNotFound(command.caseId);
  }
}
