/**
 * Full rebuild of every projection as `casetrail rebuild` does it (ALL_PROJECTIONS through
 * ProjectionRunner.rebuild: one pass over the log feeding all of them, read in the batches the
 * command reads, documents held in memory across batches up to the runner's default, indexes built
 * at the end, the heap bounded as the command bounds it) over a simulated support history of at
 * least a million events, against the raw read of the same global log through the event store
 * (readAll in the runner's live batch size, 500), in the same run. Target ratio >= 0.25. Another
 * line sets `--threads 2` (the cases projection here, the others on a second thread: see
 * rebuild-lane.ts) against it, measured first in a process of its own, with its peak RSS.
 *
 * The history comes from the demo-data simulation (real deciders, hash chains, SLA timers): cases
 * with comments, questions, escalations, severity changes, breaches, reopenings and closures. It is
 * generated in one child process and the read and the rebuild run in another, whose peak RSS
 * (VmHWM, read after the rebuild) is then the rebuild's own. Target < 500 MB.
 *
 * A third line, the floor: the projections' own apply code over the first events of the same log
 * with plain in-memory maps for a store (bench/support/apply-only-floor.ts), against the raw read
 * of those events. No store can make a rebuild faster than that.
 *
 * Two more lines bound the ratio from the store's side (bench/support/store-once-floor.ts): the raw
 * read plus writing every row the rebuild stored exactly once, with no projection code at all,
 * against the raw read. No rebuild into this store can reach a higher ratio. A second store line
 * keeps only the cases' own rows (detail document and queue columns): what a design with one row
 * per case, dashboards and reports folded into it, would at least store, so how far from the
 * target a leaner set of read models would start. A last line adds the two floors up (the apply
 * floor scaled to the whole log) and spreads the sum over every core of the machine, as a
 * perfectly parallel rebuild would: the most this machine allows.
 *
 * Sizes: BENCH_REBUILD_EVENTS (default 1000000); BENCH_REBUILD_BATCH (default REBUILD_BATCH_SIZE);
 * BENCH_REBUILD_FLOOR_EVENTS (default 200000); BENCH_REBUILD_LOG_BYTES (default 0: short comments)
 * pastes a log of about that many bytes into every customer comment, for a heavier history.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore, ProjectionRunner } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { CASES } from '@casetrail/readmodels/cases/cases.projection';
import { tableName } from '@casetrail/readmodels/sqlite/sqlite-names';
import {
  openDemoSqliteEventStore,
  writeSimulation,
} from '../../apps/cli/src/commands/demo-data/demo-data-writer';
import { simulateSupport } from '../../apps/cli/src/commands/demo-data/support-simulation';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { boundHeapGrowthForRebuild } from '../../apps/cli/src/commands/projections/rebuild-heap';
import {
  projectionsForSecondThread,
  rebuildLaneOnThread,
} from '../../apps/cli/src/commands/projections/rebuild-lane';
import { REBUILD_BATCH_SIZE } from '../../apps/cli/src/commands/projections/rebuild.command';
import { BenchResult, BenchScenario, measure, perSecond, versus } from '../harness';
import { applyOnlyMs } from '../support/apply-only-floor';
import { storeOnceMs } from '../support/store-once-floor';

const TARGET_EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 1_000_000);
const REBUILD_BATCH = Number(process.env.BENCH_REBUILD_BATCH ?? REBUILD_BATCH_SIZE);
/** The simulation averages a little over nine events per case; ask for enough cases to pass the target. */
const EVENTS_PER_CASE = 9;
const READ_BATCH = 500;
/** The floor runs over a prefix of the log: holding every document of a million events in plain maps would measure the GC. */
const FLOOR_EVENTS = Number(process.env.BENCH_REBUILD_FLOOR_EVENTS ?? 200_000);
const READ_ROUNDS = 2;
/** Each customer comment carries a pasted log of about this many bytes (the simulation's `logBytes`). */
const LOG_BYTES = Number(process.env.BENCH_REBUILD_LOG_BYTES ?? 0);
const READ_MODELS_FILE = 'readmodels.sqlite';
const GENERATE_FLAG = '--generate-history';
const MEASURE_TWO_THREADS_FLAG = '--measure-two-thread-rebuild';
const MEASURE_FLAG = '--measure-rebuild';

/** Child process: writes the history to `file` and reports the number of events. */
async function generate(file: string, target: number): Promise<number> {
  const cases = Math.ceil(target / EVENTS_PER_CASE);
  const { store, instant, group } = openDemoSqliteEventStore(file);
  const summary = await writeSimulation(
    store,
    // About a hundred cases a day: the cases alive at once (the simulation's memory) stay few.
    simulateSupport({
      cases,
      end: '2026-03-01T00:00:00.000Z',
      days: Math.max(90, Math.ceil(cases / 100)),
      logBytes: LOG_BYTES,
    }),
    { instant, group },
  );
  await store.close();
  return summary.events;
}

