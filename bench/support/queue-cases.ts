import {
  CaseActor,
  CaseCommand,
  CaseEvent,
  CaseState,
  CaseTimer,
  DomainError,
  caseDecider,
  caseTimers,
  commandForTimer,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import { isLeaseOwnerProcessGone, processLeaseOwner, type ReadModelStore } from '@casetrail/readmodels';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { SLA_TIMERS_LEASE } from '../../apps/api/src/sla-timers/sla-timers.options';
import { BENCH_ACTORS, benchCaseContext } from './case-history';

/** Engineers the seeded cases are assigned to; the first is the one the bench queries as ("mine"). */
export const QUEUE_ENGINEERS = Array.from({ length: 20 }, (_, index) => `engineer.${index}@vendor.example`);

const ACCOUNTS = 500;
const DAY_MS = 86_400_000;
/** The name the seed's checkpoint is kept under, so the real `cases` projection starts clean. */
const SEED_PROJECTION = 'bench-queue-seed';
const BATCH = 2_000;

/**
 * Fills the `cases` read model with `count` open cases the way the cases projection writes them:
 * real decisions (opened over the last three weeks by customers of 500 accounts, severity 2 or 3,
 * or 1 by phone; about half answered, a third assigned among 20 engineers, one in 40 escalated,
 * one in 12 waiting for the customer; every 20th account Mission Critical), with what the SLA process
 * manager has recorded by then (at-risk warnings, breaches, overdue escalations), applied by the
 * real `casesProjection`. Deterministic for a given `now`.
 */
export async function seedOpenCases(readModels: ReadModelStore, count: number, now: number): Promise<void> {
  await readModels.ensureCollections(casesProjection.collections);
  let position = await readModels.getCheckpoint(SEED_PROJECTION);
  let batch: RecordedEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await readModels.applyBatch(SEED_PROJECTION, batch, (event, tx) => casesProjection.apply(event, tx));
    batch = [];
  };
  for (let n = 0; n < count; n++) {
    const events = caseEvents(n, now);
    events.forEach((event, revision) => {
      position += 1;
      batch.push({
        id: `bench-${position}`,
        stream: `case-${caseId(n)}`,
        revision,
        position,
        type: event.type,
        data: event.data,
        metadata: { actor: 'bench', correlationId: 'bench', schemaVersion: 1 },
        recordedAt: new Date(now).toISOString(),
      });
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
}

/**
 * Keeps the SLA process manager of an API started on the seeded store standing by, as it does while
 * another process holds its lease: the seeded cases have no streams in the event store (only their
 * rows), so its reviewers (due timers, Mission Critical cover) would take every case they look at
 * for one whose stream lost its events, and log an ERROR for it each minute. Held by this process
 * for `ttlMs` (a day: longer than any run), so the lease is not taken over while the bench runs.
 */
export async function holdSlaTimersLease(readModels: ReadModelStore, ttlMs = DAY_MS): Promise<void> {
  const held = await readModels.tryAcquireLease(
    SLA_TIMERS_LEASE,
    processLeaseOwner(),
    ttlMs,
    isLeaseOwnerProcessGone,
  );
  if (!held) throw new Error(`The bench could not take the ${SLA_TIMERS_LEASE} lease of its fresh store`);
}

function caseId(n: number): string {
  return `bench-case-${String(n).padStart(7, '0')}`;
}

/** One case's history: opened, and depending on `n`, answered, assigned, escalated, waiting. */
function caseEvents(n: number, now: number): CaseEvent[] {
  const account = n % ACCOUNTS;
  const context = benchCaseContext(`bench-account-${account}`, `bench-licence-${account}`);
  context.entitlement!.account.missionCritical = account % 20 === 0;
  const openedAt = now - ((n * 7_919) % (21 * DAY_MS));
  const at = (offsetMinutes: number) =>
    new Date(Math.min(now, openedAt + offsetMinutes * 60_000)).toISOString();
  const id = caseId(n);
  const byPhone = n % 50 === 0;
  const steps: CaseCommand[] = [
    {
      type: 'OpenCase',
      caseId: id,
      actor: byPhone ? BENCH_ACTORS.engineer : BENCH_ACTORS.customer,
      at: at(0),
      licenceId: `bench-licence-${account}`,
      title: `Bench case ${n}`,
      description: 'Publishing pages fails intermittently since the upgrade',
      severity: byPhone ? 1 : n % 3 === 0 ? 2 : 3,
      channel: byPhone ? 'phone' : 'web',
      ...(byPhone ? { onBehalfOf: BENCH_ACTORS.customer.email } : {}),
    },
  ];
  const engineer: CaseActor = { email: QUEUE_ENGINEERS[n % QUEUE_ENGINEERS.length], roles: ['engineer'] };
  if (n % 2 === 0)
    steps.push({
      type: 'AddComment',
      caseId: id,
      actor: engineer,
      at: at(30),
      commentId: 'c1',
      body: 'Looking into it',
      internal: false,
    });
  if (n % 3 === 0)
    steps.push({ type: 'AssignEngineer', caseId: id, actor: engineer, at: at(35), engineer: engineer.email });
  if (n % 40 === 1)
    steps.push({
      type: 'Escalate',
      caseId: id,
      actor: BENCH_ACTORS.customer,
      at: at(60),
      reason: 'production-impact',
      details: 'Launch tomorrow',
    });
  if (n % 12 === 4)
    steps.push({
      type: 'RequestInformation',
      caseId: id,
      actor: engineer,
      at: at(90),
      body: 'Please send the log',
    });

  let state: CaseState = caseDecider.initialState;
  const events: CaseEvent[] = [];
  /** Applies what the rules decide; false when they refuse or record nothing. */
  const run = (command: CaseCommand): boolean => {
    try {
      const decided = caseDecider.decide(command, state, context);
      for (const event of decided) {
        events.push(event);
        state = caseDecider.evolve(state, event);
      }
      return decided.length > 0;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return false;
    }
  };
  // A step the rules refuse for this case (e.g. a request on a case not yet answered) is skipped.
  for (const command of steps) run(command);
  // What the SLA process manager has recorded by now (warnings, breaches, overdue escalations): a
  // desk's cases carry them, and without them every past-due timer of the seed would wait to fire.
  let due = dueTimer(state, now);
  while (due && run(commandForTimer(id, due, due.fireAt))) due = dueTimer(state, now);
  return events;
}

/** The case's earliest timer that is due by `now`, if any. */
function dueTimer(state: CaseState, now: number): CaseTimer | undefined {
  const [first] = caseTimers(state);
  return first && Date.parse(first.fireAt) <= now ? first : undefined;
}
