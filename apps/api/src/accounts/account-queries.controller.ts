import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import type { FastifyReply } from 'fastify';
import { normalizeEmail } from '@casetrail/domain';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Actor, isStaff } from '../auth/actor';
import { isOutsideAuditedAccounts } from '../auth/audited-accounts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQuery } from '../cases/dto/case-queries.dto';
import { LicenceQueries } from '../licences/licence-queries';
import { LicenceList } from '../licences/licence-list';
import { LicenceListDto, LicenceListQuery } from '../licences/dto/licence-list.dto';
import { ParseEmailPipe, ParseIdPipe } from '../shared/path-params';
import { etagFor } from '../shared/headers';
import { EVENT_STORE } from '../storage/storage.tokens';
import { licenceStream } from '../licences/licence-command';
import { accountStream } from './account-command';
import { AccountQueries } from './account-queries';
import { ConsistentReads } from '../projections/consistent-read.interceptor';
import { ApiReadProblems } from '../problems/api-problem-responses';
import { READ_HEADERS } from '../openapi/response-headers';
import { AccountDetailDto, AccountPageDto, CaseTeamMemberEntryDto } from './dto/account-views.dto';
import {
  LicenceDto,
  LicensedUserEntryDto,
  OverdueInvitationsDto,
  PendingInvitationsDto,
} from '../licences/dto/licence-views.dto';
import { LicenceUserChangesDto } from '../licences/dto/licence-user-changes.dto';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import { DecimalNumber } from '../shared/decimal-number.decorator';

export class InvitationQuery extends PageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 24 * 365,
    description:
      "Invitations pending for longer than this many hours (default: the policy's follow-up time, 48)",
  })
  @IsOptional()
  @DecimalNumber()
  @IsInt({ message: 'olderThanHours must be a whole number' })
  @Min(0)
  @Max(24 * 365)
  olderThanHours?: number;
}

/** GET /v1/invitations/overdue: the invitation query, and whether to list those waiting for a renewal. */
export class OverdueInvitationQuery extends InvitationQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      "`true` also lists the invitations of licences that have ended (`licenceActive` false): not overdue, they wait for the licence's renewal. Default `false`: only the overdue ones, those of licences in force",
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'includeEnded must be true or false' })
  includeEnded?: 'true' | 'false';
}

