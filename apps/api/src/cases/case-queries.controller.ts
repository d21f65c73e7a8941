import { Controller, Get, Inject, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, hasRole } from '../auth/actor';
import { ActorReachReader } from './access/actor-reach';
import { CurrentActor } from '../auth/current-actor.decorator';
import { seesEveryCase } from './access/case-visibility';
import { etagFor } from '../shared/headers';
import { READ_HEADERS } from '../openapi/response-headers';
import { ParseIdPipe } from '../shared/path-params';
import { CaseDetailResponseDto, CaseListDto } from './dto/case-detail.dto';
import { CaseDetailQuery, ListCasesQuery } from './dto/case-queries.dto';
import { CaseQueries } from './queries/case-queries';
import { LicensedProducts } from '../reporting/access/licensed-products';
import { RegisteredAccounts } from '../reporting/access/registered-accounts';
import { ConsistentReads } from '../projections/consistent-read.interceptor';
import { ApiProblemResponse, ApiReadProblems } from '../problems/api-problem-responses';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import { AS_OF_INTEGRITY_SCHEMA, markedHistorySchema } from './queries/history-integrity.openapi';

/**
 * Reads of a case whose stored record is damaged: a stored event that cannot be read, or (history
 * and `?asOf=`, which replay the stream) a stream that lost events its read models applied.
 */
const DAMAGED_STORE_503 =
  "`stored-event-unreadable`, or (history and `asOf` only) `storage-inconsistent`: the case's stored " +
  'events cannot all be read, so what is left is not shown as its story. Staff get the stream, ' +
  "revisions and the operator's remedy; customers a plain answer";

@ApiReadProblems()
@ApiExtraModels(CaseDetailResponseDto)
@ApiTags('cases')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1/cases')
@ConsistentReads()
export class CaseQueriesController {
  constructor(
    @Inject(CaseQueries) private readonly queries: CaseQueries,
    @Inject(LicensedProducts) private readonly products: LicensedProducts,
    @Inject(RegisteredAccounts) private readonly accounts: RegisteredAccounts,
    @Inject(ActorReachReader) private readonly reach: ActorReachReader,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The cases the caller may see, latest opened first, by account, status or severity (anyone signed in)',
  })
  @ApiOkResponse({
    type: CaseListDto,
    description: 'A page of the cases the caller may see, latest opened first',
  })
  async list(@Query() query: ListCasesQuery, @CurrentActor() actor: Actor) {
    if (query.accountId !== undefined) await this.requireAccountFilter(actor, query.accountId);
    // As the dashboard reads it, so a list drilled down from a figure holds the cases it counted.
    const product =
      query.product === undefined ? undefined : await this.products.conditionFor(actor, query.product);
    return this.queries.list(actor, { ...query, product, limit: query.limit ?? 50 });
  }

  /**
   * An `accountId` filter answered as the queues, reports and licence list answer it, so a mistyped
   * account is not read as one with no cases: 404 to staff who see every case for an account nobody
   * registered; to a customer's compliance auditor, another account is that same 404 (they must not
   * learn it exists); to a CSM too, an account that is not theirs, whether it exists or not,
   * unless they see cases in it otherwise (as its licensed user or case-team member, or a case they
   * opened or that is shared with them). A customer's list stays narrowed to what they may see: a
   * refusal would tell them whether another account exists.
   */
  private async requireAccountFilter(actor: Actor, accountId: string): Promise<void> {
    if (seesEveryCase(actor)) return this.accounts.requireRegistered(accountId);
    if (actor.auditedAccounts) return this.accounts.requireInReach(accountId, actor.auditedAccounts);
    if (!hasRole(actor, 'csm')) return;
    const reach = await this.reach.reachOf(actor);
    const accountWide = [...reach.csmAccounts, ...reach.teamAccounts, ...reach.seeSharedAccounts];
    if (accountWide.includes(accountId)) return;
    const anyCase = await this.queries.list(actor, { accountId, limit: 1 });
    if (anyCase.items.length > 0) return;
    await this.accounts.requireInReach(accountId, accountWide);
  }

  @Get(':caseId')
  @ApiOperation({
    summary:
      'A case: its status, severity, SLA targets, escalation, team and shares (anyone who may see it; asOf: as it stood then)',
    description:
      "A caller who may not see the case gets 404, as if it did not exist. The ETag is the revision a write's If-Match takes.",
  })
  @ApiOkResponse({
    description:
      "The case's detail; with `asOf`, the case as it stood then, with `asOf` echoed and, only when the " +
      "stream's hash chain is broken, `integrity` saying from which revision its events are unproven",
    schema: {
      allOf: [
        { $ref: getSchemaPath(CaseDetailResponseDto) },
        { type: 'object', properties: { asOf: { type: 'string' }, integrity: AS_OF_INTEGRITY_SCHEMA } },
      ],
    },
    // Not with `asOf`: a past state is no base for a change.
    headers: READ_HEADERS,
  })
  @ApiProblemResponse(503, DAMAGED_STORE_503)
  async detail(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Query() query: CaseDetailQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.asOf !== undefined) return this.queries.detailAsOf(actor, caseId, query.asOf);
    const detail = await this.queries.detail(actor, caseId);
    void reply.header('etag', etagFor(detail.revision));
    return detail;
  }

  @Get(':caseId/history')
  @ApiOperation({
    summary:
      'Every event of the case, with actor, time, reason, position and integrity hash (anyone who may see it)',
    description: 'A caller who may not see the case gets 404, as if it did not exist.',
  })
  @ApiOkResponse({
    description:
      "Every event of the case, with the server's verdict on its hash chain (`integrity`) and, per " +
      'event, whether its link and every one before it hold (`verified`). An edited stream is shown ' +
      'and marked; one that lost events or holds an unreadable row is refused (503). A customer reads ' +
      'every entry in place, with what is staff-only withheld (`data.redacted` says what): an internal ' +
      "note's text, an assignment's reason",
    schema: markedHistorySchema('caseId'),
  })
  @ApiProblemResponse(503, DAMAGED_STORE_503)
  history(@Param('caseId', new ParseIdPipe('case')) caseId: string, @CurrentActor() actor: Actor) {
    return this.queries.history(actor, caseId);
  }
}
