import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import { Actor, hasRole } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { chainVerdict, type ChainVerdict } from '../cases/case-integrity-report';
import { historyEntries, type HistoryEntry } from '../cases/queries/case-history';
import { licenceStream } from '../licences/licence-command';
import { ApiReadProblems } from '../problems/api-problem-responses';
import { CLOCK, Clock } from '../runtime/runtime';
import { ParseIdPipe } from '../shared/path-params';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import { EVENT_STORE } from '../storage/storage.tokens';
import { accountStream } from './account-command';

/** The verdict on an account's or a licence's hash chain (a case's: CaseIntegrityReport). */
export type RecordIntegrityReport = ChainVerdict & { checkedAt: string };

/**
 * The audit trail of the records a case's rights come from: who registered an account, changed its
 * case team or CSM, issued a licence, changed its terms, assigned, removed or re-permissioned a
 * licensed user, when and why; each event with its hash, and the chain checked on the server. A
 * case's history shows what was done on it; these show on what grounds people could. For admins
 * and auditors: the records name customers' people, and their changes are not case activity.
 */
@ApiReadProblems()
@ApiTags('accounts', 'licences')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1')
export class RecordHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('accounts/:accountId/history')
  @ApiOperation({ summary: "Every event of the account's record, with actor, time, reason and hashes" })
  async accountHistory(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ accountId: string; events: HistoryEntry[] }> {
    const events = await this.recordEvents(actor, accountStream(accountId), `account ${accountId}`);
    return { accountId, events: historyEntries(events, { staff: true }) };
  }

  @Get('licences/:licenceId/history')
  @ApiOperation({ summary: "Every event of the licence's record, with actor, time, reason and hashes" })
  async licenceHistory(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ licenceId: string; events: HistoryEntry[] }> {
    const events = await this.recordEvents(actor, licenceStream(licenceId), `licence ${licenceId}`);
    return { licenceId, events: historyEntries(events, { staff: true }) };
  }

  @Get('accounts/:accountId/integrity')
  @ApiOperation({ summary: "Verify the account record's hash chain: valid, or its first broken link" })
  async accountIntegrity(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ accountId: string } & RecordIntegrityReport> {
    const events = await this.recordEvents(actor, accountStream(accountId), `account ${accountId}`);
    return { accountId, ...this.integrityOf(events) };
  }

  @Get('licences/:licenceId/integrity')
  @ApiOperation({ summary: "Verify the licence record's hash chain: valid, or its first broken link" })
  async licenceIntegrity(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ licenceId: string } & RecordIntegrityReport> {
    const events = await this.recordEvents(actor, licenceStream(licenceId), `licence ${licenceId}`);
    return { licenceId, ...this.integrityOf(events) };
  }

  private async recordEvents(actor: Actor, stream: string, what: string): Promise<RecordedEvent[]> {
    if (!hasRole(actor, 'admin', 'auditor'))
      throw new ForbiddenException('The history of accounts and licences is for admins and auditors');
    const events = await this.events.readStream(stream);
    if (events.length === 0) throw new NotFoundException(`No ${what}`);
    return events;
  }

  /**
   * Unlike a case's, a lost tail goes unseen here: the account and licence read models keep no
   * revision to hold the stream against (`casetrail verify` checks the log's own end).
   */
  private integrityOf(events: readonly RecordedEvent[]): RecordIntegrityReport {
    return { ...chainVerdict(events), checkedAt: this.clock.now().toISOString() };
  }
}
