import { Controller, Get, Inject, Optional, Param, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EvidenceLog,
  isUnreadable,
  UnreadableEventError,
  type EventStore,
  type LogEntry,
} from '@casetrail/eventstore';
import { Actor, isVendorStaff } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CLOCK, Clock } from '../runtime/runtime';
import { ParseIdPipe } from '../shared/path-params';
import { EVENT_STORE } from '../storage/storage.tokens';
import { DamagedStreams } from '../storage/damaged-streams';
import { CaseAccess } from './access/case-access';
import { caseStream } from './commands/case-command';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import { caseIntegrityReport, type CaseIntegrityReport } from './case-integrity-report';
import { integrityReportSchema } from './queries/history-integrity.openapi';
import { verdictFor } from './queries/history-integrity';
import { ApiProblemResponse, ApiReadProblems } from '../problems/api-problem-responses';

export type { CaseIntegrityReport } from './case-integrity-report';

/**
 * `GET /v1/cases/{id}/integrity`: recomputes the case stream's SHA-256 chain on the server from the
 * stored events (a client can do the same from the history, which carries what each hash covers,
 * except a customer for the internal notes whose text is hidden from them), and checks that the
 * stream still holds the last event the read models applied: a stream that lost its last events is
 * a shorter chain, whole, which only that record shows (`casetrail verify` checks every stream so).
 * Anyone who may see the case may check it; hidden cases are 404 like every other case route.
 */
@ApiReadProblems()
@ApiTags('cases')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1/cases')
export class CaseIntegrityController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: DamagedStreams,
  ) {}

  @Get(':caseId/integrity')
  @ApiOperation({
    summary: "Verify the case's hash chain: valid, or the first broken link and events the stream lost",
  })
  @ApiOkResponse({
    description: "The chain's verdict, with what the stream lost or cannot be read",
    schema: integrityReportSchema('caseId'),
  })
  @ApiProblemResponse(
    503,
    "`stored-event-unreadable`, to a customer or a customer's compliance auditor only: a stored row of " +
      "the case cannot be read. The desk's staff and auditors get the report naming it; the others a " +
      "plain answer, as on the case's other reads",
  )
  async integrity(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @CurrentActor() caller: Actor,
  ): Promise<CaseIntegrityReport> {
    // The row first, then the stream: a row read before the stream can lag behind it (projections
    // are asynchronous) but is never ahead of it, unless the stream lost events the row applied.
    // The report's findings quote stored text: judged for the caller as they stand on this case.
    const { doc: row, actor } = await this.access.requireVisibleToAudit(caller, caseId);
    const checkedAt = this.clock.now().toISOString();
    // A row that cannot be read is what this endpoint is for: a finding in its place, not a failed
    // read, with every row after it still read and counted, as `casetrail replay` reads the stream.
    const entries = await new EvidenceLog(this.events).readStream(caseStream(caseId));
    if (!isVendorStaff(actor)) refuseUnreadableRows(entries);
    const report = caseIntegrityReport(caseId, entries, row, checkedAt);
    this.damaged?.noticeIntegrity(caseStream(caseId), report);
    return verdictFor(actor, report);
  }
}

/**
 * A customer (or someone the case is shared with, or a customer's compliance auditor) is not given
 * the unreadable rows' findings: their `problem` is the JSON parser's message, which quotes the
 * stored text around the damage (an internal note's, say), and they name revisions and desk-wide
 * log positions. They get the plain 503 every other read of a damaged case gives them (their
 * /history's too: StoreDamageAudience); the desk's staff and auditors get the report.
 */
function refuseUnreadableRows(entries: readonly LogEntry[]): void {
  const first = entries.find(isUnreadable);
  if (!first) return;
  const { stream, revision, position, problem } = first;
  throw new UnreadableEventError(stream, revision, position, problem, { cause: undefined });
}
