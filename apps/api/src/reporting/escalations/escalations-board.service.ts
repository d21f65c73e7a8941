import { Inject, Injectable } from '@nestjs/common';
import type { FindOptions, ReadModelStore, Where } from '@casetrail/readmodels';
import type { EscalationEntry } from '@casetrail/readmodels/reporting/escalation-board';
import { ESCALATIONS, SLA_CASES } from '@casetrail/readmodels/reporting/reporting-collections';
import type { SlaCaseFacts } from '@casetrail/readmodels/reporting/sla-case-facts';
import { Actor } from '../../auth/actor';
import { CLOCK, Clock } from '../../runtime/runtime';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';
import { ReportingAccess } from '../access/reporting-scope';
import type { BoardState, EscalationsBoardQuery } from './escalations-board.query';

/** A board entry with what is owed next, judged now. */
export interface EscalationBoardItem extends Omit<EscalationEntry, 'nextDueAt'> {
  /** What the engineers owe next: the acknowledgement or the next status update (null once ended). */
  nextDue: 'acknowledgement' | 'status-update' | null;
  nextDueAt: string | null;
  /** Past `nextDueAt` now, whether or not the overdue timer has fired yet. */
  overdue: boolean;
  /** Milliseconds until `nextDueAt` (negative once overdue). */
  dueInMs: number | null;
}

/**
 * The escalations board: open escalations, most urgent first (what is owed soonest, overdue ones on
 * top), or every escalation, latest first. Overdue is decided at query time by a range query on
 * the indexed due instant.
 */
@Injectable()
export class EscalationsBoardService {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ReportingAccess) private readonly access: ReportingAccess,
  ) {}

  async board(actor: Actor, query: EscalationsBoardQuery) {
    const accountId = await this.access.accountCondition(actor, query.accountId);
    const state: BoardState = query.state ?? 'open';
    const now = this.clock.now().toISOString();
    const where: Where = {
      accountId,
      product: query.product,
      severity: query.severity,
      ...stateConditions(state, now),
    };
    const options: FindOptions = {
      where,
      orderBy:
        state === 'all'
          ? [{ field: 'escalatedAt', direction: 'desc' }]
          : [{ field: 'nextDueAt', direction: 'asc' }],
      limit: query.limit ?? 50,
      cursor: query.cursor,
    };
    const page = await this.readModels.find<EscalationEntry>(ESCALATIONS, options);
    const nowMs = Date.parse(now);
    const entries = await this.withCurrentCaseStatus(page.items);
    return {
      state,
      asOf: now,
      items: entries.map((entry) => boardItem(entry, now, nowMs)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /**
   * An ended escalation's entry stops following its case (the projection updates open ones only),
   * so its `caseStatus` would show the case as it was when the escalation ended: a case resolved
   * and reopened since still read "new". The board shows every case's status now, from its SLA
   * facts (one read per case of the page).
   */
  private async withCurrentCaseStatus(entries: EscalationEntry[]): Promise<EscalationEntry[]> {
    const caseIds = [...new Set(entries.filter((entry) => !entry.open).map((entry) => entry.caseId))];
    const facts = await Promise.all(caseIds.map((id) => this.readModels.get<SlaCaseFacts>(SLA_CASES, id)));
    const statusOf = new Map(facts.flatMap((fact) => (fact ? [[fact.id, fact.status] as const] : [])));
    return entries.map((entry) => {
      const status = entry.open ? undefined : statusOf.get(entry.caseId);
      return status === undefined ? entry : { ...entry, caseStatus: status };
    });
  }
}

function stateConditions(state: BoardState, now: string): Where {
  switch (state) {
    case 'open':
      return { open: true };
    case 'overdue':
      return { open: true, nextDueAt: { lte: now } };
    case 'all':
      return {};
  }
}

function boardItem(entry: EscalationEntry, now: string, nowMs: number): EscalationBoardItem {
  if (!entry.open) return { ...entry, nextDue: null, nextDueAt: null, overdue: false, dueInMs: null };
  return {
    ...entry,
    nextDue: entry.status === 'awaiting-acknowledgement' ? 'acknowledgement' : 'status-update',
    overdue: entry.nextDueAt <= now,
    dueInMs: Date.parse(entry.nextDueAt) - nowMs,
  };
}
