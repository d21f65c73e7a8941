import { Body, Controller, Delete, Inject, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommandGateway } from '../commands/command-gateway';
import { commandMeta, commandResponse, creationId } from '../shared/command-request';
import { CLOCK, Clock } from '../runtime/runtime';
import { ParseEmailPipe, ParseIdPipe } from '../shared/path-params';
import { ExecuteAccountCommand } from './account-command';
import { MissionCriticalCoverage, withWarnings } from './mission-critical-coverage';
import {
  AddCaseTeamMemberDto,
  AssignCsmDto,
  ChangeAccountDto,
  ChangeNotificationPreferenceDto,
  RegisterAccountDto,
} from './dto/account.dto';
import { ApiCommandProblems } from '../problems/api-problem-responses';
import {
  ApiCommandCreated,
  ApiCommandDone,
  CommandResponseWithWarningsDto,
} from '../openapi/command-responses';
import { bodyWithReason, OptionalReasonDto } from '../shared/reason-field';

@ApiCommandProblems()
@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    @Inject(CommandGateway) private readonly commands: CommandGateway,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MissionCriticalCoverage) private readonly coverage: MissionCriticalCoverage,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  @Post()
  @ApiCommandCreated('the new account')
  async register(
    @Body() body: RegisterAccountDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { id: accountId, meta } = creationId(commandMeta(actor, request, body));
    const result = await this.commands.send(
      new ExecuteAccountCommand(
        accountId,
        { type: 'RegisterAccount', data: { accountId, ...body }, actor, at: this.now() },
        meta,
      ),
    );
    return commandResponse(reply, accountId, result, { location: `/v1/accounts/${accountId}` });
  }

  @Patch(':accountId')
  @ApiCommandDone()
  async changeDetails(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @Body() body: ChangeAccountDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = { type: 'ChangeAccountDetails' as const, data: body, actor, at: this.now() };
    const result = await this.commands.send(
      new ExecuteAccountCommand(accountId, command, commandMeta(actor, request, body)),
    );
    return commandResponse(reply, accountId, result);
  }

  @Put(':accountId/csm')
  @ApiCommandDone()
  async assignCsm(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @Body() body: AssignCsmDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = { type: 'AssignCustomerSuccessManager' as const, data: body, actor, at: this.now() };
    const result = await this.commands.send(
      new ExecuteAccountCommand(accountId, command, commandMeta(actor, request, body)),
    );
    return commandResponse(reply, accountId, result);
  }

  /** The account keeps no CSM (API.md has only the PUT; a person who leaves must be taken off). */
  @Delete(':accountId/csm')
  @ApiCommandDone(CommandResponseWithWarningsDto)
  async unassignCsm(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'UnassignCustomerSuccessManager' as const,
      data: { reason: body.reason },
      actor,
      at: this.now(),
    };
    const result = await this.commands.send(
      new ExecuteAccountCommand(accountId, command, commandMeta(actor, request, bodyWithReason(body))),
    );
    // Taking the CSM off a Mission Critical account is allowed (a person leaves before the next is
    // named), and the answer says the account is left without one.
    return {
      ...commandResponse(reply, accountId, result),
      ...withWarnings(await this.coverage.warningsAfterChange(accountId)),
    };
  }

  @Post(':accountId/case-team')
  @ApiCommandCreated('the new case-team member')
  async addCaseTeamMember(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @Body() body: AddCaseTeamMemberDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = { type: 'AddCaseTeamMember' as const, data: body, actor, at: this.now() };
    const result = await this.commands.send(
      new ExecuteAccountCommand(accountId, command, commandMeta(actor, request, body)),
    );
    const email = encodeURIComponent(body.email.toLowerCase());
    return commandResponse(reply, accountId, result, {
      location: `/v1/accounts/${accountId}/case-team/${email}`,
    });
  }

  @Patch(':accountId/case-team/:email')
  @ApiCommandDone()
  async changeNotificationPreference(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @Param('email', ParseEmailPipe) email: string,
    @Body() body: ChangeNotificationPreferenceDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'ChangeNotificationPreference' as const,
      data: { email, notify: body.notify, reason: body.reason },
      actor,
      at: this.now(),
    };
    const result = await this.commands.send(
      new ExecuteAccountCommand(accountId, command, commandMeta(actor, request, body)),
    );
    return commandResponse(reply, accountId, result);
  }

  @Delete(':accountId/case-team/:email')
  @ApiCommandDone()
  async removeCaseTeamMember(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @Param('email', ParseEmailPipe) email: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'RemoveCaseTeamMember' as const,
      data: { email, reason: body.reason },
      actor,
      at: this.now(),
    };
    const result = await this.commands.send(
      new ExecuteAccountCommand(accountId, command, commandMeta(actor, request, bodyWithReason(body))),
    );
    return commandResponse(reply, accountId, result);
  }
}
