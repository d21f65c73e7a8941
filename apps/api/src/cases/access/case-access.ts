import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { normalizeEmail, type CaseOpened } from '@casetrail/domain';
import { UnreadableEventError, type EventStore, type RecordedEvent } from '@casetrail/eventstore';
import type { ReadModelStore, Where } from '@casetrail/readmodels';
import { CASE_SHARES, CASES, CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { Actor, isStaff } from '../../auth/actor';
import { ProjectionCatchUp } from '../../projections/projection-catch-up';
import { ReadModelsBehindException } from '../../problems/read-models-behind.exception';
import { EVENT_STORE, READ_MODEL_STORE } from '../../storage/storage.tokens';
import { caseStream } from '../commands/case-command';
import {
  LostEventsEvidence,
  StorageInconsistentException,
} from '../../problems/storage-inconsistent.exception';
import { ActorReach, ActorReachReader } from './actor-reach';
import { lostEventsEvidence, rowAgainstStream } from './case-row-against-stream';
import { CaseVisibilityFacts, seesEveryCase, visibleCasesConditions } from './case-visibility';
import {
  CommandGround,
  LASTING_GROUND,
  actorOnCase,
  commandGroundOf,
  isShareOnly,
  staffOnAccount,
} from './command-ground';

/**
 * A case the actor may see, and the actor as they stand on it (actorOnCase): what they read and may
 * do there is judged for that actor, so a CSM let in by a customer's share reads and acts as a sharee.
 */
export interface VisibleCase {
  doc: CaseDocument;
  actor: Actor;
}

/** The one place that answers "may this actor see this case", for commands and queries alike. */
@Injectable()
export class CaseAccess {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(ActorReachReader) private readonly reach: ActorReachReader,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
  ) {}

  /**
   * The case's read-model row, or 404 (the same answer whether it is missing or hidden). A row whose
   * stream lost events is still shown: reading changes nothing, and the row is what was applied
   * (the lost events' effects included), so the detail is not a shortened story; `/integrity`
   * reports the loss. A case stored but not yet applied after the bounded wait is 503
   * (ReadModelsBehindException) to those its stream shows may see it (staff, its opener), and 404
   * to everyone else. So is a case whose stream's last stored row cannot be read: 503
   * `stored-event-unreadable` to those who may see it, and to everyone else the 404 of a case that
   * does not exist.
   */
  async requireVisible(actor: Actor, caseId: string): Promise<VisibleCase> {
    const { doc, onCase } = await this.visibleCase(actor, caseId);
    return { doc, actor: onCase };
  }

  /**
   * As `requireVisible`, for the integrity check (`/integrity`): a stream whose last stored row
   * cannot be read is what that check reports, row by row, so it is let through to those who may
   * see the case instead of refused (still 404 to everyone else).
   */
  async requireVisibleToAudit(actor: Actor, caseId: string): Promise<VisibleCase> {
    const { doc, onCase } = await this.visibleCase(actor, caseId, { unreadableEnd: 'reported' });
    return { doc, actor: onCase };
  }

  /**
   * As `requireVisible`, for a read replayed from the case's stream (the history, `?asOf=`). Refused
   * with 503 `storage-inconsistent` when the stream lost events its row had applied: what is left is
   * a shorter story that reads as whole (the history ends before the lost events, with nothing to say
   * so, and `?asOf=` contradicts the detail), and an auditor must not take it for the case's history.
   * Which instants the lost events belonged to cannot be read from a stream that no longer holds
   * them, so every `asOf` is refused, not only the later ones. The evidence is for staff (see
   * StoreDamageAudience); `/integrity` reports the loss, and `casetrail replay` shows what is left.
   * An event lost from inside the stream is found by the reader once it has the stream whole
   * (requireNoRevisionGap); the history shows such a hole, marked, instead.
   */
  async requireVisibleWholeStream(actor: Actor, caseId: string): Promise<VisibleCase> {
    const { doc, lostEvents, onCase } = await this.visibleCase(actor, caseId);
    // Only once the case is known visible: no one who may not see it learns it exists.
    if (lostEvents) throw new StorageInconsistentException(lostEvents, 'read');
    return { doc, actor: onCase };
  }

  /**
   * As `requireVisible`, and the ground the actor is let in on: a command must find it again in the
   * records it lives in when it is decided (a removal may be stored meanwhile; see ExecuteCaseCommand
   * and CommandGround). Refuses, too, a case whose stream lost events its row had applied: decided on
   * what is left, the command would be stored under a lost event's revision, and the lost event could
   * no longer be named. The row and the stream's end are those read for visibility: no extra read.
   * An event lost from inside the stream leaves its end as the row applied it: the decision, which
   * reads the stream whole, refuses that (see requireNoRevisionGap in DecisionRunner).
   */
  async requireVisibleForCommand(
    actor: Actor,
    caseId: string,
  ): Promise<VisibleCase & { ground: CommandGround }> {
    const { doc, ground, lostEvents, onCase } = await this.visibleCase(actor, caseId);
    // Only once the case is known visible: no one who may not see it learns it exists.
    if (lostEvents) throw new StorageInconsistentException(lostEvents);
    return { doc, ground, actor: onCase };
  }

  private async visibleCase(
    actor: Actor,
    caseId: string,
    options: { unreadableEnd: 'refused' | 'reported' } = { unreadableEnd: 'refused' },
  ): Promise<{
    doc: CaseDocument;
    ground: CommandGround;
    onCase: Actor;
    lostEvents?: LostEventsEvidence;
  }> {
    const { doc, lostEvents, opening, unreadable } = await this.findCase(caseId);
    if (!doc && (opening || unreadable) && this.mayKnowOf(actor, opening)) {
      throw unreadable ?? new ReadModelsBehindException(caseId);
    }
    // The caller's reach is read whether or not there is a case: an id nobody opened then costs what
    // a case hidden from them does, so the time of the 404 does not tell the two apart.
    const reach = await this.relationsOf(actor);
    const ground = doc ? groundWithin(actor, reach, doc) : undefined;
    if (!doc || !ground) throw caseNotFound(caseId);
    // Only once the case is known visible: a stranger gets the 404 of a case that does not exist,
    // not a 503 that says it does.
    if (unreadable && options.unreadableEnd === 'refused') throw unreadable;
    return { doc, ground, onCase: actorOnCase(actor, reach, doc.accountId), lostEvents };
  }

  async maySee(actor: Actor, doc: CaseDocument): Promise<boolean> {
    return (await this.groundOf(actor, doc)) !== undefined;
  }

  /**
   * Whether the actor sees the case otherwise than through a share of it alone: a person a single
   * case is shared with (often outside the customer's company) does not get the account's case
   * team, their emails and notification choices, with it; the account's own people and staff do.
   * For the same reason they see only their own share of the case (CaseQueries' asShareOnlyViewer).
   */
  async seesAccountTeam(actor: Actor, doc: CaseDocument): Promise<boolean> {
    return (await this.accountTeamSight(actor))(doc);
  }

  /** `seesAccountTeam` for a page of cases: the actor's relationships are read once, not per case. */
  async accountTeamSight(actor: Actor): Promise<(doc: CaseDocument) => boolean> {
    if (seesEveryCase(actor)) return () => true;
    const reach = await this.reach.reachOf(actor);
    return (doc) => {
      const ground = commandGroundOf(actor, reach, visibilityFactsOf(doc));
      return ground !== undefined && !isShareOnly(ground);
    };
  }

  /**
   * Whether the actor reads the terms of the licence a case was opened under (its edition, the
   * account's plan and Mission Critical cover), for a page of cases. DOMAIN.md lets a sharee or a
   * case-team member (who may come from another company, a competitor even) see and update the
   * case, not learn what the owning customer bought: the account view refuses them those terms
   * (AccountQueries), so the case's detail, list, as-of and history withhold them too. Staff read
   * them, a CSM on the accounts they are CSM of (another account's case shared with them, they read
   * as its sharee: actorOnCase), as do the case's opener and the account's own people
   * (licenseeAccountsOf).
   */
  async licenceTermsSight(actor: Actor): Promise<(doc: CaseDocument) => boolean> {
    if (seesEveryCase(actor) || actor.auditedAccounts) return () => true;
    const [accounts, csmAccounts] = await Promise.all([
      this.reach.licenseeAccountsOf(actor),
      isStaff(actor) ? this.reach.reachOf(actor).then((reach) => reach.csmAccounts) : ([] as string[]),
    ]);
    return (doc) =>
      doc.openedBy === actor.email || accounts.has(doc.accountId) || csmAccounts.includes(doc.accountId);
  }

  /**
   * actorOnCase for a page of cases: whether the actor's staff role holds on each (a CSM on the
   * accounts they are CSM of), so a list row tells them no more than the case's detail does.
   */
  async staffSight(actor: Actor): Promise<(doc: { accountId: string }) => boolean> {
    if (!isStaff(actor)) return () => false;
    const reach = await this.relationsOf(actor);
    return (doc) => staffOnAccount(actor, reach, doc.accountId);
  }

  /** The accounts the actor is staff on (a CSM's, a customer's compliance auditor's); undefined: all. */
  staffAccountsOf(actor: Actor): Promise<string[] | undefined> {
    return this.reach.staffAccountsOf(actor);
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

  /** Why the actor sees the case (see CommandGround), or undefined when they may not. */
  private async groundOf(actor: Actor, doc: CaseDocument): Promise<CommandGround | undefined> {
    return groundWithin(actor, await this.relationsOf(actor), doc);
  }

  /** The actor's reach; none for those who see every case, who need no relationship lookups (this runs before every case command and query). */
  private async relationsOf(actor: Actor): Promise<ActorReach | undefined> {
    return seesEveryCase(actor) ? undefined : this.reach.reachOf(actor);
  }

  /**
   * The case's read-model document, including every event of the case stored so far: a command
   * or read right after another request's write (an opening, an unshare) must judge the case as
   * written. Missing or behind the stream's last revision, it waits for the cases projection to
   * reach that event, once (bounded), and reads again. Ahead of the stream (`lostEvents`), it is
   * returned as it is: the detail may still show it, commands and reads replayed from the stream
   * refuse it.
   */
  /**
   * Whether the stream alone shows the actor may see a case the read models have not applied yet:
   * staff see every case (a customer's compliance auditor their accounts'), and the opener theirs. Other grounds (case team, shares, see-shared) live
   * in the read models; until they show the case, those people get 404 as anyone else does.
   */
  private mayKnowOf(actor: Actor, opening: RecordedEvent | undefined): boolean {
    if (seesEveryCase(actor)) return true;
    // An opening that cannot be read names no opener: only staff may know of the case then.
    if (!opening) return false;
    const { openedBy, accountId } = opening.data as Partial<CaseOpened['data']>;
    // A customer's compliance auditor, as staff do, for exactly the accounts their token names.
    if (actor.auditedAccounts) return accountId !== undefined && actor.auditedAccounts.includes(accountId);
    return openedBy !== undefined && normalizeEmail(openedBy.email) === normalizeEmail(actor.email);
  }

  private async findCase(caseId: string): Promise<{
    doc?: CaseDocument;
    lostEvents?: LostEventsEvidence;
    opening?: RecordedEvent;
    /** A row of the stream met while finding the case that cannot be read (its last, or its first). */
    unreadable?: UnreadableEventError;
  }> {
    // The row first, then the stream: read in this order, the row can lag behind the stream but is
    // never ahead of it unless the stream lost events (see rowAgainstStream).
    const doc = await this.readModels.get<CaseDocument>(CASES, caseId);
    const stream = caseStream(caseId);
    const end = await readableOrNot(() =>
      this.events.readStream(stream, { direction: 'backwards', maxCount: 1 }),
    );
    // The stream's last row cannot be read: the row cannot be held against it, and the error is
    // kept for visibleCase to answer with once it knows the actor may see the case. No wait for the
    // projections: they stop at a row they cannot read.
    if (end.unreadable && doc) return { doc, unreadable: end.unreadable };
    if (end.unreadable) return { ...(await this.openingOf(stream)), unreadable: end.unreadable };
    const [last] = end.events;
    const standing = doc ? rowAgainstStream(doc, last) : undefined;
    if (doc && standing === 'in-step') return { doc };
    if (doc && standing === 'lost-events') {
      return { doc, lostEvents: lostEventsEvidence(stream, doc, last) };
    }
    if (!last) return {};
    await this.catchUp.waitFor(last.position, ['cases']);
    const caughtUp = await this.readModels.get<CaseDocument>(CASES, caseId);
    if (caughtUp) return { doc: caughtUp };
    // Stored, and still not applied after the bounded wait: the projector is stopped or far behind.
    return this.openingOf(stream);
  }

  /** The case's first event, or the error of its row when it cannot be read (it names no opener then). */
  private async openingOf(
    stream: string,
  ): Promise<{ opening?: RecordedEvent; unreadable?: UnreadableEventError }> {
    const read = await readableOrNot(() => this.events.readStream(stream, { maxCount: 1 }));
    return read.unreadable ? { unreadable: read.unreadable } : { opening: read.events[0] };
  }
}

/** A read's events, or the error of a stored row it met that cannot be read (any other error is thrown). */
async function readableOrNot(
  read: () => Promise<RecordedEvent[]>,
): Promise<
  | { events: RecordedEvent[]; unreadable?: undefined }
  | { events?: undefined; unreadable: UnreadableEventError }
> {
  try {
    return { events: await read() };
  } catch (error) {
    if (error instanceof UnreadableEventError) return { unreadable: error };
    throw error;
  }
}

/** The ground within the actor's reach (none needed by those who see every case). */
function groundWithin(
  actor: Actor,
  reach: ActorReach | undefined,
  doc: CaseDocument,
): CommandGround | undefined {
  return reach ? commandGroundOf(actor, reach, visibilityFactsOf(doc)) : LASTING_GROUND;
}

function visibilityFactsOf(doc: CaseDocument): CaseVisibilityFacts {
  return { ...doc, sharedWith: doc.state.shares.map((share) => share.email) };
}

export function caseNotFound(caseId: string): NotFoundException {
  return new NotFoundException(`No case ${caseId}`);
}
