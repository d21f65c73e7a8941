/**
 * The pure domain work of one command on a long-lived case: fold a 1,000-event case with `evolve`
 * and `decide` one more comment on it, as the decision runner does for every command, against
 * reading that same stream from the SQLite event store (the I/O the runner does first), in the
 * same run. Target: the domain work is not the slower half (ratio >= 1).
 *
 * The history is made by the real decider (comments, severity changes, reassignments, information
 * requests, escalations, recorded SLA breaches) and stored with ids, metadata and the hash chain,
 * as the API stores it. Rounds alternate between the sides; each keeps its best round.
 * Sizes: BENCH_DOMAIN_EVENTS (default 1000) per case, BENCH_DOMAIN_DECISIONS (default 300) per round.
 *
 * A second line does the same for a licence with BENCH_DOMAIN_LICENCE_USERS users (default 10,000),
 * each invited and registered, and its holder inviting one more: a large enterprise licence, whose
 * fold copied its user list per event (5 s per command at 10,000 users) until the users became a
 * persistent map.
 * (Business-time additions per second are the sla scenario.)
 */
import {
  CaseCommand,
  CaseEvent,
  CaseState,
  DEFAULT_GROUP_MAILBOX_PATTERNS,
  LicenceEvent,
  LicenceState,
  caseDecider,
  licenceDecider,
} from '@casetrail/domain';
import {
  GENESIS_HASH,
  RecordedEvent,
  SqliteEventStore,
  chainEvents,
  openSqliteEventStore,
} from '@casetrail/eventstore';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchResult, BenchScenario, measure, perSecond, versus } from '../harness';
import { BENCH_ACTORS, benchCaseContext, buildCaseHistory } from '../support/case-history';

const EVENTS = Number(process.env.BENCH_DOMAIN_EVENTS ?? 1_000);
const DECISIONS = Number(process.env.BENCH_DOMAIN_DECISIONS ?? 300);
/** A large enterprise licence: its users, each invited then registered (BENCH_DOMAIN_LICENCE_USERS). */
const LICENCE_USERS = Number(process.env.BENCH_DOMAIN_LICENCE_USERS ?? 10_000);
const LICENCE_DECISIONS = 20;
const ROUNDS = 3;
const STREAM = 'case-case-bench';
const LICENCE_STREAM = 'licence-lic-bench';

function decideOnLongCase(history: readonly RecordedEvent[], attempt: number): CaseEvent[] {
  const state = history.reduce<CaseState>(
    (current, event) => caseDecider.evolve(current, { type: event.type, data: event.data } as CaseEvent),
    caseDecider.initialState,
  );
  const command: CaseCommand = {
    type: 'AddComment',
    caseId: 'case-bench',
    actor: BENCH_ACTORS.engineer,
    at: '2026-06-01T10:00:00.000Z',
    commentId: `bench-${attempt}`,
    body: 'One more public reply',
    internal: false,
  };
  return caseDecider.decide(command, state, benchCaseContext());
}

/** Best rounds of deciding on `history` against reading the stream it came from; rounds alternate. */
async function decideVersusRead(
  store: SqliteEventStore,
  stream: string,
  decisions: number,
  decide: (history: readonly RecordedEvent[], attempt: number) => unknown[],
): Promise<{ domainMs: number; readMs: number }> {
  const history = await store.readStream(stream);
  // Warm-up: both paths compiled and the calendar's day plans cached, as in a running API.
  for (let i = 0; i < 20; i++) decide(history, i);
  for (let i = 0; i < 20; i++) await store.readStream(stream);

  let domainMs = Infinity;
  let readMs = Infinity;
  let produced = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const domain = await measure(() => {
      for (let i = 0; i < decisions; i++) produced += decide(history, i).length;
    });
    const read = await measure(async () => {
      for (let i = 0; i < decisions; i++) await store.readStream(stream);
    });
    domainMs = Math.min(domainMs, domain.ms);
    readMs = Math.min(readMs, read.ms);
  }
  if (produced === 0)
    throw new Error(`The decider produced no event on ${stream}: the bench measured nothing`);
  return { domainMs, readMs };
}

