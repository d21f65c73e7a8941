import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CaseEvent, CaseState, SupportPolicy, calendarForAccount, caseDecider } from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import type { FindOptions, ReadModelStore, Where } from '@casetrail/readmodels';
import { CASE_TEAM_MEMBERS, CaseTeamMemberView } from '@casetrail/readmodels/accounts/accounts.projection';
import { CaseDetail, caseDetail } from '@casetrail/readmodels/cases/case-detail';
import { CASES, CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { Actor, isStaff } from '../../auth/actor';
import { CLOCK, Clock, SUPPORT_POLICY } from '../../runtime/runtime';
import { EVENT_STORE, READ_MODEL_STORE } from '../../storage/storage.tokens';
import { CaseAccess, caseNotFound } from '../access/case-access';
import { foldRecorded } from '../../shared/stream-state';
import { caseStream } from '../commands/case-command';
import { HistoryEntry, historyEntries } from './case-history';

export interface CaseDetailResponse extends CaseDetail {
  team: { email: string; name: string; notify: boolean }[];
  asOf?: string;
}

export interface CaseListFilters {
  accountId?: string;
  status?: string;
  severity?: number;
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
  ) {}

  /** The live detail, from the read model, with time-dependent values evaluated now. */
  async detail(actor: Actor, caseId: string): Promise<CaseDetailResponse> {
    const doc = await this.access.requireVisible(actor, caseId);
    return this.withTeam(this.detailOf(doc.state, doc.revision, this.clock.now().toISOString()));
  }

  /** The case exactly as it stood at `asOf`: its events recorded up to then, folded, evaluated then. */
  async detailAsOf(actor: Actor, caseId: string, asOf: string): Promise<CaseDetailResponse> {
    await this.access.requireVisible(actor, caseId);
    const events = (await this.events.readStream(caseStream(caseId))).filter(
      (event) => event.recordedAt <= asOf,
    );
    const state = foldRecorded<CaseState, CaseEvent>(caseDecider, events);
    if (state.status === 'none') throw new NotFoundException(`Case ${caseId} did not exist yet at ${asOf}`);
    // Team membership is not part of the case's stream; as-of shows the case's own facts.
    return { ...this.detailOf(state, events.length - 1, asOf), team: [], asOf };
  }

  async history(actor: Actor, caseId: string): Promise<{ caseId: string; events: HistoryEntry[] }> {
    await this.access.requireVisible(actor, caseId);
    const events = await this.events.readStream(caseStream(caseId));
    if (events.length === 0) throw caseNotFound(caseId);
    return { caseId, events: historyEntries(events, isStaff(actor)) };
  }

  async list(actor: Actor, filters: CaseListFilters) {
    const where: Where = {};
    if (filters.accountId) where.accountId = filters.accountId;
    if (filters.status) where.status = filters.status;
    if (filters.severity) where.severity = filters.severity;
    const anyOf = await this.access.visibleConditions(actor);
    const options: FindOptions = {
      where,
      ...(anyOf ? { anyOf } : {}),
      orderBy: [{ field: 'openedAt', direction: 'desc' }],
      limit: filters.limit,
      cursor: filters.cursor,
    };
    const page = await this.findPage(options);
    const now = this.clock.now().toISOString();
    return {
      items: page.items.map((doc) => this.detailOf(doc.state, doc.revision, now)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /** A malformed cursor surfaces as the store's InvalidCursorError: 422 naming `cursor`. */
  findPage(options: FindOptions) {
    return this.readModels.find<CaseDocument>(CASES, options);
  }

  detailOf(state: CaseState, revision: number, now: string): CaseDetail {
    if (state.status === 'none') throw new Error('detailOf called for a case that was never opened');
    return caseDetail(state, revision, now, calendarForAccount(this.policy, state.timeZone));
  }

  private async withTeam(detail: CaseDetail): Promise<CaseDetailResponse> {
    const team = await this.readModels.find<CaseTeamMemberView>(CASE_TEAM_MEMBERS, {
      where: { accountId: detail.accountId },
      limit: 500,
    });
    return { ...detail, team: team.items.map(({ email, name, notify }) => ({ email, name, notify })) };
  }
}
