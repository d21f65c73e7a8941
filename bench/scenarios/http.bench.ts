/**
 * HTTP throughput of the write path: POST /v1/cases on the real API (bearer token verified, body
 * validated, licence and account folded, case decided, appended with fsync) against a bare
 * NestJS-on-Fastify endpoint that answers 201 with an id. Read-your-writes is kept by the reads (each
 * waits until the read models include what was stored before it), so the POST answers once the case
 * is stored, while the projections catch up behind it. Same setup for every side: the server in its own child process on loopback,
 * autocannon in this process with 50 connections, each request a distinct body. After a warm-up,
 * rounds alternate between the sides so drift on a shared machine hits them alike.
 *
 * Two shapes of the real API are measured, each labelled:
 * - embedded (the default `npm start`): one process runs the commands and, on a worker thread of
 *   its own, all the projections;
 * - split (the documented production shape, docker-compose.yml): the API with
 *   EMBEDDED_PROJECTOR=false plus a separate projector process on the same DATA_DIR (the reads'
 *   wait then follows the projector's checkpoints). On a 2-core machine the
 *   projector, the API and autocannon share the cores. BENCH_HTTP_SPLIT=0 leaves this side out.
 *
 * Figures per shape: requests/s (2xx only) with the ratio to the bare endpoint (target >= 0.25),
 * p99 latency, the API process's CPU time per request (user + system, /proc/<pid>/stat: unlike
 * requests/s it hardly moves with whatever else the machine runs), the CPU of all our processes
 * per request (with the split shape's projector) against the machine's CPU per request at the
 * target ratio, and the API process's peak RSS during the run (kernel high-water mark,
 * /proc/<pid>/status VmHWM); for the split shape also the projector's peak RSS.
 * Four last sides bound the ratio (BENCH_HTTP_FLOOR=0 leaves them out): the least work the same
 * request implies, written without the product's code (bench/support/floor-api.ts: the token, one
 * hashed event appended with group commit and fsync, and read-model rows copied from a real opening,
 * written on a worker thread, answered once they are stored).
 * - the floor writes every row the product's projections write for an opening: its ratio is the
 *   most an implementation that keeps the same read models in SQLite can reach here;
 * - the case-row floor writes only the case's own row (its detail document with the queue columns
 *   and indexes): the most a design with one row per case and today's documents can reach;
 * - the queue-row floor writes that row without the detail document (the queue columns and
 *   indexes only): the floor of the leanest design, which would fold a case's detail from its
 *   stream when read;
 * - the append-only floor writes no read-model row at all: what a server that keeps no queues,
 *   dashboards or reports could reach, so what keeping any read model costs on this machine.
 * Sizes: BENCH_HTTP_SECONDS per side (default 10), BENCH_HTTP_CONNECTIONS (default 50).
 * BENCH_HTTP_CPU_PROF=<dir> writes V8 CPU profiles of the API processes there (and of the split
 * shape's projector), to see where a low ratio comes from.
 * BENCH_HTTP_COMPARE_BUILD=<dir> (another compiled build, e.g. `npx swc ... -d <dir>` of the previous
 * commit) also measures that build's API in both shapes, in the same alternating rounds: on a
 * machine shared with other work, an A/B is only fair when both sides see the same load.
 */
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { BenchResult, BenchScenario } from '../harness';
import { openCaseBody } from '../support/bench-api';
import { HttpTarget, startHttpTarget } from '../support/http-target-process';
import { readProcessCpuMs } from '../support/process-cpu';
import { PeakRssSampler } from '../support/process-memory';

const SECONDS_PER_SIDE = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50);
const ROUNDS = 2;
const WARM_UP_SECONDS = 2;
const CPU_PROFILE_DIR = process.env.BENCH_HTTP_CPU_PROF;
/** POST /v1/cases should reach this fraction of the bare endpoint's requests/s. */
const TARGET_RATIO = 0.25;
const MEASURE_SPLIT = process.env.BENCH_HTTP_SPLIT !== '0';
const COMPARE_BUILD = process.env.BENCH_HTTP_COMPARE_BUILD;
const MEASURE_FLOOR = process.env.BENCH_HTTP_FLOOR !== '0';

