import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BROKEN_LINK_PROBLEMS } from '../cases/queries/history-integrity.openapi';
import { objectOrNull } from '../openapi/nullable-schema';

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

const ADMIN_ONLY = (what: string) => `Admin's token only: ${what}`;

/** A lease as /health shows it (LeaseView): who holds it, till when, and whether that holder is alive. */
class LeaseDto {
  @ApiProperty({ description: 'The process holding it (host, PID)' })
  holder!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({
    enum: ['held', 'expired', 'holder-exited'],
    description: 'held: a live process renews it; expired or holder-exited: nobody is at work',
  })
  state!: string;
}

/** A lease, or null when nobody holds it. */
const LEASE_OR_NULL = (what: string) => ({ ...objectOrNull(LeaseDto), description: ADMIN_ONLY(what) });

@ApiExtraModels(LeaseDto)
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

  @ApiPropertyOptional({ type: 'integer', description: ADMIN_ONLY('the last log position it applied') })
  checkpoint?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: ADMIN_ONLY("the log's last position (lag = head - checkpoint)"),
  })
  headPosition?: number;

  @ApiPropertyOptional({ description: ADMIN_ONLY('its latest failure, until a batch applies again') })
  lastError?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: ADMIN_ONLY(
      'while it is behind, how long the oldest event it has not applied has waited (ms)',
    ),
  })
  behindForMs?: number;

  @ApiPropertyOptional(LEASE_OR_NULL('where it runs in another process, who holds its lease (null: nobody)'))
  lease?: LeaseDto | null;

  @ApiPropertyOptional({ description: ADMIN_ONLY('why it makes /health degraded') })
  problem?: string;
}

class ComponentHealthDto {
  @ApiProperty({ enum: COMPONENT_STATUS, description: ADMIN_ADDS })
  status!: string;
}

const DELIVERY_COUNT = (what: string) => ({
  type: 'integer' as const,
  description: `Admin's token only: ${what}`,
});

class OutboxRunnerDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'idle, standby, active, rebuilding, failed, stopped…' })
  state!: string;

  @ApiProperty({ type: 'integer' })
  checkpoint!: number;

  @ApiProperty({ type: 'integer' })
  headPosition!: number;

  @ApiProperty({ type: 'integer' })
  lag!: number;

  @ApiPropertyOptional()
  lastError?: string;
}

class DeliveryWorkerStatusDto {
  @ApiProperty({ enum: ['idle', 'standby', 'active', 'failed', 'stopped'] })
  state!: string;

  @ApiPropertyOptional()
  lastError?: string;
}

/** The in-process pipeline (NotificationPipelineStatus). */
class NotificationPipelineDto {
  @ApiProperty({ description: 'Where mail goes: smtp, or the outbox folder' })
  transport!: string;

  @ApiProperty({ type: [OutboxRunnerDto], description: "The outbox writer's runner(s)" })
  outbox!: OutboxRunnerDto[];

  @ApiProperty({ type: DeliveryWorkerStatusDto })
  delivery!: DeliveryWorkerStatusDto;
}

/** The outbox writer's and the delivery worker's leases (NotificationWorkerLeases). */
@ApiExtraModels(LeaseDto)
class NotificationLeasesDto {
  @ApiProperty({ ...objectOrNull(LeaseDto), description: "The outbox writer's (null: nobody holds it)" })
  outbox!: LeaseDto | null;

  @ApiProperty({ ...objectOrNull(LeaseDto), description: "The delivery worker's (null: nobody holds it)" })
  delivery!: LeaseDto | null;
}

class RetryingDto {
  @ApiProperty({ type: 'integer' })
  count!: number;

  @ApiProperty({ type: 'integer', description: 'The attempts of the one tried most often' })
  mostAttempts!: number;

