import { randomBytes } from 'node:crypto';
import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CaseCommand } from '@casetrail/domain';
import { newId } from '../shared/new-id';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommandGateway } from '../commands/command-gateway';
import { CommandMeta } from '../commands/command-meta';
import { CLOCK, Clock } from '../runtime/runtime';
import { commandMeta, commandResponse } from '../shared/command-request';
import { CreationIds } from '../commands/creation-ids';
import { ParseEmailPipe, ParseIdPipe } from '../shared/path-params';
import { uuidFromHash } from '../shared/request-context';
import { CaseAccess } from './access/case-access';
import { caseStream, ExecuteCaseCommand } from './commands/case-command';
import { createdPartLocation } from './created-part-location';
import type { CommandGround } from './access/command-ground';
import {
  AddCommentDto,
  AssignEngineerDto,
  BodyDto,
  ChangeSeverityDto,
  EscalateDto,
  OpenCaseDto,
  InformationRequestDto,
  ReasonDto,
  RedirectCaseDto,
  ResolveCaseDto,
  ShareCaseDto,
} from './dto/case-commands.dto';
import { ApiCommandProblems } from '../problems/api-problem-responses';
import { ApiCommandCreated, ApiCommandDone } from '../openapi/command-responses';
import { bodyWithReason, OptionalReasonDto } from '../shared/reason-field';
import { ApiOptionalReasonBody } from '../openapi/optional-reason-body';

/** What every command on an existing case shares (API.md), said once for /docs. */
const CASE_WRITE_RULES =
  'A caller who may not see the case gets 404, as if it did not exist; one who sees it but may not make this command, 403. ' +
  'If-Match: "<revision>" makes the write conditional (412 when stale); the answer carries the new ETag. Idempotency-Key: a retry with the same key and body answers the first response and appends nothing.';

type CaseCommandInput = CaseCommand extends infer C
  ? C extends CaseCommand
    ? Omit<C, 'caseId' | 'actor' | 'at'>
    : never
  : never;

/**
 * The commands whose body is at most a reason (they took none before reasons were recorded), as the
 * handler gives them: the reason is added from the body by `onCaseWithOptionalReason`.
 */
type OptionalReasonCommand = Exclude<
  Extract<
    CaseCommandInput,
    { type: 'AcknowledgeEscalation' | 'UnassignEngineer' | 'CloseCase' | 'UnshareCase' }
  >,
  { automatic: true } // the timer's closure, never sent through the API
>;
type OptionalReasonInput = OptionalReasonCommand extends infer C
  ? C extends CaseCommandInput
    ? Omit<C, 'reason'>
    : never
  : never;

