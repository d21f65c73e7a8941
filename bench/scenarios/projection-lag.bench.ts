/**
 * Append-to-visible projection lag under a steady command load: the real API in process (embedded
 * SQLite, the projections on the API's projector thread as by default) receives commands at a
 * fixed arrival rate (open loop: a slow answer does not slow the arrivals) — cases opened,
 * comments, severity changes — and for every append the bench records when it committed and when
 * the checkpoints stored for every projection included it (the moment a read sees it; what
 * read-your-writes waits for), looking at them every millisecond as a read's wait does every two.
 *
 * In-run baseline: the same events' delivery to a bare subscription on the same store (no
 * projection work), so the figure shows what projecting adds to the log's own latency.
 * Sizes: BENCH_LAG_RATE commands/s (default 50), BENCH_LAG_SECONDS (default 10).
 */
import type { AppendResult, EventStore } from '@casetrail/eventstore';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { CheckpointPoll } from '../../apps/api/src/projections/checkpoint-poll';
import { BenchResult, BenchScenario } from '../harness';
import { BenchApi, openCaseBody, startBenchApi } from '../support/bench-api';
import { summarizeLatencies } from '../support/percentiles';

const RATE = Number(process.env.BENCH_LAG_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 10);

/**
 * Calls `onCommit` with each append's last position and commit instant. The SQLite store commits
 * synchronously inside `append` before returning its promise, so the instant is taken right
 * there: later, a subscription woken by the append could already have been handed the event.
 */
function onEveryCommit(store: EventStore, onCommit: (position: number, committedAt: number) => void): void {
  const append = store.append.bind(store);
  store.append = (...args: Parameters<EventStore['append']>): Promise<AppendResult> => {
    const appended = append(...args);
    const committedAt = performance.now();
    return appended.then((result) => {
      onCommit(result.position, committedAt);
      return result;
    });
  };
}

/** Sends the command of arrival `n`: every fifth opens a case, the others comment or change severity. */
function sendCommand(api: BenchApi, caseIds: string[], n: number): Promise<unknown> {
  const caseId = caseIds[n % caseIds.length];
  const inject = (url: string, token: string, payload: object) =>
    api.app
      .inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload })
      .then((response) => {
        if (response.statusCode >= 500)
          throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
        if (url === '/v1/cases' && response.statusCode === 201)
          caseIds.push(response.json<{ id: string }>().id);
      });
  switch (n % 5) {
    case 0:
      return inject('/v1/cases', api.customerToken, openCaseBody(api.licenceId, `Lag ${n}`));
    case 4:
      return inject(`/v1/cases/${caseId}/severity`, api.engineerToken, {
        severity: n % 2 === 0 ? 2 : 3,
        reason: 'Reassessed',
      });
    default:
      return inject(`/v1/cases/${caseId}/comments`, n % 2 === 0 ? api.engineerToken : api.customerToken, {
        body: `Note ${n}`,
      });
  }
}

const scenario: BenchScenario = async () => {
  const api = await startBenchApi();
  try {
    const store = api.runtime.storage.eventStore;
    const readModels = api.runtime.storage.readModels;
    const names = ALL_PROJECTIONS.map((projection) => projection.name);
    const visibility = new CheckpointPoll(async () => {
      const checkpoints = await Promise.all(names.map((name) => readModels.getCheckpoint(name)));
      return Math.min(...checkpoints);
    }, 1);
    const caseIds = [
      (
        await api.app.inject({
          method: 'POST',
          url: '/v1/cases',
          headers: { authorization: `Bearer ${api.customerToken}` },
          payload: openCaseBody(api.licenceId, 'First'),
        })
      ).json<{ id: string }>().id,
    ];
    const deliveredAt = new Map<number, number>();
    const bare = store.subscribeToAll({ after: await store.headPosition() }, async (events) => {
      const now = performance.now();
      for (const event of events) deliveredAt.set(event.position, now);
    });
    const committedAt = new Map<number, number>();
    const visibleLags: number[] = [];
    const waits: Promise<void>[] = [];
    onEveryCommit(store, (position, committed) => {
      committedAt.set(position, committed);
      waits.push(
        visibility.wait(position, 60_000).then((visible) => {
          if (!visible) throw new Error(`Position ${position} not visible within 60 s`);
          visibleLags.push(performance.now() - committed);
        }),
      );
    });

    const commands: Promise<unknown>[] = [];
    const total = RATE * SECONDS;
    const started = performance.now();
    for (let n = 0; n < total; n++) {
      // Open loop: arrival n is due at n / RATE seconds, whatever happened to the earlier ones.
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      commands.push(sendCommand(api, caseIds, n));
    }
    await Promise.all(commands);
    await Promise.all(waits);
    await bare.stop();
    const achievedRate = (total * 1000) / (performance.now() - started);

    const lag = summarizeLatencies(visibleLags);
    const delivery = summarizeLatencies(
      [...committedAt]
        .filter(([position]) => deliveredAt.has(position))
        .map(([position, committed]) => deliveredAt.get(position)! - committed),
    );
    const common = { rate: RATE, achievedRate, appends: committedAt.size };
    const results: BenchResult[] = [
      {
        name: 'projection lag append-to-visible p50 (all projections)',
        value: lag.p50,
        unit: 'ms',
        baseline: { name: 'bare subscription delivery p50', value: delivery.p50 },
        ratio: lag.p50 / delivery.p50,
        extra: common,
      },
      {
        name: 'projection lag append-to-visible p99 (all projections)',
        value: lag.p99,
        unit: 'ms',
        baseline: { name: 'bare subscription delivery p99', value: delivery.p99 },
        ratio: lag.p99 / delivery.p99,
        extra: { ...common, maxMs: lag.max },
      },
    ];
    return results;
  } finally {
    await api.close();
  }
};

export default scenario;