async function readLog(store: SqliteEventStore, upTo = Number.POSITIVE_INFINITY): Promise<number> {
  let count = 0;
  for (let after = 0; after < upTo;) {
    const batch = await store.readAll({ after, maxCount: Math.min(READ_BATCH, upTo - after) });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch[batch.length - 1].position;
  }
  return count;
}

function peakRssMiB(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

interface TwoThreadMeasurement {
  rebuildMs: number;
  peakRssMiB: number;
}

interface RebuildMeasurement {
  readMs: number;
  rebuildMs: number;
  peakRssMiB: number;
  floorEvents: number;
  floorReadMs: number;
  floorApplyMs: number;
  storeOnceMs: number;
  caseRowsStoreOnceMs: number;
}

/**
 * Child process: the raw read baseline, then the rebuild, in a process that has done nothing else,
 * so its peak RSS is the rebuild's own (the bench runner's process has run other scenarios).
 */
async function measureRebuild(dir: string, events: number): Promise<RebuildMeasurement> {
  const eventStore = openSqliteEventStore(join(dir, 'events.sqlite'));
  let readMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < READ_ROUNDS; round++) {
    const run = await measure(() => readLog(eventStore));
    if (run.result !== events) throw new Error(`read ${run.result} of ${events} events`);
    readMs = Math.min(readMs, run.ms);
  }
  const { rebuildMs, peakRssMiB: peak } = await rebuildAsTheCommandDoes(eventStore, dir);

  // After the peak was read: the floor holds its documents in plain maps.
  const floorEvents = Math.min(FLOOR_EVENTS, events);
  const floorRead = await measure(() => readLog(eventStore, floorEvents));
  const floorApplyMs = await applyOnlyMs(eventStore, ALL_PROJECTIONS, floorEvents, REBUILD_BATCH);
  await eventStore.close();
  const rebuilt = join(dir, READ_MODELS_FILE);
  const scratch = join(dir, 'store-once.sqlite');
  return {
    readMs,
    rebuildMs,
    peakRssMiB: peak,
    floorEvents,
    floorReadMs: floorRead.ms,
    floorApplyMs,
    storeOnceMs: storeOnceMs(rebuilt, scratch),
    caseRowsStoreOnceMs: storeOnceMs(rebuilt, scratch, { only: [tableName(CASES)] }),
  };
}

/**
 * As `casetrail rebuild` does: the heap bounded; with `threads` 2 (`--threads 2`), the cases
 * projection replayed here and the others on a second thread. Into a new readmodels.sqlite beside
 * the log, as in a DATA_DIR: the second thread opens both by the configuration.
 */
async function rebuildAsTheCommandDoes(
  eventStore: SqliteEventStore,
  dir: string,
  { threads = 1 } = {},
): Promise<{ rebuildMs: number; peakRssMiB: number }> {
  const elsewhere = threads === 2 ? projectionsForSecondThread(ALL_PROJECTIONS) : undefined;
  boundHeapGrowthForRebuild();
  const readModels = openSqliteReadModelStore(join(dir, READ_MODELS_FILE));
  const runner = new ProjectionRunner({
    eventStore,
    readModels,
    projections: [...ALL_PROJECTIONS],
    batchSize: REBUILD_BATCH,
  });
  const lane = elsewhere && rebuildLaneOnThread(loadConfig({ DATA_DIR: dir }), elsewhere, REBUILD_BATCH);
  const rebuild = await measure(() => runner.rebuild(undefined, { lane }));
  await runner.stop();
  const peakRss = peakRssMiB();
  await readModels.close();
  return { rebuildMs: rebuild.ms, peakRssMiB: peakRss };
}

/**
 * Child process: the rebuild on two threads (`casetrail rebuild --threads 2`), in a process of its
 * own for its peak RSS; its read models are removed after, so the measured rebuild starts afresh too.
 */
async function measureTwoThreadRebuild(dir: string): Promise<TwoThreadMeasurement> {
  const eventStore = openSqliteEventStore(join(dir, 'events.sqlite'));
  try {
    return await rebuildAsTheCommandDoes(eventStore, dir, { threads: 2 });
  } finally {
    await eventStore.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, READ_MODELS_FILE + suffix), { force: true });
  }
}

/** Runs one of this file's child tasks and returns what it reports. */
async function inChild<T>(args: string[]): Promise<T> {
  const child = fork(__filename, args, { execArgv: process.execArgv });
  let result: T | undefined;
  child.on('message', (message) => (result = message as T));
  // 'close' comes after the IPC channel has delivered everything the child sent.
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0 || result === undefined) throw new Error(`${args[0]} child process exited with ${code}`);
  return result;
}

