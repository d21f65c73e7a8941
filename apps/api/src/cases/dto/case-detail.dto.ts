import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_ACTIONS,
  CASE_CHANNELS,
  CASE_SEVERITIES,
  CASE_STATUSES,
  DURATION_CLOCKS,
  DURATION_UNITS,
  REDIRECT_TARGETS,
} from '@casetrail/domain';
import { objectOrNull } from '../../openapi/nullable-schema';

/**
 * A case detail (CaseDetail, libs/readmodels/src/cases/case-detail.ts) as the OpenAPI document
 * describes it: the case list's and the queues' items, and GET /v1/cases/{caseId}. The SLA
 * targets say how their states relate to the reports, so a recount from the list matches them.
 */
class SlaGoalDto {
  @ApiProperty({ type: 'integer' })
  amount!: number;

  @ApiProperty({ enum: DURATION_UNITS })
  unit!: string;

  @ApiProperty({
    enum: DURATION_CLOCKS,
    description:
      "`wall`: every hour counts (severity 1's response); `business`: working time on the case's calendar",
  })
  clock!: string;
}

class ClockPauseDto {
  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Absent while the pause lasts' })
  to?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  awaitingCustomerSince?: string;
}

export class SlaTargetViewDto {
  @ApiProperty({
    format: 'date-time',
    description:
      'The first breached instant. While paused, the due time the clock would get if the customer answered now',
  })
  dueAt!: string;

  @ApiProperty({
    enum: ['running', 'paused', 'met', 'breached'],
    description:
      '`running`: the clock runs; `paused`: the case awaits the customer; `met`: the clock ' +
      'stopped before `dueAt` (at `metAt`); `breached`: it passed `dueAt` unmet (`breachedAt`; `metAt` too if ' +
      'answered late). A `met` or `breached` resolution with `stoppedBy` was stopped by a redirection, not by a ' +
      'resolution: the reports count it neither met nor missed',
  })
  state!: string;

  @ApiProperty({ description: 'Running, past its at-risk share of the goal and not yet due, now' })
  atRisk!: boolean;

  @ApiProperty({ format: 'date-time' })
  atRiskAt!: string;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'Wall-clock ms until due (negative once overdue); absent once met. While paused, as at the pause',
  })
  remainingMs?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Business ms until due on the case calendar; absent once met',
  })
  remainingBusinessMs?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the clock stopped (the answer, resolution or referral)',
  })
  metAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  breachedAt?: string;

  @ApiProperty({
    format: 'date-time',
    description:
      'When this clock started: the opening, or the severity upgrade or reopening that restarted it',
  })
  startedAt!: string;

  @ApiProperty({ type: SlaGoalDto })
  goal!: SlaGoalDto;

  @ApiProperty()
  policyVersion!: string;

  @ApiProperty({
    type: [ClockPauseDto],
    description: 'The pauses of this clock since `startedAt`, oldest first',
  })
  pauses!: ClockPauseDto[];

  @ApiPropertyOptional({
    enum: ['redirection'],
    description:
      "Resolution only, on a redirected case: the clock stopped at the redirection's referral, so `met` (or " +
      '`breached`) says whether the referral came before the resolution was due, not that the case was ' +
      'resolved. The SLA dashboard and the daily report count such a resolution neither met nor missed (the ' +
      "case is reported under the daily report's `redirections`): a recount of resolutions from case details " +
      'must leave out targets with `stoppedBy`. (The referral is also the first response of a case not answered ' +
      'before; that one counts as a first response.)',
  })
  stoppedBy?: 'redirection';
}

class CaseSlaDto {
  @ApiProperty({ type: SlaTargetViewDto })
  firstResponse!: SlaTargetViewDto;

  @ApiProperty({ type: SlaTargetViewDto })
  resolution!: SlaTargetViewDto;
}

/** What the case's detail, list, as-of and history withhold from whom (CaseAccess licenceTermsSight). */
const LICENCE_TERMS_WITHHELD =
  "null to a reader who is neither staff nor one of the owning account's people (a sharee or case-team " +
  'member from another company): the licence terms the customer bought are not theirs';

class CasePriorityDto {
  @ApiProperty({
    type: 'integer',
    description:
      "The queues' first sort key, lowest first: (Mission Critical ? 0 : 100) + (escalated ? 0 : 10) + severity. " +
      'So 1 is a Mission Critical escalated severity-1 case, 113 an ordinary severity-3 one; ' +
      LICENCE_TERMS_WITHHELD,
    nullable: true,
  })
  rank!: number | null;