interface SideTotals {
  ok: number;
  seconds: number;
  non2xx: number;
  errors: number;
  worstP99Ms: number;
  p50Ms: number[];
  /** CPU time the server process (and a split side's projector) used during the measured rounds. */
  cpuMs: number;
  projectorCpuMs: number;
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
  const cpuBefore = readProcessCpuMs(target.pid) ?? NaN;
  const projectorCpuBefore = target.projectorPid ? (readProcessCpuMs(target.projectorPid) ?? NaN) : 0;
  const result = await load(target, seconds);
  totals.cpuMs += (readProcessCpuMs(target.pid) ?? NaN) - cpuBefore;
  if (target.projectorPid)
    totals.projectorCpuMs += (readProcessCpuMs(target.projectorPid) ?? NaN) - projectorCpuBefore;
  totals.ok += result['2xx'];
  totals.seconds += result.duration;
  totals.non2xx += result.non2xx;
  totals.errors += result.errors + result.timeouts;
  totals.worstP99Ms = Math.max(totals.worstP99Ms, result.latency.p99);
  totals.p50Ms.push(result.latency.p50);
}

function emptyTotals(): SideTotals {
  return { ok: 0, seconds: 0, non2xx: 0, errors: 0, worstP99Ms: 0, p50Ms: [], cpuMs: 0, projectorCpuMs: 0 };
}

interface MeasuredSide {
  target: HttpTarget;
  totals: SideTotals;
  rss?: PeakRssSampler;
  projectorRss?: PeakRssSampler;
}

function describeSide(label: string, side: MeasuredSide, bare: SideTotals): BenchResult[] {
  const { totals } = side;
  const rps = totals.ok / totals.seconds;
  const bareRps = bare.ok / bare.seconds;
  if (totals.non2xx > 0 || totals.errors > 0) {
    // A refused or failed request is not throughput: say so next to the figure.
    console.warn(`http ${label}: ${totals.non2xx} non-2xx answers and ${totals.errors} errors/timeouts`);
  }
  const projectorPeakRssMiB = side.projectorRss?.stop();
  return [
    {
      name: `http POST /v1/cases (auth, validation, decide, append; reads wait for projections), ${label}`,
      value: rps,
      unit: 'requests/s',
      baseline: { name: 'bare Nest-on-Fastify POST', value: bareRps },
      ratio: rps / bareRps,
      target: `>= ${TARGET_RATIO}`,
      extra: {
        connections: CONNECTIONS,
        requests: totals.ok,
        non2xx: totals.non2xx,
        errors: totals.errors,
        bareNon2xx: bare.non2xx,
        p50Ms: Math.max(...totals.p50Ms),
        bareP50Ms: Math.max(...bare.p50Ms),
        bareP99Ms: bare.worstP99Ms,
      },
    },
    {
      name: `http POST /v1/cases p99 latency (worst round), ${label}`,
      value: totals.worstP99Ms,
      unit: 'ms',
      extra: { bareP99Ms: bare.worstP99Ms, connections: CONNECTIONS },
    },
    {
      name: `http POST /v1/cases CPU of the API process per request, ${label}`,
      value: totals.cpuMs / totals.ok,
      unit: 'ms',
      baseline: { name: 'bare Nest-on-Fastify POST', value: bare.cpuMs / bare.ok },
      ratio: totals.cpuMs / totals.ok / (bare.cpuMs / bare.ok),
      extra: side.target.projectorPid ? { projectorCpuMsPerRequest: totals.projectorCpuMs / totals.ok } : {},
    },
    machineBudgetLine(label, (totals.cpuMs + totals.projectorCpuMs) / totals.ok, bareRps),
    {
      name: `peak RSS of the API under the HTTP scenario, ${label}`,
      value: side.rss!.stop(),
      unit: 'MiB',
      extra: projectorPeakRssMiB === undefined ? {} : { projectorPeakRssMiB },
    },
  ];
}

/**
 * The CPU all our processes (the API, and the split shape's projector) spend per request, against
 * what the whole machine has per request at the target ratio: its cores' time divided by the target
 * throughput (0.25 of the bare endpoint's). Above 1x, the target is out of reach on this machine
 * even if the load generator cost nothing; only less work per request can bring it in.
 */
function machineBudgetLine(label: string, cpuMsPerRequest: number, bareRps: number): BenchResult {
  const cores = availableParallelism();
  const budget = (cores * 1000) / (TARGET_RATIO * bareRps);
  return {
    name: `http POST /v1/cases CPU of all our processes per request, ${label}`,
    value: cpuMsPerRequest,
    unit: 'ms',
    baseline: {
      name: `the machine's CPU per request at the ${TARGET_RATIO} target (${cores} cores / (${TARGET_RATIO} x bare requests/s))`,
      value: budget,
    },
    ratio: cpuMsPerRequest / budget,
  };
}

