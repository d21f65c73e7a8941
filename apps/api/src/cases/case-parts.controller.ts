import { Controller, Get, Inject, Param, Res, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READ_HEADERS } from '../openapi/response-headers';
import { ApiReadProblems } from '../problems/api-problem-responses';
import { ConsistentReads } from '../projections/consistent-read.interceptor';
import { etagFor } from '../shared/headers';
import { ParseEmailPipe, ParseIdPipe, WholeNumberParamPipe } from '../shared/path-params';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import {
  CommentViewDto,
  EscalationLevelViewDto,
  ShareViewDto,
  StatusUpdateViewDto,
} from './dto/case-parts.dto';
import { CaseParts } from './queries/case-parts';

const SEEN_AS_THE_CASE =
  'For whoever may see the case; anyone else gets the 404 the case gives them. A part the case does not hold is 404 too';

/**
 * What the case sub-resource commands create, where their 201 Location points (RFC 9110 15.3.2):
 * before, those Locations named the case itself. The level segment takes anything but a lower-case
 * word (`acknowledgement`, `de-escalation`: the names of commands' own paths), so a GET of a command's
 * path stays a 405 naming its POST, while a malformed number (`-1`, `x`, `1.0`, twenty digits)
 * reaches WholeNumberParamPipe and is the 400 naming the parameter that a malformed id gets. The
 * pattern has no inner parentheses: the OpenAPI explorer strips a route's `(^...)` only up to the
 * first `)`.
 */
const ESCALATION_LEVEL_SEGMENT = ':level(^[^a-z].*|[a-z]|[a-z].*[^a-z-].*$)';

@ApiReadProblems()
@ApiTags('cases')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1/cases')
@ConsistentReads()
export class CasePartsController {
  constructor(@Inject(CaseParts) private readonly parts: CaseParts) {}

  @Get(':caseId/comments/:commentId')
  @ApiOperation({
    summary: 'One comment, as the case history shows it to you',
    description: `${SEEN_AS_THE_CASE}. An internal note's text and author name are withheld from customers (\`redacted\`), as in the history`,
  })
  @ApiOkResponse({ type: CommentViewDto })
  comment(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Param('commentId', new ParseIdPipe('comment')) commentId: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.parts.comment(actor, caseId, commentId);
  }

  @Get(':caseId/shares/:email')
  @ApiOperation({
    summary: 'One share of the case, as the case detail shows it to you',
    description: `${SEEN_AS_THE_CASE}. Someone let in by a share reads only their own. The ETag is the case's, which DELETE of the share takes as If-Match`,
  })
  @ApiOkResponse({ type: ShareViewDto, headers: READ_HEADERS })
  async share(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Param('email', ParseEmailPipe) email: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { share, revision } = await this.parts.share(actor, caseId, email);
    void reply.header('etag', etagFor(revision));
    return share;
  }

  @Get(`:caseId/escalations/${ESCALATION_LEVEL_SEGMENT}`)
  @ApiOperation({
    summary: 'One escalation level of the case',
    description: `${SEEN_AS_THE_CASE}. The current level as the case detail's \`escalation\`; an earlier one as it stood when a later escalation superseded it`,
  })
  @ApiParam({ name: 'level', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: EscalationLevelViewDto })
  escalation(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Param('level', new WholeNumberParamPipe('an escalation level')) level: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.parts.escalation(actor, caseId, Number(level));
  }

  @Get(':caseId/escalations/status-updates/:revision')
  @ApiOperation({
    summary: 'One escalation status update, named by the case revision it was recorded at',
    description: SEEN_AS_THE_CASE,
  })
  @ApiParam({ name: 'revision', schema: { type: 'integer', minimum: 0 } })
  @ApiOkResponse({ type: StatusUpdateViewDto })
  statusUpdate(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Param('revision', new WholeNumberParamPipe('a case revision')) revision: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.parts.statusUpdate(actor, caseId, Number(revision));
  }
}
