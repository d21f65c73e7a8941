import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BROKEN_LINK_PROBLEMS } from '../cases/queries/history-integrity.openapi';

/**
 * /health as the OpenAPI document describes it: the public report (PublicHealthReport), and what an
 * admin's token adds (adminHealth), which keeps every public field as it is.
 */
const COMPONENT_STATUS = ['up', 'degraded'];
const ADMIN_ADDS = "With an admin's token, also its counts, leases and `problem`(s)";

class StoreCheckDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: "Admin's token only: why it is down" })
  error?: string;
}

class StoreChecksDto {
  @ApiProperty({ type: StoreCheckDto })
  eventStore!: StoreCheckDto;

  @ApiProperty({ type: StoreCheckDto })
  readModels!: StoreCheckDto;
}

class ProjectionHealthDto {
  @ApiProperty({ example: 'cases' })
  name!: string;

  @ApiProperty({
    description: 'active, standby, failed, no-runner (events wait and nobody applies them), unknown…',
  })
  state!: string;

  @ApiProperty({ enum: COMPONENT_STATUS })
  status!: string;

  @ApiProperty({ type: 'integer', description: 'Events stored and not yet applied' })
  lag!: number;
}

class ComponentHealthDto {
  @ApiProperty({ enum: COMPONENT_STATUS, description: ADMIN_ADDS })
  status!: string;
}

const DELIVERY_COUNT = (what: string) => ({
  type: 'integer' as const,
  description: `Admin's token only: ${what}`,
});

/** The notifications' delivery figures an admin's token adds (NotificationDeliverySummary), each apart. */
class NotificationsHealthDto extends ComponentHealthDto {
  @ApiPropertyOptional(DELIVERY_COUNT('not delivered yet and not given up on'))
  pending?: number;

  @ApiPropertyOptional(DELIVERY_COUNT('sent'))
  sent?: number;

  @ApiPropertyOptional(DELIVERY_COUNT('dead letters: given up on after failed attempts, or refused for good'))
  dead?: number;

  @ApiPropertyOptional(
    DELIVERY_COUNT('set aside as their events are gone (a log restored from an older backup)'),
  )
  lost?: number;

  @ApiPropertyOptional(
    DELIVERY_COUNT(
      "not sent to a case's assignee not vouched for as staff who may see it: reassign the case",
    ),
  )
  withheld?: number;

  @ApiPropertyOptional(
    DELIVERY_COUNT(
      'not sent as not needed: written for whoever owes a missed status update should the assignee not be ' +
        'vouched for, and the assignee was at send time; neither sent nor failed, nothing to do',
    ),
  )
  unneeded?: number;
}

class BrokenLinkDto {
  @ApiProperty({ example: 'support-policy-versions' })
  stream!: string;

  @ApiProperty({ type: 'integer' })
  revision!: number;

  @ApiProperty()
  eventId!: string;

  @ApiProperty({ enum: BROKEN_LINK_PROBLEMS })
  problem!: string;

  @ApiPropertyOptional()
  expected?: string;

  @ApiPropertyOptional()
  actual?: string;
}

class UncoveredAccountsDto {
  @ApiProperty({ type: 'integer' })
  count!: number;

  @ApiProperty({ type: [String], description: 'The first of them, by id' })
  accountIds!: string[];

  @ApiProperty({ example: 'PUT /v1/accounts/{accountId}/csm' })
  fix!: string;
}

class DamagedStreamDto {
  @ApiProperty({ example: 'case-0b5e…' })
  stream!: string;

  @ApiProperty({
    description: 'What was found the first time: lost events, an unreadable row, a broken link',
  })
  problem!: string;

  @ApiProperty({ format: 'date-time' })
  seenAt!: string;
}

class StorageHealthDto {
  @ApiProperty({
    enum: COMPONENT_STATUS,
    description:
      'degraded once this process found a stream damaged (a command, If-Match, `asOf`, a history or an ' +
      "integrity check ran into lost, unreadable or changed events, or its projector thread's SLA timers did), " +
      'until a restart. A separate `casetrail project` process logs what its SLA timers find instead. ' +
      "Not a walk of the log: `casetrail verify` checks every stream. With an admin's token, also which ones",
  })
  status!: string;

  @ApiPropertyOptional({ type: 'integer', description: "Admin's token only: how many streams" })
  count?: number;

  @ApiPropertyOptional({ type: [DamagedStreamDto], description: "Admin's token only: the first 20 found" })
  streams?: DamagedStreamDto[];

  @ApiPropertyOptional({
    description: "Admin's token only: what to do (`casetrail verify`, restore, restart)",
  })
  fix?: string;
}

export class HealthReportDto {
  @ApiProperty({
    enum: ['up', 'degraded', 'down'],
    description: 'down (503): a store is unreachable; degraded (200): someone must look; up (200)',
  })
  status!: string;

  @ApiProperty({
    example: '0.1.0+6b5145aa772a',
    description:
      'The build answering: `<version>+<first 12 hex digits of its git commit>` (`.dirty` when built with ' +
      'changes not committed), or `<version>+unknown-commit`; `casetrail --version` prints the same',
  })
  release!: string;

  @ApiPropertyOptional({ type: [String], description: "Admin's token only: why the status is not `up`" })
  reasons?: string[];

  @ApiProperty({ type: StoreChecksDto })
  checks!: StoreChecksDto;

  @ApiProperty({
    type: [ProjectionHealthDto],
    description: "With an admin's token, also each one's checkpoint, head position and last error",
  })
  projections!: ProjectionHealthDto[];

  @ApiPropertyOptional({ type: NotificationsHealthDto })
  notifications?: NotificationsHealthDto;

  @ApiPropertyOptional({ type: ComponentHealthDto })
  slaTimers?: ComponentHealthDto;

  @ApiPropertyOptional({ type: ComponentHealthDto, description: 'Absent when down' })
  supportPolicy?: ComponentHealthDto;

  @ApiPropertyOptional({ type: StorageHealthDto, description: 'Absent when down' })
  storage?: StorageHealthDto;

  @ApiPropertyOptional({
    type: [String],
    description: "Admin's token only: calendars accounts or cases name that the policy lacks",
  })
  missingCalendars?: string[];

  @ApiPropertyOptional({
    type: BrokenLinkDto,
    description:
      "Admin's token only: the first broken link of the support policy archive's hash chain (absent when it holds); the process keeps the policies it verified at start, and a restart is refused until the event store is restored",
  })
  damagedPolicyArchive?: BrokenLinkDto;

  @ApiPropertyOptional({
    type: UncoveredAccountsDto,
    description: "Admin's token only: Mission Critical accounts with no CSM designated (absent when none)",
  })
  missionCriticalWithoutCsm?: UncoveredAccountsDto;

  @ApiPropertyOptional({ description: "Without an admin's token: where the rest is" })
  details?: string;
}
