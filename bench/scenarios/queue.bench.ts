/**
 * Engineer queue latency with 100,000 open cases in the embedded read model: GET
 * /v1/queues/{queue}?limit=50 through the whole API in process (Fastify inject: bearer token,
 * validation, the store query, SLA evaluation of the 50 cases returned), one request at a time,
 * p50 and p99 per queue and over all queues. Target p99 < 10 ms.
 *
 * In-run baseline: the cheapest way to get the same first page of the `open` queue, one SQL
 * statement on the same table and index through raw better-sqlite3 with JSON.parse of each row.
 *
 * The cases are written by the real `casesProjection` from real decisions (see queue-cases.ts).
 * Sizes: BENCH_QUEUE_CASES (default 100000), BENCH_QUEUE_REQUESTS per queue (default 200).
 */
import { openSqliteReadModelStore } from '@casetrail/readmodels';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { mintToken } from '../../apps/api/src/auth/token-minter';
import { BenchResult, BenchScenario, measure } from '../harness';
import { BENCH_SECRET, startBenchApi } from '../support/bench-api';
import { summarizeLatencies } from '../support/percentiles';
import { holdSlaTimersLease, QUEUE_ENGINEERS, seedOpenCases } from '../support/queue-cases';

const CASES = Number(process.env.BENCH_QUEUE_CASES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 200);
const WARM_UP = 20;
const QUERIES = [
  '/v1/queues/open?limit=50',
  '/v1/queues/unassigned?limit=50',
  '/v1/queues/mine?limit=50',
  '/v1/queues/escalated?limit=50',
  '/v1/queues/breaching?limit=50',
  '/v1/queues/at-risk?limit=50',
  '/v1/queues/awaiting-customer?limit=50',
  '/v1/queues/mission-critical?limit=50',
  '/v1/queues/open?limit=50&severity=2',
];

async function rawOpenQueueMs(file: string, requests: number): Promise<number[]> {
  const db = new Database(file, { readonly: true });
  try {
    const page = db.prepare(
      `SELECT doc FROM rm_cases WHERE f_active = 1 ORDER BY f_priorityRank, f_nextDueAt, id LIMIT 51`,
    );
    const once = () => page.all().map((row) => JSON.parse((row as { doc: string }).doc) as unknown);
    for (let i = 0; i < WARM_UP; i++) once();
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) samples.push((await measure(once)).ms);
    return samples;
  } finally {
    db.close();
  }
}

const scenario: BenchScenario = async () => {
  const now = Date.now();
  // Seeded before the API opens the files: the API (re)starts on a store that already holds the cases.
  const api = await startBenchApi({
    prepareDataDir: async (dataDir) => {
      const readModels = openSqliteReadModelStore(join(dataDir, 'readmodels.sqlite'));
      try {
        await seedOpenCases(readModels, CASES, now);
        // The seed writes rows without streams: the SLA reviewers stand by (see holdSlaTimersLease).
        await holdSlaTimersLease(readModels);
      } finally {
        await readModels.close();
      }
    },
  });
  try {
    const token = await mintToken(BENCH_SECRET, { email: QUEUE_ENGINEERS[0], roles: ['engineer'] });
    const results: BenchResult[] = [];
    const all: number[] = [];
    const get = async (url: string) => {
      const response = await api.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
      return response.json<{ items: unknown[]; nextCursor?: string }>();
    };

    const firstPageSizes: Record<string, number> = {};
    for (const url of QUERIES) {
      for (let i = 0; i < WARM_UP; i++) await get(url);
      const samples: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const { result, ms } = await measure(() => get(url));
        samples.push(ms);
        firstPageSizes[url] = result.items.length;
      }
      all.push(...samples);
      const summary = summarizeLatencies(samples);
      results.push({
        name: `queue GET ${url.replace('?limit=50', '').replace('&', '?')} p99`,
        value: summary.p99,
        unit: 'ms',
        target: '< 10',
        extra: { p50Ms: summary.p50, maxMs: summary.max, items: firstPageSizes[url] },
      });
    }

    // The second page, through the keyset cursor of the first.
    const first = await get(QUERIES[0]);
    const secondPageUrl = `${QUERIES[0]}&cursor=${encodeURIComponent(first.nextCursor ?? '')}`;
    const cursorSamples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) cursorSamples.push((await measure(() => get(secondPageUrl))).ms);
    all.push(...cursorSamples);
    const cursorSummary = summarizeLatencies(cursorSamples);
    results.push({
      name: 'queue GET /v1/queues/open second page (cursor) p99',
      value: cursorSummary.p99,
      unit: 'ms',
      target: '< 10',
      extra: { p50Ms: cursorSummary.p50 },
    });

    const overall = summarizeLatencies(all);
    const raw = summarizeLatencies(await rawOpenQueueMs(join(api.dataDir, 'readmodels.sqlite'), REQUESTS));
    results.unshift({
      name: `queue query p99, all queues, ${CASES.toLocaleString('en-US')} open cases`,
      value: overall.p99,
      unit: 'ms',
      // Latency: the ratio says how many times the raw statement's p99 the API's p99 is.
      baseline: { name: 'raw SQL first page of the open queue p99', value: raw.p99 },
      ratio: overall.p99 / raw.p99,
      target: '< 10 ms',
      extra: { p50Ms: overall.p50, maxMs: overall.max, rawP50Ms: raw.p50, requests: overall.count },
    });
    return results;
  } finally {
    await api.close();
  }
};

export default scenario;
