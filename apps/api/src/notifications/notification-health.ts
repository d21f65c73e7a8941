import { isHeld, whyNotHeld, type LeaseView } from '../storage/lease-inspector';
import type { NotificationDeliverySummary } from './delivery/delivery-summary';
import type { NotificationPipelineStatus } from './notification-pipeline';

/** The outbox writer's and the delivery worker's leases: who is at work, whichever process it is. */
export interface NotificationWorkerLeases {
  outbox: LeaseView | null;
  delivery: LeaseView | null;
}

export interface NotificationHealth extends NotificationDeliverySummary {
  /** Present when this process runs the pipeline (embedded mode). */
  pipeline?: NotificationPipelineStatus;
  /** Present when this process can read the leases (always, but for stores a test built by hand). */
  leases?: NotificationWorkerLeases;
  /**
   * How long the longest-waiting due notification has waited (`oldestDueAt` to now; 0 when none
   * is due): the figure that grows when mail is not getting out, whatever the backlog.
   */
  oldestDueForMs?: number;
  /** Why notifications make /health degraded. */
  problems?: string[];
}

/** Whether a runner is at work on each half of the pipeline; undefined where this process cannot tell. */
export interface NotificationWorkersAtWork {
  outbox?: boolean;
  delivery?: boolean;
}

export function notificationWorkersAtWork(
  health: Omit<NotificationHealth, 'problems'>,
): NotificationWorkersAtWork {
  const { pipeline, leases } = health;
  const outboxHere = pipeline?.outbox.some(
    (status) => status.state === 'active' || status.state === 'rebuilding',
  );
  const deliveryHere = pipeline?.delivery.state === 'active';
  return {
    outbox: outboxHere || (leases ? isHeld(leases.outbox) : undefined),
    delivery: deliveryHere || (leases ? isHeld(leases.delivery) : undefined),
  };
}

/**
 * Failed attempts of one notification after which /health calls delivery failing: one failure is a
 * blip the backoff rides out, but with the default backoff (30 s, doubling) three span three and a
 * half minutes, where waiting for the first dead letter meant an hour of `up` with nothing sent.
 */
const FAILING_AFTER_ATTEMPTS = 3;

/**
 * What /health says is wrong with notifications: a half of the pipeline failing here, work waiting
 * with nobody at work on it (a `notify` process down, or never started), deliveries failing again
 * and again, or dead letters, which nobody will send unless an operator requeues them.
 */
export function notificationProblems(
  health: Omit<NotificationHealth, 'problems'>,
  thresholds: { lateAfterMs: number } = { lateAfterMs: Number.POSITIVE_INFINITY },
): string[] {
  const problems: string[] = [];
  const { pipeline, pending, dead, outboxLag = 0 } = health;
  const deadRecently = health.deadRecently ?? dead;
  for (const outbox of pipeline?.outbox ?? []) {
    if (outbox.state === 'failed')
      problems.push(`the outbox writer failed: ${outbox.lastError ?? 'no error recorded'}`);
  }
  if (pipeline?.delivery.state === 'failed') {
    problems.push(
      `the delivery worker's last round failed: ${pipeline.delivery.lastError ?? 'no error recorded'}`,
    );
  }
  const atWork = notificationWorkersAtWork(health);
  // Here, a pipeline that stands by takes the lease over by itself; elsewhere someone must start one.
  const remedy = pipeline ? '' : ': start `casetrail notify` (or set NOTIFY_IN_PROCESS=true on the API)';
  if (outboxLag > 0 && atWork.outbox === false) {
    problems.push(
      `${plural(outboxLag, 'event')} not yet in the outbox and no outbox writer at work (${whyNotHeld(health.leases?.outbox)})${remedy}`,
    );
  }
  if (pending > 0 && atWork.delivery === false) {
    problems.push(
      `${plural(pending, 'notification')} waiting and no delivery worker at work (${whyNotHeld(health.leases?.delivery)})${remedy}`,
    );
  }
  // With nobody at work the line above says why; late with a worker at work, mail is not getting out.
  const late = lateDelivery(health, thresholds.lateAfterMs);
  if (late && atWork.delivery !== false) problems.push(late);
  const retrying = health.retrying;
  if (retrying && retrying.mostAttempts >= FAILING_AFTER_ATTEMPTS) {
    problems.push(
      `${plural(retrying.count, 'notification')} waiting to be tried again after failed attempts, one after ${retrying.mostAttempts} (last error: ${retrying.lastError ?? 'none recorded'}): check the mail server (SMTP_URL) or the outbox folder`,
    );
  }
  if (deadRecently > 0) {
    problems.push(
      `${plural(deadRecently, 'dead letter')} in the last 24 hours: given up after NOTIFY_MAX_ATTEMPTS attempts or refused for good; list them with \`casetrail notifications --dead\`, send one again with \`--requeue <id>\``,
    );
  }
  return problems;
}

/**
 * A notification due for longer than `lateAfterMs` and still not sent. Failures alone do not show
 * this: a server that greets and then never answers fails one attempt per 60 s socket timeout, each
 * on another notification of a backlog, so none reaches FAILING_AFTER_ATTEMPTS while nothing goes
 * out for hours. Nor does a backlog sent too slowly to keep up, or new rows not taken up.
 */
function lateDelivery(health: Omit<NotificationHealth, 'problems'>, lateAfterMs: number): string | undefined {
  const { oldestDueForMs, oldestDueAt, due = 0 } = health;
  if (oldestDueForMs === undefined || oldestDueForMs <= lateAfterMs) return undefined;
  const lastError = health.retrying?.lastError;
  return `${plural(due, 'notification')} due and not sent, the oldest waiting since ${oldestDueAt ?? 'unknown'} (over ${Math.round(lateAfterMs / 1000)} s, NOTIFY_LATE_AFTER_MS): mail is not getting out, or not fast enough${lastError ? ` (last error: ${lastError})` : ''}; check the mail server (SMTP_URL) and the delivery worker's log`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
