import { Controller, Get, Inject, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { etagFor } from '../shared/headers';
import { ParseIdPipe } from '../shared/path-params';
import { CaseDetailQuery, ListCasesQuery } from './dto/case-queries.dto';
import { CaseQueries } from './queries/case-queries';
import { ConsistentReads } from '../projections/consistent-read.interceptor';
import { ApiReadProblems } from '../problems/api-problem-responses';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';

@ApiReadProblems()
@ApiTags('cases')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1/cases')
@ConsistentReads()
export class CaseQueriesController {
  constructor(@Inject(CaseQueries) private readonly queries: CaseQueries) {}

  @Get()
  list(@Query() query: ListCasesQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(actor, { ...query, limit: query.limit ?? 50 });
  }

  @Get(':caseId')
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
  history(@Param('caseId', new ParseIdPipe('case')) caseId: string, @CurrentActor() actor: Actor) {
    return this.queries.history(actor, caseId);
  }
}