const rebuildBench: BenchScenario = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-rebuild-'));
  try {
    const { events } = await inChild<{ events: number }>([GENERATE_FLAG, dir, String(TARGET_EVENTS)]);
    if (events < TARGET_EVENTS) throw new Error(`generated ${events} events, fewer than ${TARGET_EVENTS}`);
    // First, so that the default rebuild below leaves its read models for the store bounds.
    const twoThreads = await inChild<TwoThreadMeasurement>([MEASURE_TWO_THREADS_FLAG, dir, String(events)]);
    const measured = await inChild<RebuildMeasurement>([MEASURE_FLAG, dir, String(events)]);

    const elsewhere = projectionsForSecondThread(ALL_PROJECTIONS) ?? [];
    const rate: BenchResult = {
      ...versus(
        {
          name: `rebuild of all ${ALL_PROJECTIONS.length} projections, ${events} events, read ${REBUILD_BATCH} at a time`,
          value: perSecond(events, measured.rebuildMs),
          unit: 'events/s',
          target: '>= 0.25',
        },
        { name: 'raw readAll of the same log', value: perSecond(events, measured.readMs) },
      ),
      extra: { events, rebuildMs: measured.rebuildMs, readMs: measured.readMs },
    };
    const memory: BenchResult = {
      name: 'rebuild peak RSS (its own process)',
      value: measured.peakRssMiB,
      unit: 'MiB',
      target: '< 500',
    };
    // What a second thread gains, against the default one-thread rebuild in the same run.
    const threads: BenchResult = {
      ...versus(
        {
          name: `rebuild with --threads 2 (${elsewhere.join(', ')} on a second thread)`,
          value: perSecond(events, twoThreads.rebuildMs),
          unit: 'events/s',
        },
        { name: 'the same rebuild on one thread, the default', value: perSecond(events, measured.rebuildMs) },
      ),
      extra: { rebuildMs: twoThreads.rebuildMs, oneThreadMs: measured.rebuildMs },
    };
    const twoThreadMemory: BenchResult = {
      name: 'rebuild peak RSS with --threads 2 (its own process)',
      value: twoThreads.peakRssMiB,
      unit: 'MiB',
    };
    // Rebuild rate = events / (read + apply + store): the projections' code alone bounds the ratio.
    const floor: BenchResult = {
      ...versus(
        {
          name: `rebuild floor: the projections' own apply code with no store (in-memory maps), first ${measured.floorEvents} events`,
          value: perSecond(measured.floorEvents, measured.floorReadMs + measured.floorApplyMs),
          unit: 'events/s',
        },
        {
          name: 'raw readAll of the same events',
          value: perSecond(measured.floorEvents, measured.floorReadMs),
        },
      ),
      extra: { readMs: measured.floorReadMs, applyMs: measured.floorApplyMs },
    };
    const read = { name: 'raw readAll of the same log', value: rate.baseline!.value };
    const bound = (name: string, ms: number, extra: Record<string, number>): BenchResult => ({
      ...versus({ name, value: perSecond(events, ms), unit: 'events/s' }, read),
      extra: { readMs: measured.readMs, ...extra },
    });
    const { readMs, storeOnceMs: storeMs, caseRowsStoreOnceMs } = measured;
    // The apply floor ran over the first events only; at the same cost per event over all of them.
    const applyMs = (measured.floorApplyMs * events) / measured.floorEvents;
    const cores = availableParallelism();
    return [
      rate,
      memory,
      threads,
      twoThreadMemory,
      floor,
      bound(
        'rebuild store bound: raw read + every stored row written once, no projection code',
        readMs + storeMs,
        { storeMs },
      ),
      // The least a design that kept one row per case (detail and queue columns) would have to store.
      bound(
        "rebuild store bound of a one-row-per-case design: raw read + only the cases' own rows",
        readMs + caseRowsStoreOnceMs,
        { storeMs: caseRowsStoreOnceMs },
      ),
      // Even with the work split perfectly over every core, and the store's single writer never waited for.
      bound(
        `rebuild bound on all ${cores} cores: (raw read + apply floor + store bound) / ${cores}`,
        Math.max(storeMs, (readMs + applyMs + storeMs) / cores),
        { applyMs, storeMs, cores },
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default rebuildBench;

const CHILD_TASKS: Record<string, (dir: string, count: number) => Promise<unknown>> = {
  [GENERATE_FLAG]: async (dir, count) => ({ events: await generate(join(dir, 'events.sqlite'), count) }),
  [MEASURE_FLAG]: measureRebuild,
  [MEASURE_TWO_THREADS_FLAG]: measureTwoThreadRebuild,
};

const childTask = require.main === module ? CHILD_TASKS[process.argv[2]] : undefined;
if (childTask) {
  childTask(process.argv[3], Number(process.argv[4])).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
