import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore, Where } from '@casetrail/readmodels';
import { CASE_SHARES, CASES, CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { Actor } from '../../auth/actor';
import { ProjectionCatchUp } from '../../projections/projection-catch-up';
import { EVENT_STORE, READ_MODEL_STORE } from '../../storage/storage.tokens';
import { caseStream } from '../commands/case-command';
import { ActorReachReader } from './actor-reach';
import { maySeeCase, seesEveryCase, visibleCasesConditions } from './case-visibility';

/** The one place that answers "may this actor see this case", for commands and queries alike. */
@Injectable()
export class CaseAccess {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(ActorReachReader) private readonly reach: ActorReachReader,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
  ) {}

  /** The case's read-model row, or 404 (the same answer whether it is missing or hidden). */
  async requireVisible(actor: Actor, caseId: string): Promise<CaseDocument> {
    return (await this.requireVisibleForCommand(actor, caseId)).doc;
  }

  /**
   * As `requireVisible`, and whether the actor sees the case only because it is shared with them:
   * that one ground lives in the case's own stream, so a command must find it still there in the
   * state it is decided on (an unshare may be stored meanwhile; see ExecuteCaseCommand).
   */
  async requireVisibleForCommand(
    actor: Actor,
    caseId: string,
  ): Promise<{ doc: CaseDocument; throughShareOnly: boolean }> {
    const doc = await this.findCase(caseId);
    const ground = doc ? await this.groundOf(actor, doc) : 'none';
    if (!doc || ground === 'none') throw caseNotFound(caseId);
    return { doc, throughShareOnly: ground === 'share-only' };
  }

  async maySee(actor: Actor, doc: CaseDocument): Promise<boolean> {
    return (await this.groundOf(actor, doc)) !== 'none';
  }

  /**
   * Whether the actor sees the case otherwise than through a share of it alone: a person a single
   * case is shared with (often outside the customer's company) does not get the account's case
   * team, their emails and notification choices, with it; the account's own people and staff do.
   */
  async seesAccountTeam(actor: Actor, doc: CaseDocument): Promise<boolean> {
    return (await this.groundOf(actor, doc)) === 'own';
  }

  /** Conditions (OR) restricting a case query to what the actor may see; undefined: everything. */
  async visibleConditions(actor: Actor): Promise<Where[] | undefined> {
    if (seesEveryCase(actor)) return undefined;
    const reach = await this.reach.reachOf(actor);
    const shares = await this.readModels.find<{ caseId: string }>(CASE_SHARES, {
      where: { email: actor.email },
      limit: 1000,
    });
    return visibleCasesConditions(
      actor,
      reach,
      shares.items.map((share) => share.caseId),
    );
  }

  /**
   * Why the actor sees the case: as staff or through the account (`own`), only because it is
   * shared with them (`share-only`), or not at all.
   */
  private async groundOf(actor: Actor, doc: CaseDocument): Promise<'own' | 'share-only' | 'none'> {
    // Staff need no relationship lookups (this runs before every case command and query).
    if (seesEveryCase(actor)) return 'own';
    const reach = await this.reach.reachOf(actor);
    if (maySeeCase(actor, reach, { ...doc, sharedWith: [] })) return 'own';
    const shares = doc.state.shares.map((share) => share.email);
    return maySeeCase(actor, reach, { ...doc, sharedWith: shares }) ? 'share-only' : 'none';
  }

  /**
   * The case's read-model document, including every event of the case stored so far: a command
   * or read right after another request's write (an opening, an unshare) must judge the case as
   * written. Missing or behind the stream's last revision, it waits for the cases projection to
   * reach that event, once (bounded), and reads again.
   */
  private async findCase(caseId: string): Promise<CaseDocument | undefined> {
    const doc = await this.readModels.get<CaseDocument>(CASES, caseId);
    const [last] = await this.events.readStream(caseStream(caseId), { direction: 'backwards', maxCount: 1 });
    if (!last || (doc && doc.revision >= last.revision)) return doc;
    await this.catchUp.waitFor(last.position, ['cases']);
    return this.readModels.get<CaseDocument>(CASES, caseId);
  }
}

export function caseNotFound(caseId: string): NotFoundException {
  return new NotFoundException(`No case ${caseId}`);
}
