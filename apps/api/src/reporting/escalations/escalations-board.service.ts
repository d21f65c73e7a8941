import { Inject, Injectable, Optional } from '@nestjs/common';
import { statusUpdatesOwer } from '@casetrail/domain';
import type { FindOptions, ReadModelStore, Where } from '@casetrail/readmodels';
import type { EscalationEntry } from '@casetrail/readmodels/reporting/escalation-board';
import { ESCALATIONS } from '@casetrail/readmodels/reporting/reporting-collections';
import { CustomerDirectory } from '../../accounts/customer-directory';
import { STAFF_EMAIL_DOMAINS } from '../../config/staff-email-domains';
import type { Actor } from '../../auth/actor';
import {
  assigneeVouchingOfEach,
  seesAssigneeVouching,
  type AssigneeVouching,
} from '../../cases/queries/assignee-vouching';
import { CLOCK, Clock } from '../../runtime/runtime';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';
import { ReportingAccess } from '../access/reporting-scope';
import {
  READ_YOUR_WRITES_PROJECTIONS,
  REPORTING_PROJECTION,
  type WatchedProjection,
} from '../../projections/projection-catch-up';
import { escalationOutOfReach } from '../../cases/queries/escalation-reach';
import type { BoardState, EscalationsBoardQuery } from './escalations-board.query';
import { boardCaseZones } from './board-case-zones';
import { isOverdueEscalation, overdueEscalationConditions } from './escalation-overdue';

/** A board entry with what is owed next, judged now. */
export interface EscalationBoardItem extends Omit<EscalationEntry, 'nextDueAt'> {
  /** What the engineers owe next: the acknowledgement or the next status update (null once ended). */
  nextDue: 'acknowledgement' | 'status-update' | null;
  nextDueAt: string | null;
  /** Past `nextDueAt` now, whether or not the overdue timer has fired yet. */
  overdue: boolean;
  /** Milliseconds until `nextDueAt` (negative once overdue). */
  dueInMs: number | null;
  /** Who owes its status updates now (the domain's rule); null until acknowledged and once ended. */
  statusUpdatesOwedBy: string | null;
}

/**
 * A board row as the API sends it: the entry, its case's time zone (IANA), read with the page, and,
 * for the vendor's staff, whether the records vouch for its assignee.
 */
export type EscalationBoardRow = EscalationBoardItem & AssigneeVouching & { timeZone: string };

/**
 * The board's entries are the reporting projection's; each row's case time zone, assignee vouching
 * and who can still act are read off the cases, accounts and licences read models.
 */
const BOARD_READ_MODELS: readonly WatchedProjection[] = [
  REPORTING_PROJECTION,
  ...READ_YOUR_WRITES_PROJECTIONS,
];

/** The open and overdue boards: Mission Critical first (true sorts after false), then soonest due. */
const WORK_ORDER: FindOptions['orderBy'] = [
  { field: 'missionCritical', direction: 'desc' },
  { field: 'nextDueAt', direction: 'asc' },
];
/** Every escalation, latest first. */
const HISTORY_ORDER: FindOptions['orderBy'] = [{ field: 'escalatedAt', direction: 'desc' }];

/**
 * The escalations board: open escalations, Mission Critical ones first (DOMAIN.md: their cases
 * have the highest priority in every queue, as in the case queues), then most urgent first (what
 * is owed soonest, overdue ones on top); or every escalation, latest first. Overdue is decided at
 * query time by a range query on the indexed due instant. Every entry, ended ones too, shows its
 * case as it stands now (the reporting projection keeps them so), so the severity filter finds what
 * the board shows and Mission Critical entries are those whose case has the cover now.
 */
