import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  CASE_ACTIONS,
  decidesToAccept,
  passesRoleChecks,
  trialCommand,
  type CaseActionName,
  type OpenedCase,
} from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import type { Actor } from '../../auth/actor';
import { CLOCK, Clock } from '../../runtime/runtime';
import { DamagedStreams } from '../../storage/damaged-streams';
import { recordDamagedSign, type RecordDamagedSign } from '../../storage/record-damage';
import { EVENT_STORE } from '../../storage/storage.tokens';
import { caseStream } from '../commands/case-command';
import { CaseContextLoader } from '../commands/case-context.loader';

/** The case detail's `allowedActions` (not with `?asOf=`: a past state is no base for a change). */
export interface AllowedActionsShown {
  allowedActions?: CaseActionName[];
  /** Present while this process knows the case's stream is damaged (DamagedStreams, recordDamagedSign): no command is taken then. */
  recordDamaged?: RecordDamagedSign;
}

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
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: Pick<DamagedStreams, 'find'>,
  ) {}

  /**
   * `allowedActions` for the detail of case `caseId`: none while the process knows its stream is
   * damaged (every command on it answers 503 then, StreamChainCheck), with the sign saying why;
   * otherwise those `of` finds.
   */
  async shownTo(actor: Actor, caseId: string, state: OpenedCase): Promise<AllowedActionsShown> {
    const recordDamaged = await recordDamagedSign(actor, caseStream(caseId), {
      damaged: this.damaged,
      events: this.events,
    });
    if (!recordDamaged) return { allowedActions: await this.of(actor, state) };
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
