import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Optional,
  Param,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import { Actor, hasRole } from '../auth/actor';
import { isOutsideAuditedAccounts } from '../auth/audited-accounts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { chainVerdict, type ChainVerdict } from '../cases/case-integrity-report';
import { historyEntries } from '../cases/queries/case-history';
import {
  chainMarkOf,
  markedEntries,
  readsLogPositions,
  verdictFor,
  type ChainMark,
  type MarkedHistoryEntry,
} from '../cases/queries/history-integrity';
import { integrityReportSchema, markedHistorySchema } from '../cases/queries/history-integrity.openapi';
import { licenceStream } from '../licences/licence-command';
import { ApiReadProblems } from '../problems/api-problem-responses';
import { CLOCK, Clock } from '../runtime/runtime';
import { ParseIdPipe } from '../shared/path-params';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import { DamagedStreams } from '../storage/damaged-streams';
import type { ReadModelStore } from '@casetrail/readmodels';
import { LICENCES, type LicenceView } from '@casetrail/readmodels/licences/licences.projection';
import { ProjectionCatchUp } from '../projections/projection-catch-up';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { accountStream } from './account-command';

/** The verdict on an account's or a licence's hash chain (a case's: CaseIntegrityReport). */
export type RecordIntegrityReport = ChainVerdict & { checkedAt: string };

/** A record's history as a case's is shown: the chain's verdict, and each entry marked by it. */
interface MarkedHistory {
  integrity: ChainMark;
  events: MarkedHistoryEntry[];
}

/** As `actor` reads it: a customer's compliance auditor without desk-wide positions (readsLogPositions). */
function markedHistory(events: readonly RecordedEvent[], actor: Actor): MarkedHistory {
  const integrity = chainMarkOf(events);
  const viewer = { staff: true, ...(readsLogPositions(actor) ? {} : { positionsWithheld: true }) };
  return { integrity, events: markedEntries(historyEntries(events, viewer), integrity) };
}

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
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: DamagedStreams,
  ) {}

  @Get('accounts/:accountId/history')
  @ApiOperation({ summary: "Every event of the account's record, with actor, time, reason and hashes" })
  @ApiOkResponse({
    description:
      "Every event, with the server's verdict on the hash chain and each entry marked verified or not",
    schema: markedHistorySchema('accountId'),
  })
  async accountHistory(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ accountId: string } & MarkedHistory> {
    const events = await this.recordEvents(
      actor,
      accountStream(accountId),
      `account ${accountId}`,
      async () => accountId,
    );
    return { accountId, ...this.noticed(accountStream(accountId), markedHistory(events, actor), actor) };
  }

  @Get('licences/:licenceId/history')
  @ApiOperation({ summary: "Every event of the licence's record, with actor, time, reason and hashes" })
  @ApiOkResponse({
    description:
      "Every event, with the server's verdict on the hash chain and each entry marked verified or not",
    schema: markedHistorySchema('licenceId'),
  })
  async licenceHistory(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ licenceId: string } & MarkedHistory> {
    const events = await this.recordEvents(actor, licenceStream(licenceId), `licence ${licenceId}`, () =>
      this.licenceAccount(licenceId),
    );
    return { licenceId, ...this.noticed(licenceStream(licenceId), markedHistory(events, actor), actor) };
  }

  @Get('accounts/:accountId/integrity')
  @ApiOperation({ summary: "Verify the account record's hash chain: valid, or its first broken link" })
  @ApiOkResponse({ description: "The chain's verdict", schema: integrityReportSchema('accountId') })
  async accountIntegrity(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ accountId: string } & RecordIntegrityReport> {
    const events = await this.recordEvents(
      actor,
      accountStream(accountId),
      `account ${accountId}`,
      async () => accountId,
    );
    return { accountId, ...this.integrityOf(events, actor) };
  }

  @Get('licences/:licenceId/integrity')
  @ApiOperation({ summary: "Verify the licence record's hash chain: valid, or its first broken link" })
  @ApiOkResponse({ description: "The chain's verdict", schema: integrityReportSchema('licenceId') })
  async licenceIntegrity(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ licenceId: string } & RecordIntegrityReport> {
    const events = await this.recordEvents(actor, licenceStream(licenceId), `licence ${licenceId}`, () =>
      this.licenceAccount(licenceId),
    );
    return { licenceId, ...this.integrityOf(events, actor) };
  }

  /**
   * The record's events, for admins and auditors; a customer's compliance auditor gets, for a
   * record of an account their token does not name, the 404 of a record nobody created. Its account
   * is learnt before any event is read (`accountOf`: the path's for an account, the licences read
   * model's for a licence), alike for an id nobody used: the record's events are never read for
   * them, so the 404 comes after the same work as an unknown id's and its time does not tell them
   * the record exists (as a case's 404: CaseAccess).
   */
  private async recordEvents(
    actor: Actor,
    stream: string,
    what: string,
    accountOf: () => Promise<string | undefined>,
  ): Promise<RecordedEvent[]> {
    if (!hasRole(actor, 'admin', 'auditor'))
      throw new ForbiddenException('The history of accounts and licences is for admins and auditors');
    if (actor.auditedAccounts && isOutsideAuditedAccounts(actor, (await accountOf()) ?? ''))
      throw new NotFoundException(`No ${what}`);
    const events = await this.events.readStream(stream);
    if (events.length === 0) throw new NotFoundException(`No ${what}`);
    return events;
  }

  /** The account a licence was issued to, as the licences read model has it once it has caught up. */
  private async licenceAccount(licenceId: string): Promise<string | undefined> {
    await this.catchUp.waitForHead(['licences']);
    return (await this.readModels.get<LicenceView>(LICENCES, licenceId))?.accountId;
  }

  /**
   * Unlike a case's, a lost tail goes unseen here: the account and licence read models keep no
   * revision to hold the stream against (`casetrail verify` checks the log's own end). A record
   * found whole (read, every event readable, its chain holding) is forgotten as damaged, as a case's
   * integrity check forgets its case (DamagedStreams.noticeIntegrity): what the API found is kept
   * across its restarts, so without this a restored licence or account was refused for good.
   */
  private integrityOf(events: readonly RecordedEvent[], actor: Actor): RecordIntegrityReport {
    const verdict = chainVerdict(events);
    this.damaged?.noticeIntegrity(events[0].stream, verdict);
    return { ...verdictFor(actor, verdict), checkedAt: this.clock.now().toISOString() };
  }

  /** A history whose chain is broken: /health reports the stream (see DamagedStreams). */
  private noticed(stream: string, history: MarkedHistory, actor: Actor): MarkedHistory {
    this.damaged?.noticeChain(stream, history.integrity);
    return { ...history, integrity: verdictFor(actor, history.integrity) };
  }
}
