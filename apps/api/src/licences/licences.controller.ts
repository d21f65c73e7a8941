import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ChangeLicenceTerms,
  LicenceCommand,
  LicenceState,
  LicensedUserPermissions,
  isMissionCriticalAccount,
} from '@casetrail/domain';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommandGateway } from '../commands/command-gateway';
import { DecisionResult } from '../commands/decision-runner';
import {
  MissionCriticalCoverage,
  MissingCsmWarning,
  withWarnings,
} from '../accounts/mission-critical-coverage';
import { CLOCK, Clock } from '../runtime/runtime';
import { commandMeta, commandResponse } from '../shared/command-request';
import { CreationIds } from '../commands/creation-ids';
import { ParseEmailPipe, ParseIdPipe } from '../shared/path-params';
import {
  AssignLicensedUserDto,
  ChangeLicenceTermsDto,
  ChangePermissionsDto,
  IssueLicenceDto,
  PartialPermissionsDto,
} from './dto/licence.dto';
import { ChangeLicenceHolderDto } from './dto/licence-holder.dto';
import { ExecuteLicenceCommand, licenceStream } from './licence-command';
import { ApiCommandProblems } from '../problems/api-problem-responses';
import {
  ApiCommandCreated,
  ApiCommandDone,
  CommandResponseWithWarningsDto,
} from '../openapi/command-responses';
import { bodyWithReason, OptionalReasonDto } from '../shared/reason-field';
import { ApiOptionalReasonBody } from '../openapi/optional-reason-body';

/** What every command on an existing licence shares, said once for /docs. */
const LICENCE_WRITE_RULES =
  'A caller with no part in the licence gets 404, as if it did not exist; auditors change nothing (403). If-Match: "<revision>" makes the write conditional (412 when stale); the answer carries the new ETag. Idempotency-Key: a retry with the same key and body answers the first response and appends nothing.';

