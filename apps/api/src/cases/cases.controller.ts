import { randomBytes } from 'node:crypto';
import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CaseCommand } from '@casetrail/domain';
import { newId } from '../shared/new-id';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommandGateway } from '../commands/command-gateway';
import { CommandMeta } from '../commands/command-meta';
import { CLOCK, Clock } from '../runtime/runtime';
import { commandMeta, commandResponse, creationId } from '../shared/command-request';
import { ParseEmailPipe, ParseIdPipe } from '../shared/path-params';
import { uuidFromHash } from '../shared/request-context';
import { CaseAccess } from './access/case-access';
import { ExecuteCaseCommand } from './commands/case-command';
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
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiCommandCreated('the new case')
  async open(
    @Body() body: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { id: caseId, meta } = creationId(commandMeta(actor, request, body));
    const result = await this.execute(caseId, actor, meta, { type: 'OpenCase', ...body });
    return commandResponse(reply, caseId, result, { location: `/v1/cases/${caseId}` });
  }

  @Post(':caseId/severity')
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
    const { ground } = await this.access.requireVisibleForCommand(actor, caseId);
    const result = await this.execute(caseId, actor, meta, input, ground);
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
