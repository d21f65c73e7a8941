import { ForbiddenException, Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import {
  AccountEvent,
  AccountState,
  CaseEvent,
  CaseState,
  PolicyVersions,
  SupportPolicy,
  accountDecider,
  caseDecider,
  instantToMillis,
  isIsoInstant,
  statusUpdatesOwedBy,
} from '@casetrail/domain';
import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import {
  bothAlternatives,
  type FieldCondition,
  type FindOptions,
  type ReadModelStore,
  type Where,
} from '@casetrail/readmodels';
import { CASE_TEAM_MEMBERS, CaseTeamMemberView } from '@casetrail/readmodels/accounts/accounts.projection';
import { CaseDetail, caseDetail } from '@casetrail/readmodels/cases/case-detail';
import { CASES, CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { Actor, isStaff } from '../../auth/actor';
import { CLOCK, Clock, POLICY_VERSIONS, SUPPORT_POLICY } from '../../runtime/runtime';
import { DamagedStreams } from '../../storage/damaged-streams';
import { EVENT_STORE, READ_MODEL_STORE } from '../../storage/storage.tokens';
import { CaseAccess, caseNotFound } from '../access/case-access';
import { foldRecorded } from '../../shared/stream-state';
import { requireNoRevisionGap } from '../../shared/whole-stream';
import { caseStream } from '../commands/case-command';
import { accountStream } from '../../accounts/account-command';
import { businessCalendarOf } from '../../calendars/business-calendar-of';
import { ValidationProblemException } from '../../problems/validation-problem.exception';
import { requireExactTime } from '../../shared/exact-instant';
import { instantQueryMessage } from '../../shared/query-instant-message';
import { historyEntries } from './case-history';
import {
  chainMarkOf,
  isProven,
  markedEntries,
  readsLogPositions,
  verdictFor,
  type ChainMark,
  type MarkedHistoryEntry,
} from './history-integrity';
import { eventsAsOf, happenedAt } from './events-as-of';
import { openedAtWithin } from './opened-period';
import { goalOutcomeWhere, type GoalOutcomeFilters } from './goal-outcome-filter';
import { type CaseDetailShown, withLicenceTermsFor } from './licence-terms';
import { CustomerDirectory } from '../../accounts/customer-directory';
import { STAFF_EMAIL_DOMAINS } from '../../config/staff-email-domains';
import {
  assigneeVouching,
  assigneeVouchingOfEach,
  seesAssigneeVouching,
  type AssignedCase,
  type AssigneeJudges,
  type AssigneeVouching,
} from './assignee-vouching';
import { escalationOutOfReach } from './escalation-reach';
import { AllowedCaseActions, type AllowedActionsShown } from './allowed-actions';
import {
  ASSIGNEE_VOUCHED_FOR_VENDOR_STAFF,
  assigneeVouchedAlternatives,
  type AssigneeVouchedParam,
} from '../../queues/assignee-vouched-filter';

export type CaseDetailResponse = CaseDetailShown &
  AssigneeVouching & {
    team: { email: string; name: string; notify: boolean }[];
    /** The team is withheld from this reader (a share-only viewer), not empty: see TEAM_WITHHELD. */
    teamWithheld?: true;
    asOf?: string;
    /** `?asOf=` only, and only when the stream's hash chain is broken: see asOfIntegrity. */
    integrity?: AsOfIntegrity;
  };

/** A case's history, with the verdict on the chain it is read from. */
export interface CaseHistoryResponse {
  caseId: string;
  integrity: ChainMark;
  events: MarkedHistoryEntry[];
}

/** The chain's mark on a past state: whether that state rests on proven events only. */
export type AsOfIntegrity = ChainMark & {
  /**
   * Every event the state was folded from, and the first one left out (whose time decided the
   * cut), lies before the broken link: the state is one the case provably had at `asOf`.
   */
  stateProven: boolean;
};

export interface CaseListFilters extends GoalOutcomeFilters {
  accountId?: string;
  status?: string;
  severity?: number;
  openedFrom?: string;
  openedTo?: string;
  /** Every recorded spelling of the product asked for (LicensedProducts.requireSpellings). */
  product?: FieldCondition;
  /** The queues' filter of the same name (assigneeVouchedAlternatives), over every case. */
  assigneeVouched?: AssigneeVouchedParam;
  limit: number;
  cursor?: string;
}

@Injectable()
export class CaseQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(POLICY_VERSIONS) versions?: PolicyVersions,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: DamagedStreams,
    @Optional() @Inject(STAFF_EMAIL_DOMAINS) staffDomains?: readonly string[] | null,
  ) {
    this.versions = versions ?? new PolicyVersions(policy);
    this.directory = CustomerDirectory.asTheyStand(readModels, staffDomains ?? undefined);
  }

  /** Judges the assignee for staff reading the detail, by the records as they stand. */
  private readonly directory: CustomerDirectory;

  /** The recorded policy versions: a target's business time is counted on its own version's calendars. */
  private readonly versions: PolicyVersions;

  /** What the caller may do on the case now (the live detail only). */
  @Inject(AllowedCaseActions) private readonly allowedActions!: AllowedCaseActions;

  /** The live detail, from the read model, with time-dependent values evaluated now. */
  async detail(caller: Actor, caseId: string): Promise<CaseDetailResponse & AllowedActionsShown> {
    // Judged from here on for the caller as they stand on this case (CaseAccess.requireVisible).
    const { doc, actor } = await this.access.requireVisible(caller, caseId);
    const allowed = await this.allowedActions.shownTo(actor, caseId, doc.state);
    const detail = withLicenceTermsFor(
      this.detailOf(doc.state, doc.revision, this.clock.now().toISOString()),
      (await this.access.licenceTermsSight(actor))(doc),
    );
    if (!(await this.access.seesAccountTeam(actor, doc))) {
      return { ...asShareOnlyViewer(detail, actor), ...TEAM_WITHHELD(), ...allowed };
    }
    const withOwerInReach = await this.owerInReach(detail, doc.state);
    const vouching = seesAssigneeVouching(actor)
      ? await assigneeVouching(this.directory, doc.state.assignee, { accountId: doc.accountId, caseId })
      : {};
    return { ...(await this.withTeam(withOwerInReach)), ...vouching, ...allowed };
  }

  /**
   * The case exactly as it stood at `asOf`: its stream up to the first event that happened after
   * then (see eventsAsOf), folded, evaluated then, with the account's case team as it stood then
   * (from the account's own stream, cut the same way). Refused (503) while the stream is known to
   * have lost events: its end (see requireVisibleWholeStream) or one inside it (requireNoRevisionGap).
   */
  async detailAsOf(caller: Actor, caseId: string, asOf: string): Promise<CaseDetailResponse> {
    const asOfMs = this.requirePastInstant(asOf);
    const { doc, actor } = await this.access.requireVisibleWholeStream(caller, caseId);
    const stream = await this.events.readStream(caseStream(caseId));
    // A hole inside the stream (its end, which requireVisibleWholeStream checked, still the one the
    // read models applied): folded, it would show a state the case never had, or "did not exist yet".
    requireNoRevisionGap(caseStream(caseId), stream, 'read');
    const events = eventsAsOf(stream, asOfMs);
    const state = foldRecorded<CaseState, CaseEvent>(caseDecider, events);
    if (state.status === 'none') {
      // The time the cut compares with: asOf at that instant shows the case.
      const first = stream[0] ? `: its first event happened at ${happenedAt(stream[0])}` : '';
      throw new NotFoundException(`Case ${caseId} did not exist yet at ${asOf}${first}`);
    }
    const at = new Date(asOfMs).toISOString();
    // The revision of the last event folded: the state is the stream's up to there.
    const detail = withLicenceTermsFor(
      this.detailOf(state, events.at(-1)!.revision, at),
      (await this.access.licenceTermsSight(actor))(doc),
    );
    const judged = asOfIntegrity(stream, detail.revision);
    if (judged.integrity) this.damaged?.noticeChain(caseStream(caseId), judged.integrity);
    const integrity = judged.integrity ? { integrity: verdictFor(actor, judged.integrity) } : judged;
    if (!(await this.access.seesAccountTeam(actor, doc))) {
      return { ...asShareOnlyViewer(detail, actor), ...TEAM_WITHHELD(), asOf: at, ...integrity };
    }
    const account = foldRecorded<AccountState, AccountEvent>(
      accountDecider,
      eventsAsOf(await this.events.readStream(accountStream(state.accountId)), asOfMs),
    );
    const team =
      account.status === 'registered'
        ? account.caseTeam.map(({ email, name, notify }) => ({ email, name, notify }))
        : [];
    return { ...detail, team, asOf: at, ...integrity };
  }

  /** An instant with an offset, not in the future: there is no state to show for it yet. */
  private requirePastInstant(asOf: string): number {
    // Hour 24 and digits past the millisecond, which Date.parse bends, are refused as the dashboard refuses them.
    requireExactTime('asOf', asOf);
    if (!isIsoInstant(asOf)) {
      throw new ValidationProblemException([
        {
          field: 'asOf',
          message: instantQueryMessage(
            'asOf',
            'an ISO-8601 instant with a time zone offset (Z or +hh:mm)',
            asOf,
          ),
        },
      ]);
    }
    const asOfMs = instantToMillis(asOf);
    // The store stamps events with the wall clock, while the application's clock may be moved
    // (tests, simulations): only an instant after both is in the future.
    if (asOfMs > Math.max(this.clock.now().getTime(), Date.now())) {
      throw new ValidationProblemException([
        {
          field: 'asOf',
          message: 'asOf must not be in the future: nothing is known yet about later instants',
        },
      ]);
    }
    return asOfMs;
  }

  /**
   * Every event of the case, each shown as much as the actor may read of it: someone let in only by
   * a share reads the other shares as the detail shows them (not at all), see historyEntries.
   * Refused (503) while the stream is known to have lost events: see requireVisibleWholeStream.
   */
  async history(caller: Actor, caseId: string): Promise<CaseHistoryResponse> {
    // A CSM let in by a share reads it as a sharee: internal notes redacted (CaseAccess.requireVisible).
    const { doc, actor } = await this.access.requireVisibleWholeStream(caller, caseId);
    const events = await this.events.readStream(caseStream(caseId));
    if (events.length === 0) throw caseNotFound(caseId);
    const shareOnly = !(await this.access.seesAccountTeam(actor, doc));
    const seesTerms = (await this.access.licenceTermsSight(actor))(doc);
    const viewer = {
      staff: isStaff(actor),
      ...(readsLogPositions(actor) ? {} : { positionsWithheld: true }),
      email: actor.email,
      ...(shareOnly ? { shareOnly: actor.email } : {}),
      ...(seesTerms ? {} : { licenceTermsWithheld: true }),
    };
    // Judged on the stored events, whole: what a viewer may not read still counts in the chain.
    const integrity = chainMarkOf(events);
    this.damaged?.noticeChain(caseStream(caseId), integrity);
    return {
      caseId,
      integrity: verdictFor(actor, integrity),
      events: markedEntries(historyEntries(events, viewer), integrity),
    };
  }

  async list(actor: Actor, filters: CaseListFilters) {
    const now = this.clock.now().toISOString();
    // Missed is asked of now, as the dashboard asks it: a running target past due is missed.
    const where: Where = goalOutcomeWhere(filters, now);
    if (filters.accountId) where.accountId = filters.accountId;
    if (filters.status) where.status = filters.status;
    if (filters.severity) where.severity = filters.severity;
    if (filters.product !== undefined) where.product = filters.product;
    const openedAt = openedAtWithin(filters.openedFrom, filters.openedTo);
    if (openedAt) where.openedAt = openedAt;
    const vouched = await this.assigneeVouchedFilter(actor, filters.assigneeVouched);
    const anyOf = bothAlternatives(await this.access.visibleConditions(actor), vouched?.anyOf);
    const options: FindOptions = {
      where,
      ...(anyOf ? { anyOf } : {}),
      orderBy: [{ field: 'openedAt', direction: 'desc' }],
      limit: filters.limit,
      cursor: filters.cursor,
      // The period is the client's: a cursor of another period would skip or repeat its cases.
      clientRanges: ['openedAt'],
      // Carried as alternatives, not in `where`: the cursor is bound to the value asked for here.
      clientFilters: { assigneeVouched: filters.assigneeVouched },
    };
    const page = await this.findPage(options);
    const seesAccountTeam = await this.access.accountTeamSight(actor);
    const seesTerms = await this.access.licenceTermsSight(actor);
    const items = page.items.map((doc) => {
      const detail = withLicenceTermsFor(this.detailOf(doc.state, doc.revision, now), seesTerms(doc));
      return seesAccountTeam(doc) ? detail : asShareOnlyViewer(detail, actor);
    });
    // Only on the rows whose detail tells the actor (actorOnCase): a CSM's own accounts' cases.
    const staffOn = await this.access.staffSight(actor);
    return {
      items: await this.withAssigneeVouching(actor, items, vouched?.judges, staffOn),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /**
   * `?assigneeVouched=` on the case list: the queues' filter (assigneeVouchedAlternatives) over
   * every case, closed ones too; refused (403) to whoever is not shown the rows' verdict.
   */
  private async assigneeVouchedFilter(actor: Actor, wanted: AssigneeVouchedParam | undefined) {
    if (wanted === undefined) return undefined;
    if (!seesAssigneeVouching(actor)) throw new ForbiddenException(ASSIGNEE_VOUCHED_FOR_VENDOR_STAFF);
    // A CSM's own accounts only, as the queues': the verdict on another account's case is not theirs to read.
    return assigneeVouchedAlternatives(this, wanted, await this.access.staffAccountsOf(actor), 'every');
  }

  /**
   * A page of cases with, for the vendor's staff (seesAssigneeVouching), whether the records vouch for each one's assignee, as the
   * detail tells them (assigneeVouching): a duty manager scanning a queue sees a case left with
   * someone nobody vouches for (whose mail is held back) without opening it. Judged at the read,
   * each distinct assignee once; customers are shown the page as it is, and a CSM only the rows
   * `shownOn` keeps (the case list: their own accounts' cases, see CaseAccess.staffSight).
   */
  async withAssigneeVouching<Row extends AssignedCase>(
    actor: Actor,
    rows: Row[],
    judged?: AssigneeJudges,
    shownOn: (row: Row) => boolean = () => true,
  ): Promise<(Row & AssigneeVouching)[]> {
    if (!seesAssigneeVouching(actor)) return rows;
    const shown = rows.filter(shownOn);
    const vouching = await assigneeVouchingOfEach(this.directory, shown, judged);
    const byRow = new Map(shown.map((row, index) => [row, vouching[index]]));
    return rows.map((row) => ({ ...row, ...byRow.get(row) }));
  }

  /**
   * How each assignee stands on each account's cases, by the records as they stand: the queues'
   * `assigneeVouched` filter judges with the very rule the rows' `assigneeVouched` shows.
   */
  assigneeStandings(assignees: readonly string[]): Promise<AssigneeJudges> {
    return this.directory.assigneeStandings(assignees);
  }

  /** A malformed cursor surfaces as the store's InvalidCursorError: 400 naming `cursor`. */
  /**
   * Who owes the open escalation's status updates, passing over who can no longer see the case, as
   * the board and the overdue alert name them (the stored detail applies the rule without those facts).
   */
  private async owerInReach<Detail extends CaseDetailShown>(
    detail: Detail,
    state: CaseState,
  ): Promise<Detail> {
    if (state.status === 'none' || detail.escalation?.statusUpdatesOwedBy === undefined) return detail;
    const outOfReach = await escalationOutOfReach(
      { caseId: state.caseId, accountId: state.accountId, assignee: state.assignee },
      this.readModels,
      this.directory,
    );
    const owes = statusUpdatesOwedBy(state, outOfReach);
    return owes
      ? { ...detail, escalation: { ...detail.escalation, statusUpdatesOwedBy: owes.engineer } }
      : detail;
  }

  /** How many cases match one of `anyOf` (an index's count, no document read). */
  countCases(anyOf: Where[]): Promise<number> {
    return this.readModels.count(CASES, undefined, anyOf);
  }

  findPage(options: FindOptions) {
    return this.readModels.find<CaseDocument>(CASES, options);
  }

  detailOf(state: CaseState, revision: number, now: string): CaseDetail {
    if (state.status === 'none') throw new Error('detailOf called for a case that was never opened');
    return caseDetail(
      state,
      revision,
      now,
      (target) => businessCalendarOf(this.versions.policyOf(target.policyVersion), state).calendar,
    );
  }

  private async withTeam(detail: CaseDetailShown): Promise<CaseDetailResponse> {
    const team = await this.readModels.find<CaseTeamMemberView>(CASE_TEAM_MEMBERS, {
      where: { accountId: detail.accountId },
      limit: 500,
    });
    return { ...detail, team: team.items.map(({ email, name, notify }) => ({ email, name, notify })) };
  }
}

/**
 * `integrity` for a past state of the case folded up to `revision`, present only when the stream's
 * chain is broken: a past state over a whole chain keeps the live detail's shape. The cut depends on
 * the time of the first event left out too, so that event must be proven for the state to be.
 */
function asOfIntegrity(stream: readonly RecordedEvent[], revision: number): { integrity?: AsOfIntegrity } {
  const mark = chainMarkOf(stream);
  if (mark.valid) return {};
  return { integrity: { ...mark, stateProven: isProven(revision + 1, mark) } };
}

/**
 * The case team as a share-only viewer gets it (asShareOnlyViewer): none listed, and marked withheld,
 * so a client does not tell them the account has none.
 */
const TEAM_WITHHELD = (): Pick<CaseDetailResponse, 'team' | 'teamWithheld'> => ({
  team: [],
  teamWithheld: true,
});

/**
 * The case as someone sees it who is let in only because it was shared with them. Such a person,
 * often from outside the customer's company, gets neither the account's case team (`team: []`, `teamWithheld: true`) nor
 * the case's other shares: each share lets one person in, and does not tell them who else the
 * case was shared with, or by whom (emails the others never agreed to show them). Their own entry
 * stays: they know they are on the case and who shared it with them. The account's own people and
 * staff see every share; notifications are unaffected.
 */
function asShareOnlyViewer(detail: CaseDetailShown, actor: Actor): CaseDetailShown {
  return { ...detail, shares: detail.shares.filter((share) => share.email === actor.email) };
}