@ApiCommandProblems()
@ApiTags('licences')
@Controller('v1')
export class LicencesController {
  constructor(
    @Inject(CommandGateway) private readonly commands: CommandGateway,
    @Inject(CreationIds) private readonly creationIds: CreationIds,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MissionCriticalCoverage) private readonly coverage: MissionCriticalCoverage,
  ) {}

  @Post('accounts/:accountId/licences')
  @ApiOperation({
    summary: 'Issue a licence to the account: product, edition, plan, term, seats and holder (admins)',
    description:
      'Idempotency-Key: a retry with the same key and body answers the first licence, and issues no second one. The answer warns when the account is left Mission Critical without a CSM.',
  })
  @ApiCommandCreated('the new licence', CommandResponseWithWarningsDto)
  async issue(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @Body() body: IssueLicenceDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { id: licenceId, meta } = await this.creationIds.of(
      commandMeta(actor, request, body),
      licenceStream,
    );
    const result = await this.send(licenceId, actor, meta, {
      type: 'IssueLicence',
      data: { licenceId, accountId, ...body },
    });
    return {
      ...commandResponse(reply, licenceId, result, { location: `/v1/licences/${licenceId}` }),
      ...withWarnings(await this.coverageWarnings(result)),
    };
  }

  /** Renew, resize, re-plan or rename the edition of a licence (admins). */
  @Patch('licences/:licenceId')
  @ApiOperation({
    summary: "Change a licence's terms: renew, resize, re-plan or rename its edition (admins)",
    description: LICENCE_WRITE_RULES,
  })
  @ApiCommandDone(CommandResponseWithWarningsDto)
  async changeTerms(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Body() body: ChangeLicenceTermsDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.send(licenceId, actor, commandMeta(actor, request, body), {
      type: 'ChangeLicenceTerms',
      data: namedTerms(body),
    });
    return {
      ...commandResponse(reply, licenceId, result),
      ...withWarnings(await this.coverageWarnings(result)),
    };
  }

  /**
   * Hand the licence over to another holder (the customer's licence owner left): an admin, to
   * anyone; the holder, to an active user of the licence. The previous holder keeps their own user
   * entry, if any; only the holder's powers move.
   */
  @Put('licences/:licenceId/holder')
  @ApiOperation({
    summary:
      'Hand the licence to another holder (admins, to anyone; the holder, to an active user of the licence)',
    description:
      'A +tag sub-address of a user of the licence (ann+x@ beside a user ann@) is refused with 422 ' +
      'licensed-user-sub-address naming `email`, as inviting one is: hand the licence to that user by their own ' +
      'address. ' +
      LICENCE_WRITE_RULES,
  })
  @ApiCommandDone()
  changeHolder(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Body() body: ChangeLicenceHolderDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onLicence(licenceId, actor, request, reply, body, {
      type: 'ChangeLicenceHolder',
      data: { email: body.email, ...reasonIfGiven(body) },
    });
  }

  @Post('licences/:licenceId/users')
  @ApiOperation({
    summary: 'Invite a licensed user, with their permissions (the holder, users who manage users, admins)',
    description: LICENCE_WRITE_RULES,
  })
  @ApiCommandCreated('the licensed user')
  assignUser(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Body() body: AssignLicensedUserDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const location = `/v1/licences/${licenceId}/users/${encodeURIComponent(body.email.toLowerCase())}`;
    return this.onLicence(
      licenceId,
      actor,
      request,
      reply,
      body,
      { type: 'AssignLicensedUser', data: { ...body, permissions: { ...body.permissions } } },
      { location },
    );
  }

  /**
   * Send a pending invitation again (holder, manage-users, admin): the invitee lost or never got
   * the mail. The invitation keeps its date, so the overdue list still shows how long they waited.
   */
  @Post('licences/:licenceId/users/:email/invitation')
  @ApiOperation({
    summary: 'Send a pending invitation again (the holder, users who manage users, admins)',
    description:
      'Mails the invitee a reminder of the same invitation (its date is kept), promising access within the ' +
      "policy's licensing.pendingInvitationFollowUpHours of the reminder and sending them to support if it " +
      'does not come. The first resend goes at once; after it, an invitation is sent again at most once every ' +
      '60 minutes: a resend sooner is 409 invitation-sent-recently, naming `email` and the instant from which ' +
      "it can be sent again (also as the problem's `retryAfter` instant, and in seconds as Retry-After), and " +
      'mails nothing. A registered user is 409 licensed-user-already-registered. ' +
      LICENCE_WRITE_RULES,
  })
  @ApiOptionalReasonBody()
  @ApiCommandDone()
  @HttpCode(200)
  resendInvitation(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Param('email', ParseEmailPipe) email: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onLicence(licenceId, actor, request, reply, bodyWithReason(body), {
      type: 'ResendInvitation',
      data: { email, ...reasonIfGiven(body) },
    });
  }

  @Post('licences/:licenceId/users/:email/activation')
  @ApiOperation({
    summary: "Complete an invited user's registration (that user, admins)",
    description: LICENCE_WRITE_RULES,
  })
  @ApiCommandDone()
  @HttpCode(200)
  completeRegistration(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Param('email', ParseEmailPipe) email: string,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onLicence(licenceId, actor, request, reply, undefined, {
      type: 'CompleteRegistration',
      data: { email },
    });
  }

  @Patch('licences/:licenceId/users/:email')
  @ApiOperation({
    summary: "Change a licensed user's permissions (the holder, users who manage users, admins)",
    description: LICENCE_WRITE_RULES,
  })
  @ApiCommandDone()
  changePermissions(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Param('email', ParseEmailPipe) email: string,
    @Body() body: ChangePermissionsDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onLicence(licenceId, actor, request, reply, body, {
      type: 'ChangeUserPermissions',
      data: { email, permissions: namedFlags(body.permissions), reason: body.reason },
    });
  }

  @Delete('licences/:licenceId/users/:email')
  @ApiOperation({
    summary: 'Remove a licensed user from the licence (the holder, users who manage users, admins)',
    description: LICENCE_WRITE_RULES,
  })
  @ApiOptionalReasonBody()
  @ApiCommandDone()
  removeUser(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Param('email', ParseEmailPipe) email: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.onLicence(licenceId, actor, request, reply, bodyWithReason(body), {
      type: 'RemoveLicensedUser',
      data: { email, reason: body.reason },
    });
  }

  /**
   * A licence that leaves its account Mission Critical with no CSM is issued or changed all the
   * same (admins name the CSM after the licence), and its answer says what is missing. Only such a
   * licence costs the look at the account.
   */
  private async coverageWarnings(result: DecisionResult<LicenceState>): Promise<MissingCsmWarning[]> {
    const licence = result.state;
    if (licence.status !== 'issued') return [];
    if (!isMissionCriticalAccount([licence], this.clock.now().toISOString())) return [];
    return this.coverage.warningsAfterChange(licence.accountId);
  }

  /**
   * A command on an existing licence, answered `{id, revision}` with its ETag (201 and Location for
   * a user it adds): the one way every route on a licence but the terms change (which also looks at
   * the Mission Critical cover) builds its metadata, decides and answers. `body` is what the
   * metadata is built from: the validated DTO, `bodyWithReason(...)` of one whose only field is an
   * optional reason, or undefined for a command that takes none (see `commandMeta`).
   */
  private async onLicence(
    licenceId: string,
    actor: Actor,
    request: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    command: Pick<LicenceCommand, 'type' | 'data'>,
    created?: { location: string },
  ) {
    const result = await this.send(licenceId, actor, commandMeta(actor, request, body), command);
    return commandResponse(reply, licenceId, result, created);
  }

  private send(
    licenceId: string,
    actor: Actor,
    meta: ReturnType<typeof commandMeta>,
    command: Pick<LicenceCommand, 'type' | 'data'>,
  ) {
    const full = { ...command, actor, at: this.clock.now().toISOString() } as LicenceCommand;
    return this.commands.send(new ExecuteLicenceCommand(licenceId, full, meta));
  }
}

/**
 * The reason the request gives, if any: the event then carries none rather than `reason: undefined`
 * (the hand-over and the resend record theirs this way).
 */
function reasonIfGiven(body: OptionalReasonDto | undefined): { reason?: string } {
  return body?.reason === undefined ? {} : { reason: body.reason };
}

/**
 * Only the permissions the request names. A DTO instance carries every declared field (undefined
 * when the request left it out), and spreading those undefined flags over the user's current
 * permissions would wipe them: `{permissions: {shareTickets: true}}` must leave the others alone.
 */
function namedFlags(permissions: PartialPermissionsDto): Partial<LicensedUserPermissions> {
  return Object.fromEntries(Object.entries(permissions).filter(([, value]) => value !== undefined));
}

/**
 * Only the terms the request names, for the same reason as `namedFlags`: a term the DTO carries as
 * undefined is one the request left out. `null` stays, for the decider to refuse as a bad value.
 */
function namedTerms(body: ChangeLicenceTermsDto): ChangeLicenceTerms['data'] {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