  @ApiProperty({
    type: 'boolean',
    nullable: true,
    description: `The account's Mission Critical cover (its plan); ${LICENCE_TERMS_WITHHELD}`,
  })
  missionCritical!: boolean | null;

  @ApiProperty({ description: 'An escalation is open' })
  escalated!: boolean;

  @ApiProperty({ enum: CASE_SEVERITIES })
  severity!: number;
}

export class EscalationViewDto {
  @ApiProperty({ type: 'integer' })
  level!: number;

  @ApiProperty({ enum: ['awaiting-acknowledgement', 'acknowledged', 'de-escalated'] })
  status!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  details!: string;

  @ApiProperty({ format: 'date-time' })
  escalatedAt!: string;

  @ApiProperty()
  escalatedBy!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  acknowledgementDueAt?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it was acknowledged; kept once it ended (absent when it ended unacknowledged)',
  })
  acknowledgedAt?: string;

  @ApiPropertyOptional({
    description:
      'Who acknowledged it (as the escalations board says); kept once it ended (absent when it ended unacknowledged)',
  })
  acknowledgedBy?: string;

  @ApiPropertyOptional({
    description:
      "How it was taken on: the acknowledgement's reason, as the escalations board's `acknowledgementReason` (open, acknowledged; absent when none was given)",
  })
  acknowledgementReason?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The latest status update, absent until one is posted; kept once it ended',
  })
  lastStatusUpdateAt?: string;

  @ApiPropertyOptional({
    description:
      "Who posted the latest status update (open, acknowledged), as the board's `lastStatusUpdateBy`",
  })
  lastStatusUpdateBy?: string;

  @ApiPropertyOptional({
    description:
      "Who owes its status updates now (open, acknowledged), as the board's `statusUpdatesOwedBy`: the case's assignee, else whoever posted the last status update, else who acknowledged it",
  })
  statusUpdatesOwedBy?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  nextStatusUpdateDueAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  endedAt?: string;

  @ApiPropertyOptional()
  endReason?: string;

  @ApiPropertyOptional({
    description:
      "Ended escalations: who ended it (who de-escalated it, or closed or redirected the case), as the escalations board's `endedBy`",
  })
  endedBy?: string;
}

export class CaseShareDto {
  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'date-time' })
  sharedAt!: string;

  @ApiProperty()
  sharedBy!: string;
}

// The escalation is referenced only inside `objectOrNull`, which does not register it by itself.
@ApiExtraModels(EscalationViewDto)
export class CaseDetailDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ format: 'uuid' })
  licenceId!: string;

  @ApiProperty()
  product!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: `The licence's edition; ${LICENCE_TERMS_WITHHELD}`,
  })
  edition!: string | null;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiPropertyOptional()
  category?: string;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: string;

  @ApiProperty({ enum: CASE_SEVERITIES })
  severity!: number;

  @ApiProperty({ type: CasePriorityDto })
  priority!: CasePriorityDto;

  @ApiProperty({ enum: CASE_CHANNELS })
  channel!: string;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty()
  openedBy!: string;

  @ApiPropertyOptional()
  openedByName?: string;

  @ApiPropertyOptional({ description: 'The engineer who logged a phoned-in case on behalf of `openedBy`' })
  loggedBy?: string;

  @ApiProperty({ nullable: true, type: String })
  assignee!: string | null;

  @ApiProperty({ type: CaseSlaDto, description: 'The two SLA targets, evaluated at the read' })
  sla!: CaseSlaDto;

  @ApiProperty({ ...objectOrNull(EscalationViewDto), description: 'The latest escalation, or null' })
  escalation!: EscalationViewDto | null;

  @ApiProperty({ type: [CaseShareDto] })
  shares!: CaseShareDto[];

  @ApiProperty({ example: 'Europe/Sofia' })
  timeZone!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "The support policy's named calendar; null: the default, and to a reader who is neither staff nor one of the owning account's people (a calendar is made for that customer alone; the due times computed on it are shown)",
  })
  calendar!: string | null;

  @ApiProperty()
  policyVersion!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  firstResponseAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  resolvedAt?: string;

  @ApiPropertyOptional()
  resolutionSummary?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Closed, or (a redirected case) redirected' })
  closedAt?: string;

  @ApiPropertyOptional({ enum: REDIRECT_TARGETS })
  redirectedTo?: string;

  @ApiPropertyOptional()
  referral?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  autoCloseAt?: string;

  @ApiPropertyOptional({ enum: ['de-escalation'] })
  autoCloseWaitsFor?: string;

  @ApiProperty({ format: 'date-time' })
  lastChangedAt!: string;

  @ApiProperty({ type: 'integer', description: 'For If-Match' })
  revision!: number;

  @ApiPropertyOptional({
    description:
      "The vendor's staff only (not a customer's compliance auditor), while the case has an assignee: " +
      'whether the records vouch for them as staff who may ' +
      'see this case (on the detail and on its rows in every queue and in GET /v1/cases, which the ' +
      '`assigneeVouched` filter picks by), as a colleague assigning them now would be judged (took a ' +
      'case themselves, a ' +
      "staff email domain unless they are the CSM of other accounts only, this account's CSM, and not " +
      'known as a customer). False for an assignment ' +
      'recorded before those rules: their assignee mail is held back until the case is reassigned',
  })
  assigneeVouched?: boolean;

  @ApiPropertyOptional({ description: 'With `assigneeVouched: false`: why, and what to do' })
  assigneeNotVouchedReason?: string;
}