async function appendHistory(
  store: SqliteEventStore,
  stream: string,
  history: readonly { type: string; data: unknown }[],
): Promise<void> {
  const events = history.map((event) => ({
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: { actor: 'bench@vendor.example', correlationId: randomUUID(), schemaVersion: 1 },
  }));
  await store.append(stream, chainEvents(stream, 0, GENESIS_HASH, events), 'no-stream');
}

function buildLicenceHistory(users: number): LicenceEvent[] {
  const ids = { licenceId: 'lic-bench', accountId: 'acc-bench' };
  const at = '2026-03-02T09:00:00.000Z';
  const permissions = { manageUsers: false, shareTickets: true, seeSharedTickets: true };
  const emails = Array.from({ length: users }, (_, index) => `user${index}@bench-customer.example`);
  return [
    {
      type: 'LicenceIssued',
      data: {
        ...ids,
        product: 'Sitefinity CMS',
        edition: 'Enterprise',
        plan: 'enterprise',
        activeUntil: '2099-12-31',
        expiresAt: '2100-01-01T12:00:00.000Z',
        seats: 'unlimited',
        holderEmail: 'holder@bench-customer.example',
        at,
      },
    },
    ...emails.map((email): LicenceEvent => ({
      type: 'LicensedUserAssigned',
      data: {
        ...ids,
        email,
        firstName: 'Pat',
        lastName: 'Lee',
        company: 'Bench',
        country: 'BG',
        permissions,
        at,
      },
    })),
    ...emails.map((email): LicenceEvent => ({
      type: 'LicensedUserRegistrationCompleted',
      data: { ...ids, email, at },
    })),
  ];
}

/** The licence command the API runs most on a large licence: its holder invites one more user. */
function assignOnLargeLicence(history: readonly RecordedEvent[], attempt: number): LicenceEvent[] {
  const state = history.reduce<LicenceState>(
    (current, event) =>
      licenceDecider.evolve(current, { type: event.type, data: event.data } as LicenceEvent),
    licenceDecider.initialState,
  );
  return licenceDecider.decide(
    {
      type: 'AssignLicensedUser',
      actor: { email: 'holder@bench-customer.example', roles: [] },
      at: '2026-06-01T10:00:00.000Z',
      data: {
        email: `newcomer${attempt}@bench-customer.example`,
        firstName: 'New',
        lastName: 'Comer',
        company: 'Bench',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      },
    },
    state,
    { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS },
  );
}

const scenario: BenchScenario = async (): Promise<BenchResult[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-domain-'));
  const store = openSqliteEventStore(join(dir, 'events.sqlite'));
  try {
    await appendHistory(store, STREAM, buildCaseHistory(EVENTS));
    const onCase = await decideVersusRead(store, STREAM, DECISIONS, decideOnLongCase);
    await appendHistory(store, LICENCE_STREAM, buildLicenceHistory(LICENCE_USERS));
    const onLicence = await decideVersusRead(store, LICENCE_STREAM, LICENCE_DECISIONS, assignOnLargeLicence);

    return [
      {
        ...versus(
          {
            name: `case decide+evolve, ${EVENTS.toLocaleString('en-US')}-event case`,
            value: perSecond(DECISIONS, onCase.domainMs),
            unit: 'decisions/s',
            target: '>= 1',
          },
          {
            name: `sqlite readStream of the same ${EVENTS} events`,
            value: perSecond(DECISIONS, onCase.readMs),
          },
        ),
        extra: {
          msPerDecision: onCase.domainMs / DECISIONS,
          msPerRead: onCase.readMs / DECISIONS,
          eventsFoldedPerSecond: perSecond(DECISIONS * EVENTS, onCase.domainMs),
        },
      },
      {
        ...versus(
          {
            name: `licence decide+evolve, ${LICENCE_USERS.toLocaleString('en-US')} users (each invited and registered)`,
            value: perSecond(LICENCE_DECISIONS, onLicence.domainMs),
            unit: 'decisions/s',
            target: '>= 1',
          },
          {
            name: `sqlite readStream of the same ${2 * LICENCE_USERS + 1} events`,
            value: perSecond(LICENCE_DECISIONS, onLicence.readMs),
          },
        ),
        extra: {
          msPerDecision: onLicence.domainMs / LICENCE_DECISIONS,
          msPerRead: onLicence.readMs / LICENCE_DECISIONS,
        },
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default scenario;
