import { Body, Controller, Delete, Inject, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommandGateway } from '../commands/command-gateway';
import { commandMeta, commandResponse } from '../shared/command-request';
import { CreationIds } from '../commands/creation-ids';
import { CLOCK, Clock } from '../runtime/runtime';
import { ParseEmailPipe, ParseIdPipe } from '../shared/path-params';
import { accountStream, ExecuteAccountCommand } from './account-command';
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
import { ApiOptionalReasonBody } from '../openapi/optional-reason-body';

/** What every command on an existing account shares, said once for /docs. */
const ACCOUNT_WRITE_RULES =
  'Auditors change nothing (403). If-Match: "<revision>" makes the write conditional (412 when stale); the answer carries the new ETag. Idempotency-Key: a retry with the same key and body answers the first response and appends nothing.';

@ApiCommandProblems()
@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    @Inject(CommandGateway) private readonly commands: CommandGateway,
    @Inject(CreationIds) private readonly creationIds: CreationIds,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MissionCriticalCoverage) private readonly coverage: MissionCriticalCoverage,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  @Post()
  @ApiOperation({
    summary: 'Register a customer account (admins)',
    description:
      'Idempotency-Key: a retry with the same key and body answers the first account, and registers no second one.',
  })
  @ApiCommandCreated('the new account')
  async register(
    @Body() body: RegisterAccountDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { id: accountId, meta } = await this.creationIds.of(
      commandMeta(actor, request, body),
      accountStream,
    );
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
  @ApiOperation({
    summary: "Change the account's name or time zone (admins)",
    description: ACCOUNT_WRITE_RULES,
  })
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
  @ApiOperation({
    summary: "Designate the account's customer success manager (admins)",
    description: ACCOUNT_WRITE_RULES,
  })
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
  @ApiOperation({
    summary:
      'Take the CSM off the account, which keeps none (admins); the answer warns when a Mission Critical account is left without one',
    description: ACCOUNT_WRITE_RULES,
  })
  @ApiOptionalReasonBody()
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
  @ApiOperation({
    summary: "Add a person to the account's case team, told of its cases (engineers and admins)",
    description: ACCOUNT_WRITE_RULES,
  })
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
  @ApiOperation({
    summary:
      "Change whether a case-team member is told of the account's cases (that member, engineers and admins)",
    description: ACCOUNT_WRITE_RULES,
  })
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
  @ApiOperation({
    summary: "Remove a person from the account's case team (engineers and admins)",
    description: ACCOUNT_WRITE_RULES,
  })
  @ApiOptionalReasonBody()
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