/** The case commands of API.md. Every one but OpenCase first checks the caller may see the case (else 404). */
@ApiCommandProblems()
@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(
    @Inject(CommandGateway) private readonly commands: CommandGateway,
    @Inject(CreationIds) private readonly creationIds: CreationIds,
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiCommandCreated('the new case')
  @ApiOperation({
    summary:
      'Open a case: a licensed user on their licence (web), or an engineer for a customer with onBehalfOf (phone)',
    description:
      'Idempotency-Key: a retry with the same key and body answers the first case, and opens no second one.',
  })
  async open(
    @Body() body: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { id: caseId, meta } = await this.creationIds.of(commandMeta(actor, request, body), caseStream);
    const result = await this.execute(caseId, actor, meta, { type: 'OpenCase', ...body });
    return commandResponse(reply, caseId, result, { location: `/v1/cases/${caseId}` });
  }

  @Post(':caseId/severity')
  @ApiOperation({
    summary: 'Change the severity, with a reason (engineers)',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandDone()
  @HttpCode(200)
  changeSeverity(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: ChangeSeverityDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, { type: 'ChangeSeverity', ...body });
  }

  @Post(':caseId/escalations')
  @ApiOperation({
    summary: 'Escalate the case (a licensed user who sees it, or an engineer)',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandCreated('the escalation level raised (GET /v1/cases/{caseId}/escalations/{level})')
  escalate(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: EscalateDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, { type: 'Escalate', ...body });
  }

  @Post(':caseId/escalations/acknowledgement')
  @ApiOperation({
    summary: 'Acknowledge the open escalation (engineers and CSMs)',
    description: CASE_WRITE_RULES,
  })
  @ApiOptionalReasonBody()
  @ApiCommandDone()
  @HttpCode(200)
  acknowledgeEscalation(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCaseWithOptionalReason(caseId, actor, request, reply, body, {
      type: 'AcknowledgeEscalation',
    });
  }

  @Post(':caseId/escalations/status-updates')
  @ApiOperation({
    summary: 'Post a status update on the open escalation (engineers and CSMs)',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandCreated('the status update (GET /v1/cases/{caseId}/escalations/status-updates/{revision})')
  postEscalationStatusUpdate(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: BodyDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, { type: 'PostEscalationStatusUpdate', ...body });
  }

  @Post(':caseId/escalations/de-escalation')
  @ApiOperation({
    summary:
      'End the open escalation, with a reason (engineers and CSMs); one nobody acknowledged is refused (409 escalation-not-acknowledged): acknowledge it first',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandDone()
  @HttpCode(200)
  deEscalate(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, { type: 'DeEscalate', ...body });
  }

  @Post(':caseId/comments')
  @ApiOperation({
    summary: 'Comment on the case (anyone who sees it; internal notes: engineers, CSMs and admins)',
    description: `${CASE_WRITE_RULES} An engineer's first public comment is the case's first response.`,
  })
  @ApiCommandCreated('the comment (GET /v1/cases/{caseId}/comments/{commentId})')
  addComment(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: AddCommentDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const meta = commandMeta(actor, request, body);
    // A retried comment with the same Idempotency-Key keeps its id, so the decider recognises it.
    const commentId = meta.commandId ? uuidFromHash(`comment\n${meta.commandId}`) : newId();
    return this.onCase(
      caseId,
      actor,
      request,
      reply,
      body,
      {
        type: 'AddComment',
        commentId,
        body: body.body,
        internal: body.internal ?? false,
        // Hidden from customers with the text: their view of the note's hash confirms no guess.
        ...(body.internal ? { salt: randomBytes(16).toString('hex') } : {}),
      },
      meta,
    );
  }

  @Post(':caseId/assignment')
  @ApiOperation({
    summary: 'Assign the case to an engineer (engineers)',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandDone()
  @HttpCode(200)
  assign(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: AssignEngineerDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, {
      type: 'AssignEngineer',
      engineer: body.engineer.toLowerCase(),
      reason: body.reason,
    });
  }

  /** Back to the `unassigned` queue (an engineer who took the wrong case, or goes off shift). */
  @Delete(':caseId/assignment')
  @ApiOperation({
    summary: 'Unassign the case, back to the unassigned queue (engineers)',
    description: CASE_WRITE_RULES,
  })
  @ApiOptionalReasonBody()
  @ApiCommandDone()
  unassign(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCaseWithOptionalReason(caseId, actor, request, reply, body, { type: 'UnassignEngineer' });
  }

  @Post(':caseId/information-request')
  @ApiOperation({
    summary: 'Ask the customer for information: the case awaits the customer (engineers)',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandDone()
  @HttpCode(200)
  requestInformation(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: InformationRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, {
      type: 'RequestInformation',
      body: body?.body ?? undefined,
      reason: body?.reason,
    });
  }

  @Post(':caseId/resolution')
  @ApiOperation({
    summary: 'Resolve the case with a summary (engineers)',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandDone()
  @HttpCode(200)
  resolve(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: ResolveCaseDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, { type: 'ResolveCase', ...body });
  }

  @Post(':caseId/closure')
  @ApiOperation({
    summary: 'Close a resolved case: the customer confirms the resolution (staff may close it for them)',
    description: `${CASE_WRITE_RULES} A case under an open escalation is closed only by a licensed user who sees it (which ends the escalation).`,
  })
  @ApiOptionalReasonBody()
  @ApiCommandDone()
  @HttpCode(200)
  close(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCaseWithOptionalReason(caseId, actor, request, reply, body, { type: 'CloseCase' });
  }

  @Post(':caseId/reopening')
  @ApiOperation({
    summary:
      'Reopen a resolved case, or one closed or redirected within the reopen window, with a reason (anyone who may write to the case)',
    description: `${CASE_WRITE_RULES} A customer may not reopen on an expired licence; engineers may.`,
  })
  @ApiCommandDone()
  @HttpCode(200)
  reopen(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, { type: 'ReopenCase', ...body });
  }

  @Post(':caseId/redirection')
  @ApiOperation({
    summary: 'Redirect a case out of support scope to another team, with a referral (engineers)',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandDone()
  @HttpCode(200)
  redirect(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: RedirectCaseDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, { type: 'RedirectCase', ...body });
  }

  @Post(':caseId/shares')
  @ApiOperation({
    summary: 'Share the case with a colleague (its opener with share-tickets, or an engineer)',
    description: CASE_WRITE_RULES,
  })
  @ApiCommandCreated('the share (GET /v1/cases/{caseId}/shares/{email})')
  share(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Body() body: ShareCaseDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCase(caseId, actor, request, reply, body, {
      type: 'ShareCase',
      email: body.email.toLowerCase(),
      name: body.name,
      reason: body.reason,
    });
  }

  @Delete(':caseId/shares/:email')
  @ApiOperation({
    summary: 'Stop sharing the case with a person (its opener with share-tickets, or an engineer)',
    description: CASE_WRITE_RULES,
  })
  @ApiOptionalReasonBody()
  @ApiCommandDone()
  unshare(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @Param('email', ParseEmailPipe) email: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onCaseWithOptionalReason(caseId, actor, request, reply, body, {
      type: 'UnshareCase',
      email,
    });
  }

  private async onCase(
    caseId: string,
    actor: Actor,
    request: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    input: CaseCommandInput,
    meta: CommandMeta = commandMeta(actor, request, body),
  ) {
    // The command is decided, and recorded, for the actor as they stand on this case (a CSM let in
    // by a share is a sharee): the notification writer reads the recorded roles as the staff's.
    const visible = await this.access.requireVisibleForCommand(actor, caseId);
    const onCase = { ...meta, actor: visible.actor };
    const result = await this.execute(caseId, visible.actor, onCase, input, visible.ground);
    const location = createdPartLocation(caseId, input, result);
    return commandResponse(reply, caseId, result, location ? { location } : undefined);
  }

  /**
   * A command whose body is at most a reason: its metadata is built from the body only when it
   * gives one (`bodyWithReason`: a bodyless request stays one, for its Idempotency-Key's hash and
   * the "takes no body" refusal), and the reason, given or not, goes with the command.
   */
  private onCaseWithOptionalReason(
    caseId: string,
    actor: Actor,
    request: FastifyRequest,
    reply: FastifyReply,
    body: OptionalReasonDto,
    input: OptionalReasonInput,
  ) {
    return this.onCase(caseId, actor, request, reply, bodyWithReason(body), {
      ...input,
      reason: body.reason,
    });
  }

  private execute(
    caseId: string,
    actor: Actor,
    meta: CommandMeta,
    input: CaseCommandInput,
    ground?: CommandGround,
  ) {
    const command = {
      ...input,
      caseId,
      actor: { email: actor.email, name: actor.name, roles: actor.roles },
      at: this.clock.now().toISOString(),
    } as CaseCommand;
    return this.commands.send(new ExecuteCaseCommand(command, meta, ground));
  }
}
