import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_SEVERITIES, CASE_STATUSES, ESCALATION_REASONS } from '@casetrail/domain';
import { enumOrNull } from '../../openapi/nullable-schema';
import { ReportCoverageDto } from '../shared/report-coverage.dto';
import { BOARD_STATES } from './escalations-board.query';

/**
 * GET /v1/escalations as the OpenAPI document describes it: one EscalationBoardItem
 * (escalations-board.service.ts) per escalation, and the page around them.
 */
export class EscalationBoardItemDto {
  @ApiProperty({ example: '0190a5c2-0000-7000-8000-000000000001:2', description: '`<caseId>:<level>`' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  product!: string;

  @ApiProperty({ description: "The case's title" })
  title!: string;

  @ApiProperty({
    description:
      "Whether the case's account is Mission Critical now (every entry shows its case as it stands now, ended ones too)",
  })
  missionCritical!: boolean;

  @ApiProperty({
    enum: CASE_SEVERITIES,
    description: "The case's current severity (what `severity` filters on)",
  })
  severity!: number;

  @ApiProperty({ enum: CASE_STATUSES, description: "The case's current status" })
  caseStatus!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "The engineer the case is assigned to now (every entry shows its case as it stands now); null: unassigned, in nobody's queue",
  })
  assignee!: string | null;

  @ApiPropertyOptional({
    description:
      "The vendor's staff only, while the case has an assignee: whether the records vouch for them as staff " +
      'who may see this case, judged at the read as on the queue rows and the case detail. False for an ' +
      'assignment recorded before those rules: their mail about the case, escalation alerts included, is held ' +
      'back until the case is reassigned',
  })
  assigneeVouched?: boolean;

  @ApiPropertyOptional({ description: 'With `assigneeVouched: false`: why, and what to do' })
  assigneeNotVouchedReason?: string;

  @ApiProperty({
    type: 'integer',
    description: "The escalation's level: a second escalation of a case raises it (1, 2, ...)",
  })
  level!: number;

  @ApiProperty({ enum: ESCALATION_REASONS })
  reason!: string;

  @ApiProperty()
  details!: string;

  @ApiProperty({ enum: ['customer', 'engineer'] })
  raisedBy!: string;

  @ApiProperty({ format: 'date-time' })
  escalatedAt!: string;

  @ApiProperty({ description: 'Email of who escalated' })
  escalatedBy!: string;

  @ApiProperty({
    enum: ['awaiting-acknowledgement', 'acknowledged', 'de-escalated', 'superseded'],
    description:
      '`superseded`: a later escalation of the case raised the level and replaced this one; `de-escalated` also ' +
      'when the case was closed or redirected (see `endReason`)',
  })
  status!: string;

  @ApiProperty({ description: 'Not yet de-escalated or superseded' })
  open!: boolean;

  @ApiProperty({
    format: 'date-time',
    description:
      'When an engineer must acknowledge it (default: 1 hour after escalatedAt); kept once ended, as the deadline ' +
      'it had, though nothing is owed then (`nextDue` null)',
  })
  acknowledgementDueAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  acknowledgedAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  acknowledgedBy!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "How the engineer said they took it on (the acknowledgement's reason); null when none was given",
  })
  acknowledgementReason!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastStatusUpdateAt!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Who posted the last status update' })
  lastStatusUpdateBy!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "Who owes its status updates now, as the overdue alerts' 'Owed by' line names them: the case's assignee, " +
      'else (unassigned) whoever posted the last status update, else who acknowledged it, passing over whoever ' +
      'can no longer see the case (an assignee nothing vouches for, a CSM taken off the account), and ' +
      "'support-team' when nobody who worked it can. Null while awaiting " +
      'acknowledgement and once ended',
  })
  statusUpdatesOwedBy!: string | null;

  @ApiProperty({ type: 'integer', description: 'Status updates posted since the acknowledgement' })
  statusUpdates!: number;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description:
      "When the next status update is due, on the severity's cadence (null until acknowledged, and once " +
      'ended: nothing is owed on a de-escalated or superseded escalation)',
  })
  nextStatusUpdateDueAt!: string | null;

  @ApiProperty({
    type: 'integer',
    description:
      'Overdue acknowledgements and status updates the SLA timers recorded as events on this escalation level ' +
      'only: a count of lapses so far, not whether it is overdue now (see `overdue`). A superseded level keeps its ' +
      'own count and the level raised over it starts from 0 (what it inherits is `overdueCarried`), so a sum over ' +
      '`state=all` counts each recorded lapse once',
  })
  overdueRecorded!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Lapses recorded on the levels this one replaced for what it goes on owing (the same acknowledgement, or ' +
      'the status update the replaced level owed, due when it was): how late it already was when raised. ' +
      '`overdueRecorded + overdueCarried` is how often what it owes has been alerted; 0 when raised with a fresh deadline',
  })
  overdueCarried!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  endedAt!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "The de-escalation's reason, `case closed`, `case redirected`, or `superseded by level N`",
  })
  endReason!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Who ended it (null while open): the engineer who de-escalated it or redirected the case, the customer ' +
      'whose closure of the case ended it, whoever raised the next level (`superseded`), or `system:sla-timers` ' +
      'for an automatic closure',
  })
  endedBy!: string | null;

  @ApiProperty({
    ...enumOrNull(['acknowledgement', 'status-update']),
    description: 'What the engineers owe next; null once the escalation ended',
  })
  nextDue!: 'acknowledgement' | 'status-update' | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When `nextDue` is due (the acknowledgement, then the next status update); null once ended',
  })
  nextDueAt!: string | null;

  @ApiProperty({
    description:
      'Past `nextDueAt` now (at `asOf`), whether or not the timer has recorded it yet; false once ended',
  })
  overdue!: boolean;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Milliseconds (wall clock) from `asOf` until `nextDueAt`, negative once overdue; null once ended',
  })
  dueInMs!: number | null;

  @ApiProperty({
    example: 'Europe/Berlin',
    description:
      "The case's time zone (IANA), in which its SLA clocks count and the console says the due times",
  })
  timeZone!: string;
}

export class EscalationsBoardDto {
  @ApiProperty({ enum: BOARD_STATES, description: 'The board shown (`state`, default `open`)' })
  state!: string;

  @ApiProperty({ format: 'date-time', description: 'The instant `overdue` and `dueInMs` were judged at' })
  asOf!: string;

  @ApiProperty({ type: ReportCoverageDto })
  scope!: ReportCoverageDto;

  @ApiProperty({
    type: [EscalationBoardItemDto],
    description:
      '`open` and `overdue`: Mission Critical ones first, then by `nextDueAt`, soonest (most overdue) first. ' +
      '`all`: every escalation, ended ones too, latest `escalatedAt` first. At most `limit` (default 50)',
  })
  items!: EscalationBoardItemDto[];

  @ApiPropertyOptional({
    description:
      'Present when more entries follow: pass it as `cursor`, with the same filters, for the next page. It holds ' +
      "the last entry's sort keys, so each page is right as of its own read",
  })
  nextCursor?: string;
}