function describeFloor(
  { name, label }: (typeof FLOORS)[number],
  floor: SideTotals,
  bare: SideTotals,
): BenchResult[] {
  const rps = floor.ok / floor.seconds;
  const bareRps = bare.ok / bare.seconds;
  const throughput: BenchResult = {
    name,
    value: rps,
    unit: 'requests/s',
    baseline: { name: 'bare Nest-on-Fastify POST', value: bareRps },
    ratio: rps / bareRps,
    extra: {
      non2xx: floor.non2xx,
      errors: floor.errors,
      p99Ms: floor.worstP99Ms,
      cpuMsPerRequest: floor.cpuMs / floor.ok,
    },
  };
  return [throughput, machineBudgetLine(label, floor.cpuMs / floor.ok, bareRps)];
}

/** The floor sides, each with its line's name (bench/support/floor-api.ts, FloorReadModels). */
const FLOORS = [
  {
    target: 'floor',
    label: 'floor',
    name: 'http floor: token, hashed append and the read-model rows of an opened case, no product code',
  },
  {
    target: 'floor-case-row',
    label: 'case-row floor',
    name: "http case-row floor: token, hashed append and only the case's own row with its queue indexes, no product code",
  },
  {
    target: 'floor-queue-row',
    label: 'queue-row floor',
    name: "http queue-row floor: token, hashed append and the case's queue columns and indexes without its detail document, no product code",
  },
  {
    target: 'floor-append-only',
    label: 'append-only floor',
    name: 'http append-only floor: token and hashed append, no read model at all, no product code',
  },
] as const;

const EMBEDDED_LABEL = 'embedded default (projections on a thread of the API process)';
const SPLIT_LABEL = 'split (API + separate projector process, production shape)';

const scenario: BenchScenario = async () => {
  const profile = CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [];
  const labelled: { label: string; side: MeasuredSide }[] = [];
  const sides: MeasuredSide[] = [];
  const start = async (label: string, side: 'casetrail' | 'casetrail-split', build?: string) => {
    const measured = { target: await startHttpTarget(side, profile, build), totals: emptyTotals() };
    labelled.push({ label, side: measured });
    sides.push(measured);
  };
  try {
    await start(EMBEDDED_LABEL, 'casetrail');
    if (MEASURE_SPLIT) await start(SPLIT_LABEL, 'casetrail-split');
    if (COMPARE_BUILD) {
      await start(`${EMBEDDED_LABEL}, build ${COMPARE_BUILD}`, 'casetrail', COMPARE_BUILD);
      if (MEASURE_SPLIT)
        await start(`${SPLIT_LABEL}, build ${COMPARE_BUILD}`, 'casetrail-split', COMPARE_BUILD);
    }
    const bare: MeasuredSide = { target: await startHttpTarget('bare'), totals: emptyTotals() };
    sides.push(bare);
    const floors: { floor: (typeof FLOORS)[number]; side: MeasuredSide }[] = [];
    for (const floor of MEASURE_FLOOR ? FLOORS : [])
      floors.push({ floor, side: { target: await startHttpTarget(floor.target), totals: emptyTotals() } });
    sides.push(...floors.map(({ side }) => side));

    for (const side of sides) await load(side.target, WARM_UP_SECONDS);
    for (const side of sides) {
      side.rss = new PeakRssSampler(side.target.pid);
      if (side.target.projectorPid) side.projectorRss = new PeakRssSampler(side.target.projectorPid);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of sides) await measureSide(side.target, side.totals, SECONDS_PER_SIDE / ROUNDS);
    }
    const barePeakRssMiB = bare.rss!.stop();
    for (const { side } of floors) side.rss?.stop();

    const results = labelled.flatMap(({ label, side }) => describeSide(label, side, bare.totals));
    for (const result of results)
      if (result.unit === 'MiB') result.extra = { ...result.extra, barePeakRssMiB };
    return [
      ...results,
      ...floors.flatMap(({ floor, side }) => describeFloor(floor, side.totals, bare.totals)),
    ];
  } finally {
    await Promise.all(sides.map((side) => side.target.stop()));
  }
};

export default scenario;
