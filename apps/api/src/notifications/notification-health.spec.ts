import type { ProjectionStatus } from '@casetrail/readmodels';
import type { LeaseView } from '../storage/lease-inspector';
import {
  notificationProblems,
  notificationWorkersAtWork,
  type NotificationHealth,
} from './notification-health';
import type { NotificationPipelineStatus } from './notification-pipeline';

const held: LeaseView = { holder: 'notify-1', expiresAt: '2026-03-02T09:00:15.000Z', state: 'held' };
const expired: LeaseView = { holder: 'notify-1', expiresAt: '2026-03-02T09:00:15.000Z', state: 'expired' };

function health(overrides: Partial<NotificationHealth>): NotificationHealth {
  return {
    pending: 0,
    unadopted: 0,
    sent: 10,
    dead: 0,
    interrupted: 0,
    outboxCheckpoint: 50,
    adoptedUpTo: 50,
    outboxLag: 0,
    leases: { outbox: held, delivery: held },
    ...overrides,
  };
}

function inProcess(outbox: ProjectionStatus['state'], delivery: NotificationPipelineStatus['delivery']) {
  const status: ProjectionStatus = {
    name: 'notifications-outbox',
    state: outbox,
    checkpoint: 50,
    headPosition: 50,
    lag: 0,
  };
  return { transport: '.eml files', outbox: [status], delivery };
}

describe('what makes notifications degrade /health', () => {
  it('nothing while a worker is at work on each half, however large the backlog', () => {
    expect(notificationProblems(health({ pending: 3_400, unadopted: 3_000, outboxLag: 25 }))).toEqual([]);
  });

  it('a backlog with no notify process at work: neither lease held', () => {
    const problems = notificationProblems(
      health({
        pending: 3_400,
        unadopted: 3_400,
        outboxLag: 25,
        leases: { outbox: null, delivery: expired },
      }),
    );
    expect(problems).toEqual([
      '25 events not yet in the outbox and no outbox writer at work (nobody holds its lease): start `casetrail notify` (or set NOTIFY_IN_PROCESS=true on the API)',
      '3400 notifications waiting and no delivery worker at work (its lease expired at 2026-03-02T09:00:15.000Z (last held by notify-1)): start `casetrail notify` (or set NOTIFY_IN_PROCESS=true on the API)',
    ]);
  });

  it('nothing when nobody is at work but nothing waits', () => {
    expect(notificationProblems(health({ leases: { outbox: null, delivery: null } }))).toEqual([]);
  });

  it('dead letters of the last day, even with every worker at work: nobody sends them again unless requeued', () => {
    expect(notificationProblems(health({ dead: 5, deadRecently: 2 }))).toEqual([
      '2 dead letters in the last 24 hours: given up after NOTIFY_MAX_ATTEMPTS attempts or refused for good; list them with `casetrail notifications --dead`, send one again with `--requeue <id>`',
    ]);
  });

  it('deliveries failing again and again, long before the first dead letter, but not a single failure', () => {
    const retrying = (mostAttempts: number) =>
      health({
        pending: 40,
        retrying: { count: 40, mostAttempts, lastError: 'connect ECONNREFUSED 10.0.0.5:25' },
      });
    expect(notificationProblems(retrying(2))).toEqual([]);
    expect(notificationProblems(retrying(3))).toEqual([
      '40 notifications waiting to be tried again after failed attempts, one after 3 (last error: connect ECONNREFUSED 10.0.0.5:25): check the mail server (SMTP_URL) or the outbox folder',
    ]);
  });

  it('mail not getting out though a worker is at work: a due notification waiting past NOTIFY_LATE_AFTER_MS', () => {
    // A server that greets and never answers: one failure a minute, each on another notification.
    const hanging = (oldestDueForMs: number) =>
      health({
        pending: 21_722,
        due: 21_700,
        oldestDueAt: '2026-03-02T08:55:00.000Z',
        oldestDueForMs,
        retrying: { count: 22, mostAttempts: 1, lastError: 'Timeout' },
      });
    expect(notificationProblems(hanging(120_000), { lateAfterMs: 120_000 })).toEqual([]);
    expect(notificationProblems(hanging(300_000), { lateAfterMs: 120_000 })).toEqual([
      "21700 notifications due and not sent, the oldest waiting since 2026-03-02T08:55:00.000Z (over 120 s, NOTIFY_LATE_AFTER_MS): mail is not getting out, or not fast enough (last error: Timeout); check the mail server (SMTP_URL) and the delivery worker's log",
    ]);
  });

  it('not late delivery on top when nobody is at work: the missing worker is the news', () => {
    const problems = notificationProblems(
      health({
        pending: 5,
        due: 5,
        oldestDueAt: '2026-03-02T08:55:00.000Z',
        oldestDueForMs: 300_000,
        leases: { outbox: held, delivery: null },
      }),
      { lateAfterMs: 120_000 },
    );
    expect(problems).toEqual([
      '5 notifications waiting and no delivery worker at work (nobody holds its lease): start `casetrail notify` (or set NOTIFY_IN_PROCESS=true on the API)',
    ]);
  });

  it('not older dead letters: still counted, but one address that always bounces does not keep /health degraded', () => {
    expect(notificationProblems(health({ dead: 5, deadRecently: 0 }))).toEqual([]);
  });

  it('a half of the in-process pipeline that failed', () => {
    const pipeline = inProcess('failed', { state: 'failed', lastError: 'SQLITE_BUSY' });
    pipeline.outbox[0].lastError = 'disk I/O error';
    expect(notificationProblems(health({ pipeline }))).toEqual([
      'the outbox writer failed: disk I/O error',
      "the delivery worker's last round failed: SQLITE_BUSY",
    ]);
  });

  it('counts the in-process pipeline as at work when it is active, and otherwise asks the leases', () => {
    const here = inProcess('active', { state: 'active' });
    expect(notificationWorkersAtWork(health({ pipeline: here, leases: undefined }))).toEqual({
      outbox: true,
      delivery: true,
    });
    const standingBy = inProcess('standby', { state: 'standby' });
    expect(
      notificationWorkersAtWork(
        health({ pipeline: standingBy, leases: { outbox: held, delivery: expired } }),
      ),
    ).toEqual({ outbox: true, delivery: false });
    // An in-process pipeline standing by takes the lease over itself: no remedy to tell anyone.
    expect(
      notificationProblems(
        health({ pending: 1, pipeline: standingBy, leases: { outbox: held, delivery: expired } }),
      ),
    ).toEqual([
      '1 notification waiting and no delivery worker at work (its lease expired at 2026-03-02T09:00:15.000Z (last held by notify-1))',
    ]);
  });

  it('says nothing of who is at work where it cannot tell (no leases, no pipeline here)', () => {
    expect(notificationWorkersAtWork(health({ leases: undefined }))).toEqual({
      outbox: undefined,
      delivery: undefined,
    });
    expect(notificationProblems(health({ pending: 5, outboxLag: 5, leases: undefined }))).toEqual([]);
  });
});