@ApiReadProblems()
@ApiTags('accounts', 'licences')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1')
@ConsistentReads()
export class AccountQueriesController {
  constructor(
    @Inject(AccountQueries) private readonly accounts: AccountQueries,
    @Inject(LicenceQueries) private readonly licences: LicenceQueries,
    @Inject(LicenceList) private readonly licenceList: LicenceList,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get('accounts')
  @ApiOperation({
    summary: 'A page of the customer accounts, by id (support staff and auditors)',
  })
  @ApiOkResponse({ type: AccountPageDto, description: 'A page of the accounts, by id' })
  listAccounts(@Query() query: PageQuery, @CurrentActor() actor: Actor) {
    if (!isStaff(actor)) throw new ForbiddenException('The account list is for support staff');
    return this.accounts.list(actor, query.limit ?? 50, query.cursor);
  }

  @Get('accounts/:accountId')
  @ApiOperation({
    summary: 'An account, its case team and its licences',
    description:
      "For staff, the account's CSM, its licence holders and registered users of its licences in force; " +
      'anyone else, a case-team member who is none of these included, gets 403, but someone with no tie to the ' +
      'account (no licence of it, no case-team entry, no staff role; a CSM not designated to it) gets 404, as for an id nobody registered (a member reads their own ' +
      'entry at /v1/accounts/{accountId}/case-team/{email}, and the cases at /v1/cases). `warnings` names ' +
      'what an admin must put right: a Mission Critical account with no CSM (PUT /v1/accounts/{accountId}/csm)',
  })
  @ApiOkResponse({ type: AccountDetailDto, headers: READ_HEADERS })
  async account(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireAuditedAccount(actor, accountId);
    return this.withEtag(accountStream(accountId), reply, () => this.accounts.account(actor, accountId));
  }

  /**
   * The case-team member a POST to the case team names in its Location. A member who may not see
   * the account reads their own entry here: their notification preference and the ETag its PATCH takes.
   */
  @Get('accounts/:accountId/case-team/:email')
  @ApiOperation({
    summary: 'One case-team member: name, notification preference, when added',
    description:
      'For those who see the account; a case-team member also reads their own entry (the ETag is the one ' +
      'a PATCH of their notification preference takes). Anyone else gets 403; someone with no tie to the account, 404',
  })
  @ApiOkResponse({ type: CaseTeamMemberEntryDto, headers: READ_HEADERS })
  async caseTeamMember(
    @Param('accountId', new ParseIdPipe('account')) accountId: string,
    @Param('email', ParseEmailPipe) email: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireAuditedAccount(actor, accountId);
    return this.withEtag(accountStream(accountId), reply, () =>
      this.accounts.caseTeamMember(actor, accountId, email),
    );
  }

  /**
   * The licences the caller holds or is a licensed user of (pending invitations included), so a new
   * holder or user finds the licence id they log cases and invite colleagues with; staff get a page
   * of the licences they look after (LicenceList).
   */
  @Get('licences')
  @ApiOperation({
    summary: 'The licences you hold or are a licensed user of, with your standing and permissions on each',
    description:
      'Customers: every licence they hold or are invited to (pending or active), with its id, account, terms, ' +
      'seats (used and left, once they see the licence: the holder, an active user of a licence in force), their ' +
      'standing (holder, active-user, pending-invitation), permissions, whether they may open cases or manage ' +
      'users now, and for a pending invitation the activation request. Staff: every licence (a CSM: those of ' +
      'their accounts), a page at a time, with limit and cursor. accountId narrows either list to one account; ' +
      'staff naming an account nobody registered get 404 naming accountId, a CSM naming one that is not theirs the same 404, as the queues and reports answer',
  })
  @ApiOkResponse({ type: LicenceListDto })
  listLicences(@Query() query: LicenceListQuery, @CurrentActor() actor: Actor) {
    return this.licenceList.list(actor, {
      accountId: query.accountId,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }

  @Get('licences/:licenceId')
  @ApiOperation({
    summary:
      'A licence: terms, seats and users (staff, its holder and registered users; only the holder and user managers see every user)',
    description:
      "A customer with no tie to the licence gets 404, as for an id nobody issued. The ETag is the revision a write's If-Match takes.",
  })
  @ApiOkResponse({ type: LicenceDto, headers: READ_HEADERS })
  async licence(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.withEtag(licenceStream(licenceId), reply, () => this.licences.licence(actor, licenceId));
  }

  /** The licensed user a POST to the licence's users names in its Location (users who do not manage users see only themselves). */
  @Get('licences/:licenceId/users/:email')
  @ApiOperation({
    summary:
      'One user of a licence: status and permissions (the holder, users who manage users and staff; a user, themselves)',
    description:
      "A customer with no tie to the licence gets 404. The ETag is the revision a write's If-Match takes.",
  })
  @ApiOkResponse({ type: LicensedUserEntryDto, headers: READ_HEADERS })
  async licensedUser(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Param('email', ParseEmailPipe) email: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.withEtag(licenceStream(licenceId), reply, async () => {
      const { users } = await this.licences.licence(actor, licenceId);
      const user = withEmail(users, email);
      if (!user) throw new NotFoundException(`${email} is not a user of licence ${licenceId} you may see`);
      return { licenceId, ...user };
    });
  }

  @Get('licences/:licenceId/pending-invitations')
  @ApiOperation({
    summary:
      "The licence's invitations pending for longer than the follow-up time, oldest first (the holder, users who manage users, staff)",
  })
  @ApiOkResponse({
    type: PendingInvitationsDto,
    description: 'For the holder, users who manage users and staff (anyone else: 403)',
  })
  pendingInvitations(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Query() query: InvitationQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.licences.pendingInvitations(
      actor,
      licenceId,
      query.olderThanHours,
      query.limit ?? 50,
      query.cursor,
    );
  }

  /** Who changed what on the licence's users; the licence's full history is for admins and auditors. */
  @Get('licences/:licenceId/user-changes')
  @ApiOperation({
    summary:
      "Who changed what on the licence's users, newest first (the holder, users who manage users, staff)",
  })
  @ApiOkResponse({
    type: LicenceUserChangesDto,
    description:
      'Who invited (or resent an invitation to), re-permissioned, registered or removed which user, and who handed the licence to a new holder, when and why, newest first: for the holder, users who manage users and staff (anyone else: 403)',
  })
  userChanges(
    @Param('licenceId', new ParseIdPipe('licence')) licenceId: string,
    @Query() query: PageQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.licences.userChanges(actor, licenceId, query.limit ?? 50, query.cursor);
  }

  @Get('invitations/overdue')
  @ApiOperation({
    summary:
      "Invitations pending for longer than the follow-up time on licences in force (with `includeEnded=true`, also those waiting for their licence's renewal), on every licence the caller looks after (staff and auditors)",
  })
  @ApiOkResponse({
    type: OverdueInvitationsDto,
    description:
      "Staff only. The overdue invitations, those the licences' `pendingInvitationsOverdue` count; an ended licence's are listed only with `includeEnded=true`",
  })
  overdueInvitations(@Query() query: OverdueInvitationQuery, @CurrentActor() actor: Actor) {
    if (!isStaff(actor)) {
      throw new ForbiddenException('The follow-up list of overdue invitations is for support staff');
    }
    return this.licences.overdueInvitations(
      actor,
      query.olderThanHours,
      query.limit ?? 200,
      query.cursor,
      query.includeEnded === 'true',
    );
  }

  /**
   * The view `read` gives, with the revision of the stream it lives in as its ETag (the If-Match
   * its writes take). The revision is read first: the consistent read has waited for everything
   * stored when the request came, so the view is at least this new, and an If-Match with it can
   * only fail safe (412). The ETag goes out with the view only: on a refusal it would tell whether
   * the resource exists.
   */
  private async withEtag<View extends object>(
    stream: string,
    reply: FastifyReply,
    read: () => Promise<View>,
  ): Promise<View & { revision: number }> {
    const [last] = await this.events.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const revision = last?.revision ?? -1;
    const view = await read();
    void reply.header('etag', etagFor(revision));
    return { ...view, revision };
  }
}

/** The entry for `email`: the licence and case-team records keep addresses normalised. */
function withEmail<Entry extends { email: string }>(
  entries: readonly Entry[],
  email: string,
): Entry | undefined {
  const wanted = normalizeEmail(email);
  return entries.find((entry) => entry.email === wanted);
}

/**
 * To a customer's compliance auditor an account their token does not name is another customer's:
 * answered as one nobody registered (AccountQueries' 404), not 403, which would say it exists.
 */
function requireAuditedAccount(actor: Actor, accountId: string): void {
  if (isOutsideAuditedAccounts(actor, accountId)) throw new NotFoundException(`No account ${accountId}`);
}
