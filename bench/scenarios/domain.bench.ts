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
 * (Business-time additions per second are the sla scenario.)
 */
import { CaseCommand, CaseEvent, CaseState, caseDecider } from '@casetrail/domain';
import { GENESIS_HASH, RecordedEvent, chainEvents, openSqliteEventStore } from '@casetrail/eventstore';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchScenario, measure, perSecond, versus } from '../harness';
import { BENCH_ACTORS, benchCaseContext, buildCaseHistory } from '../support/case-history';

const EVENTS = Number(process.env.BENCH_DOMAIN_EVENTS ?? 1_000);
const DECISIONS = Number(process.env.BENCH_DOMAIN_DECISIONS ?? 300);
const ROUNDS = 3;
const STREAM = 'case-case-bench';

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

const scenario: BenchScenario = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-domain-'));
  const store = openSqliteEventStore(join(dir, 'events.sqlite'));
  try {
    const events = buildCaseHistory(EVENTS).map((event) => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: { actor: 'bench@vendor.example', correlationId: randomUUID(), schemaVersion: 1 },
    }));
    await store.append(STREAM, chainEvents(STREAM, 0, GENESIS_HASH, events), 'no-stream');
    const history = await store.readStream(STREAM);

    // Warm-up: both paths compiled and the calendar's day plans cached, as in a running API.
    for (let i = 0; i < 20; i++) decideOnLongCase(history, i);
    for (let i = 0; i < 20; i++) await store.readStream(STREAM);

    let bestDomainMs = Infinity;
    let bestReadMs = Infinity;
    let produced = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const domain = await measure(() => {
        for (let i = 0; i < DECISIONS; i++) produced += decideOnLongCase(history, i).length;
      });
      const read = await measure(async () => {
        for (let i = 0; i < DECISIONS; i++) await store.readStream(STREAM);
      });
      bestDomainMs = Math.min(bestDomainMs, domain.ms);
      bestReadMs = Math.min(bestReadMs, read.ms);
    }
    if (produced === 0)
      throw new Error('The decider produced no event for the comment: the bench measured nothing');

    return [
      {
        ...versus(
          {
            name: `case decide+evolve, ${EVENTS.toLocaleString('en-US')}-event case`,
            value: perSecond(DECISIONS, bestDomainMs),
            unit: 'decisions/s',
            target: '>= 1',
          },
          { name: `sqlite readStream of the same ${EVENTS} events`, value: perSecond(DECISIONS, bestReadMs) },
        ),
        extra: {
          msPerDecision: bestDomainMs / DECISIONS,
          msPerRead: bestReadMs / DECISIONS,
          eventsFoldedPerSecond: perSecond(DECISIONS * EVENTS, bestDomainMs),
        },
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default scenario;