class CaseTeamMemberDto {
  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Receives email notifications' })
  notify!: boolean;
}

/** The sign that a record's stored record is damaged (RecordDamagedSign): on a case's, a licence's or an account's view. */
export class RecordDamagedDto {
  @ApiProperty({
    description:
      'What it means for the caller: staff are told the problem every command on it answers now ' +
      '(503 stored-event-unreadable while a row of it cannot be read, storage-inconsistent once it reads) ' +
      'and the step still needed (restore the row, its integrity check, or `casetrail rebuild` and a restart ' +
      'for a stream the projections set aside); anyone else that changes cannot be made right now',
  })
  detail!: string;

  @ApiPropertyOptional({
    description:
      "The vendor's staff only: what was found (the lost, unreadable or changed event), as /health's `storage` names it",
  })
  problem?: string;

  @ApiPropertyOptional({ description: "The vendor's staff only: when this process first found it" })
  foundAt?: string;
}

/** GET /v1/cases/{caseId}: the detail and the account's case team. */
export class CaseDetailResponseDto extends CaseDetailDto {
  @ApiPropertyOptional({
    enum: CASE_ACTIONS,
    isArray: true,
    description:
      'What the caller may do on the case now, one name per command (comment: a public comment, ' +
      'internalNote: an internal one): each listed when the API would accept it from them now with a ' +
      'well-formed body, judged by the rules the command is (their roles, their relation to the case, ' +
      "its status and escalation, their licence's term and permissions, as recorded now). A share is " +
      "judged as one with a colleague at the opener's company, an assignment as taking the case " +
      'themselves, an unshare as leaving the case (a sharee) or withdrawing its first share; some ' +
      'accepted commands change nothing (unassign on a case nobody is assigned). Empty for a ' +
      'read-only role, and while the case is known to be damaged (`recordDamaged`). Absent with `asOf`',
  })
  allowedActions?: (typeof CASE_ACTIONS)[number][];

  @ApiPropertyOptional({
    type: RecordDamagedDto,
    description:
      "Present while the API knows the case's stored record is damaged (events lost, unreadable or " +
      'changed, as a command, a history, an integrity check or the SLA timers found): no command on ' +
      'it is taken, so `allowedActions` is empty. Absent with `asOf`',
  })
  recordDamaged?: RecordDamagedDto;

  @ApiProperty({
    type: [CaseTeamMemberDto],
    description:
      "The account's case team (empty for someone who sees the case only through a share, with `teamWithheld`)",
  })
  team!: CaseTeamMemberDto[];

  @ApiPropertyOptional({
    enum: [true],
    description:
      'Present (true) when the case team is withheld from the reader (someone who sees the case only through a ' +
      'share): `team` is then empty whether or not the account has a case team',
  })
  teamWithheld?: true;
}

/** GET /v1/cases: a page of the cases the caller may see, latest opened first. */
export class CaseListDto {
  @ApiProperty({ type: [CaseDetailDto] })
  items!: CaseDetailDto[];

  @ApiPropertyOptional({
    description: 'Present when more cases follow: pass it as `cursor` for the next page',
  })
  nextCursor?: string;
}
