/**
 * HTTP throughput of the write path: POST /v1/cases on the real API (bearer token verified, body
 * validated, licence and account folded, case decided, appended with fsync, and the response held
 * until the read models include the case) against a bare NestJS-on-Fastify endpoint that answers
 * 201 with an id. Same setup for both: the server in its own child process on loopback, autocannon
 * in this process with 50 connections, each request a distinct body. After a warm-up, rounds
 * alternate between the two sides so drift on a shared machine hits both alike.
 *
 * Figures: requests/s (2xx only) with the ratio (target >= 0.25), p99 latency, and the API
 * process's peak RSS during the run (kernel high-water mark, /proc/<pid>/status VmHWM).
 * Sizes: BENCH_HTTP_SECONDS per side (default 10), BENCH_HTTP_CONNECTIONS (default 50).
 * BENCH_HTTP_CPU_PROF=<dir> writes a V8 CPU profile of the API process there (open it in Chrome
 * DevTools or speedscope) to see where a low ratio comes from.
 */
import autocannon from 'autocannon';
import { BenchResult, BenchScenario } from '../harness';
import { openCaseBody } from '../support/bench-api';
import { HttpTarget, startHttpTarget } from '../support/http-target-process';
import { PeakRssSampler } from '../support/process-memory';

const SECONDS_PER_SIDE = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50);
const ROUNDS = 2;
const WARM_UP_SECONDS = 2;
const CPU_PROFILE_DIR = process.env.BENCH_HTTP_CPU_PROF;

interface SideTotals {
  ok: number;
  seconds: number;
  non2xx: number;
  errors: number;
  worstP99Ms: number;
  p50Ms: number[];
}

function load(target: HttpTarget, seconds: number): Promise<autocannon.Result> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  return autocannon({
    url: `${target.url}/v1/cases`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    // autocannon puts a fresh id in place of [<id>] on every request: every case is distinct.
    body: JSON.stringify(openCaseBody(target.licenceId ?? 'bare', 'Checkout slow [<id>]')),
    idReplacement: true,
  });
}

async function measureSide(target: HttpTarget, totals: SideTotals, seconds: number): Promise<void> {
  const result = await load(target, seconds);
  totals.ok += result['2xx'];
  totals.seconds += result.duration;
  totals.non2xx += result.non2xx;
  totals.errors += result.errors + result.timeouts;
  totals.worstP99Ms = Math.max(totals.worstP99Ms, result.latency.p99);
  totals.p50Ms.push(result.latency.p50);
}

function emptyTotals(): SideTotals {
  return { ok: 0, seconds: 0, non2xx: 0, errors: 0, worstP99Ms: 0, p50Ms: [] };
}

const scenario: BenchScenario = async () => {
  const casetrail = await startHttpTarget(
    'casetrail',
    CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [],
  );
  const bare = await startHttpTarget('bare');
  try {
    await load(bare, WARM_UP_SECONDS);
    await load(casetrail, WARM_UP_SECONDS);

    const rss = new PeakRssSampler(casetrail.pid);
    const bareRss = new PeakRssSampler(bare.pid);
    const real = emptyTotals();
    const baseline = emptyTotals();
    for (let round = 0; round < ROUNDS; round++) {
      await measureSide(bare, baseline, SECONDS_PER_SIDE / ROUNDS);
      await measureSide(casetrail, real, SECONDS_PER_SIDE / ROUNDS);
    }
    const peakRssMiB = rss.stop();
    const barePeakRssMiB = bareRss.stop();

    const rps = real.ok / real.seconds;
    const bareRps = baseline.ok / baseline.seconds;
    const extra = {
      connections: CONNECTIONS,
      requests: real.ok,
      non2xx: real.non2xx,
      errors: real.errors,
      bareNon2xx: baseline.non2xx,
      p50Ms: Math.max(...real.p50Ms),
      bareP50Ms: Math.max(...baseline.p50Ms),
      bareP99Ms: baseline.worstP99Ms,
    };
    const results: BenchResult[] = [
      {
        name: 'http POST /v1/cases (auth, validation, decide, append, read-your-writes)',
        value: rps,
        unit: 'requests/s',
        baseline: { name: 'bare Nest-on-Fastify POST', value: bareRps },
        ratio: rps / bareRps,
        target: '>= 0.25',
        extra,
      },
      {
        name: 'http POST /v1/cases p99 latency (worst round)',
        value: real.worstP99Ms,
        unit: 'ms',
        extra: { bareP99Ms: baseline.worstP99Ms, connections: CONNECTIONS },
      },
      {
        name: 'peak RSS of the API under the HTTP scenario',
        value: peakRssMiB,
        unit: 'MiB',
        extra: { barePeakRssMiB },
      },
    ];
    if (real.non2xx > 0 || real.errors > 0) {
      // A refused or failed request is not throughput: say so next to the figure.
      console.warn(`http: ${real.non2xx} non-2xx answers and ${real.errors} errors/timeouts on the API side`);
    }
    return results;
  } finally {
    await Promise.all([casetrail.stop(), bare.stop()]);
  }
};

export default scenario;
