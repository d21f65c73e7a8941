import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  CASE_ACTIONS,
  decidesToAccept,
  passesRoleChecks,
  trialCommand,
  type CaseActionName,
  type OpenedCase,
} from '@casetrail/domain';
import { isVendorStaff, type Actor } from '../../auth/actor';
import { LOGGED_FOR_OPERATOR } from '../../problems/store-damage-audience';
import { CLOCK, Clock } from '../../runtime/runtime';
import { DamagedStreams } from '../../storage/damaged-streams';
import { caseStream } from '../commands/case-command';
import { CaseContextLoader } from '../commands/case-context.loader';

/** The case detail's `allowedActions` (not with `?asOf=`: a past state is no base for a change). */
export interface AllowedActionsShown {
  allowedActions?: CaseActionName[];
  /** Present while this process knows the case's stream is damaged (DamagedStreams): no command is taken then. */
  recordDamaged?: RecordDamagedSign;
}

/**
 * The sign on a case detail that the case's stored record is damaged. The vendor's staff read what
 * was found and when (as /health's `storage` and a command's 503 name it); anyone else (a customer,
 * a customer's compliance auditor) only that changes cannot be made now, in the words of the 503.
 */
export interface RecordDamagedSign {
  detail: string;
  problem?: string;
  foundAt?: string;
}

/** Why the list is empty, to staff: what a command on the case answers, and what the operator does. */
const DAMAGED_FOR_STAFF =
  "This case's stored record is damaged: every command on it answers 503 storage-inconsistent until " +
  'an operator runs `casetrail verify` and restores the event store from a backup';
const DAMAGED_FOR_CUSTOMERS =
  'Changes to this case cannot be made right now: part of its stored record is unavailable. ' +
  `${LOGGED_FOR_OPERATOR}; please try again later`;

/**
 * What the caller may do on a case they see, now: each action's command is put to the case decider
 * as a trial, with the context the command path loads for it (CaseContextLoader: the licence's term
 * and the caller's permissions on it, as recorded now), and listed when the decider takes it. The
 * rules are the decider's, so the list is what the API accepts, and it tells the caller no more than
 * a refusal would (a licence's expiry shows only as Reopen or Share missing). Visibility is the
 * read's own (CaseAccess), as it is the command's. The trials the actor's roles rule out read nothing.
 */
@Injectable()
export class AllowedCaseActions {
  constructor(
    @Inject(CaseContextLoader) private readonly contexts: CaseContextLoader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: Pick<DamagedStreams, 'find'>,
  ) {}

  /**
   * `allowedActions` for the detail of case `caseId`: none while the process knows its stream is
   * damaged (every command on it answers 503 then, StreamChainCheck), with the sign saying why;
   * otherwise those `of` finds.
   */
  async shownTo(actor: Actor, caseId: string, state: OpenedCase): Promise<AllowedActionsShown> {
    const found = this.damaged?.find(caseStream(caseId));
    if (!found) return { allowedActions: await this.of(actor, state) };
    const recordDamaged: RecordDamagedSign = isVendorStaff(actor)
      ? { detail: DAMAGED_FOR_STAFF, problem: found.problem, foundAt: found.seenAt }
      : { detail: DAMAGED_FOR_CUSTOMERS };
    return { allowedActions: [], recordDamaged };
  }

  async of(actor: Actor, state: OpenedCase): Promise<CaseActionName[]> {
    const at = this.clock.now().toISOString();
    // As CasesController gives the actor to the command.
    const caseActor = { email: actor.email, name: actor.name, roles: actor.roles };
    const accepted = await Promise.all(
      CASE_ACTIONS.map(async (action) => {
        const command = trialCommand(action, state, caseActor, at);
        if (!passesRoleChecks(command, state)) return false;
        return decidesToAccept(command, state, await this.contexts.load(command, state));
      }),
    );
    return CASE_ACTIONS.filter((_, index) => accepted[index]);
  }
}