@Injectable()
export class EscalationsBoardService {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ReportingAccess) private readonly access: ReportingAccess,
    @Optional() @Inject(STAFF_EMAIL_DOMAINS) staffDomains?: readonly string[] | null,
  ) {
    this.directory = CustomerDirectory.asTheyStand(readModels, staffDomains ?? undefined);
  }

  /** Judges whether a row's assignee is vouched for, by the records as they stand. */
  private readonly directory: CustomerDirectory;

  async board(actor: Actor, query: EscalationsBoardQuery) {
    const scope = await this.access.scope(actor, query, BOARD_READ_MODELS);
    const state: BoardState = query.state ?? 'open';
    const now = this.clock.now().toISOString();
    const where: Where = {
      accountId: scope.accountId,
      product: scope.product,
      severity: query.severity,
      ...stateConditions(state, now),
    };
    const options: FindOptions = {
      where,
      orderBy: state === 'all' ? HISTORY_ORDER : WORK_ORDER,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    };
    const page = await this.readModels.find<EscalationEntry>(ESCALATIONS, options);
    const nowMs = Date.parse(now);
    const zoneOf = await boardCaseZones(
      this.readModels,
      page.items.map((entry) => entry.caseId),
    );
    const vouching = await this.assigneeVouchingOf(actor, page.items);
    return {
      state,
      asOf: now,
      // Whose accounts the board shows (a CSM's: only their accounts), as the reports say it.
      scope: scope.coverage,
      items: await Promise.all(
        page.items.map(async (entry, index): Promise<EscalationBoardRow> => ({
          ...(await this.item(entry, now, nowMs)),
          ...vouching[index],
          timeZone: zoneOf(entry.caseId),
        })),
      ),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /**
   * For the vendor's staff, whether the records vouch for each row's assignee, as the queue rows and
   * the case detail tell them (assigneeVouching): the board names the case's assignee, and one
   * nobody vouches for gets none of its mail. Judged at the read, the page's distinct assignees
   * together. A customer's compliance auditor is not told (seesAssigneeVouching).
   */
  private async assigneeVouchingOf(
    actor: Actor,
    entries: readonly EscalationEntry[],
  ): Promise<AssigneeVouching[]> {
    if (!seesAssigneeVouching(actor)) return entries.map(() => ({}));
    return assigneeVouchingOfEach(
      this.directory,
      entries.map((entry) => ({ id: entry.caseId, accountId: entry.accountId, assignee: entry.assignee })),
    );
  }

  /** A row as the board shows it; who owes an acknowledged one is judged with who can still act. */
  private async item(entry: EscalationEntry, now: string, nowMs: number): Promise<EscalationBoardItem> {
    const owing = entry.open && entry.status === 'acknowledged';
    const outOfReach = owing ? await escalationOutOfReach(entry, this.readModels, this.directory) : undefined;
    return boardItem(entry, now, nowMs, outOfReach);
  }
}

function stateConditions(state: BoardState, now: string): Where {
  switch (state) {
    case 'open':
      return { open: true };
    case 'overdue':
      return overdueEscalationConditions(now);
    case 'all':
      return {};
  }
}

function boardItem(
  entry: EscalationEntry,
  now: string,
  nowMs: number,
  outOfReach: ((email: string) => boolean) | undefined,
): EscalationBoardItem {
  if (!entry.open)
    return {
      ...entry,
      nextDue: null,
      nextDueAt: null,
      overdue: false,
      dueInMs: null,
      statusUpdatesOwedBy: null,
    };
  return {
    ...entry,
    nextDue: entry.status === 'awaiting-acknowledgement' ? 'acknowledgement' : 'status-update',
    overdue: isOverdueEscalation(entry, now),
    dueInMs: Date.parse(entry.nextDueAt) - nowMs,
    statusUpdatesOwedBy: owedBy(entry, outOfReach),
  };
}

/**
 * Who owes an open escalation's status updates: the same rule as the alerts' "Owed by" line, passing
 * over who can no longer see the case ('support-team' when nobody who worked it can).
 */
function owedBy(entry: EscalationEntry, outOfReach: ((email: string) => boolean) | undefined): string | null {
  if (entry.status !== 'acknowledged' || entry.acknowledgedBy === null) return null;
  return statusUpdatesOwer({
    assignee: entry.assignee,
    acknowledgedBy: entry.acknowledgedBy,
    lastStatusUpdateBy: entry.lastStatusUpdateBy,
    ...(outOfReach ? { outOfReach } : {}),
  }).engineer;
}