  @ApiProperty({ type: 'string', nullable: true })
  lastError!: string | null;
}

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

  @ApiPropertyOptional(DELIVERY_COUNT('of `pending`, outbox rows the delivery worker has not taken up yet'))
  unadopted?: number;

  @ApiPropertyOptional(
    DELIVERY_COUNT('of `dead`, those given up on in the last 24 hours (what makes /health degraded)'),
  )
  deadRecently?: number;

  @ApiPropertyOptional(
    DELIVERY_COUNT(
      'pending notifications whose last attempt was cut short (a crash): their resend may be a repeat',
    ),
  )
  interrupted?: number;

  @ApiPropertyOptional(DELIVERY_COUNT('the log position the outbox writer has reached'))
  outboxCheckpoint?: number;

  @ApiPropertyOptional(DELIVERY_COUNT('the position up to which outbox rows have delivery records'))
  adoptedUpTo?: number;

  @ApiPropertyOptional(
    DELIVERY_COUNT(
      'events in the log the outbox writer has not applied yet (their notifications are not in `pending` yet)',
    ),
  )
  outboxLag?: number;

  @ApiPropertyOptional({
    type: RetryingDto,
    description: ADMIN_ONLY('pending notifications waiting to be tried again after failed attempts'),
  })
  retrying?: RetryingDto;

  @ApiPropertyOptional(
    DELIVERY_COUNT(
      'notifications that should be going out now: the backlog the delivery worker is behind by',
    ),
  )
  due?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: ADMIN_ONLY('since when the longest-waiting of `due` has waited (present while any is due)'),
  })
  oldestDueAt?: string;

  @ApiPropertyOptional(
    DELIVERY_COUNT(
      'how long the longest-waiting due notification has waited, in milliseconds (0 when none is due): ' +
        'it grows when mail is not getting out; degraded past NOTIFY_LATE_AFTER_MS',
    ),
  )
  oldestDueForMs?: number;

  @ApiPropertyOptional(
    DELIVERY_COUNT("the log's head, when the outbox writer is beyond it (events lost: `casetrail rebuild`)"),
  )
  logEndsAt?: number;

  @ApiPropertyOptional({
    type: NotificationPipelineDto,
    description: ADMIN_ONLY('present when this process runs the pipeline (embedded mode)'),
  })
  pipeline?: NotificationPipelineDto;

  @ApiPropertyOptional({
    type: NotificationLeasesDto,
    description: ADMIN_ONLY(
      "who holds the outbox writer's and the delivery worker's leases, whichever process",
    ),
  })
  leases?: NotificationLeasesDto;

  @ApiPropertyOptional({ type: [String], description: ADMIN_ONLY('why notifications make /health degraded') })
  problems?: string[];
}

/** Who fires the SLA timers and what waits for them (SlaTimersHealth): admin's token only beside `status`. */
class SlaTimersHealthDto extends ComponentHealthDto {
  @ApiPropertyOptional({
    enum: ['this-process', 'another-process', 'none', 'unknown'],
    description: ADMIN_ONLY("who holds the SLA timer scheduler's lease"),
  })
  heldBy?: string;

  @ApiPropertyOptional({
    enum: ['active', 'no-runner', 'unknown'],
    description: ADMIN_ONLY('active while a live process holds the lease, no-runner when none does'),
  })
  state?: string;

  @ApiPropertyOptional(LEASE_OR_NULL("the scheduler's lease (null: nobody holds it)"))
  lease?: LeaseDto | null;

  @ApiPropertyOptional({
    type: 'integer',
    description: ADMIN_ONLY('cases with a timer due by now and not fired yet'),
  })
  dueCases?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: ADMIN_ONLY('of those, the cases whose timer has been due over 60 s: nobody is firing them'),
  })
  overdueCases?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: ADMIN_ONLY(
      'when the timer that has waited longest came due (present while some are overdue)',
    ),
  })
  oldestOverdueAt?: string;

  @ApiPropertyOptional({ description: ADMIN_ONLY('why the SLA timers make /health degraded') })
  problem?: string;
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

  @ApiPropertyOptional({ description: 'Who found it when not this process (`casetrail project`)' })
  foundBy?: string;

  @ApiPropertyOptional({
    description:
      'Its hash chain was found broken: a fresh check finds it whole again once the store is restored',
  })
  chainBroken?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'Events lost from its end: the revision the read models had applied, which the stream must reach again',
  })
  lostFromRevision?: number;

  @ApiPropertyOptional({
    description:
      'A projection went on without one of its events (an unreadable row): only `casetrail rebuild` brings it back',
  })
  setAside?: boolean;
}

class StorageHealthDto {
  @ApiProperty({
    enum: COMPONENT_STATUS,
    description:
      'degraded once a stream was found damaged (a command, If-Match, `asOf`, a history or an integrity ' +
      'check ran into lost, unreadable or changed events, or the SLA timers did, on the projector thread or ' +
      'in a separate `casetrail project`). What was found is kept across restarts until the stream is found ' +
      "whole again (its `…/{id}/integrity` says `valid: true` once the store is restored, or a command's " +
      're-check of its chain holds; a stream that lost its end, once it holds the lost revision again). ' +
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

  @ApiPropertyOptional({ type: SlaTimersHealthDto })
  slaTimers?: SlaTimersHealthDto;

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
