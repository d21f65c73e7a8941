/**
 * Full rebuild of every projection (ALL_PROJECTIONS, through ProjectionRunner.rebuild, one after
 * another, as `casetrail rebuild` does) over a simulated support history of at least a million
 * events, against the raw read of the same global log through the event store (readAll in the
 * runner's batch size, 500), in the same run. Target ratio >= 0.25.
 *
 * The history comes from the demo-data simulation (real deciders, hash chains, SLA timers): cases
 * with comments, questions, escalations, severity changes, breaches, reopenings and closures.
 * Peak RSS is the kernel's high-water mark (VmHWM) for the rebuild alone: it is reset
 * (/proc/self/clear_refs) once the history is written. Target < 500 MB.
 *
 * Sizes: BENCH_REBUILD_EVENTS (default 1000000).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore, ProjectionRunner } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { openDemoSqliteEventStore, writeSimulation } from '../../apps/cli/src/commands/demo-data/demo-data-writer';
import { simulateSupport } from '../../apps/cli/src/commands/demo-data/support-simulation';
import { BenchResult, BenchScenario, measure, perSecond, versus } from '../harness';

const TARGET_EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 1_000_000);
/** The simulation averages a little over nine events per case; ask for enough cases to pass the target. */
const EVENTS_PER_CASE = 9;
const READ_BATCH = 500;
const READ_ROUNDS = 2;

async function generate(file: string): Promise<number> {
  const cases = Math.ceil(TARGET_EVENTS / EVENTS_PER_CASE);
  const { store, instant, group } = openDemoSqliteEventStore(file);
  const summary = await writeSimulation(
    store,
    simulateSupport({ cases, end: '2026-03-01T00:00:00.000Z', days: Math.max(90, Math.ceil(cases / 100)) }),
    { instant, group },
  );
  await store.close();
  if (summary.events < TARGET_EVENTS) throw new Error(`generated ${summary.events} events, fewer than ${TARGET_EVENTS}`);
  return summary.events;
}

async function readLog(store: SqliteEventStore): Promise<number> {
  let count = 0;
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, maxCount: READ_BATCH });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch[batch.length - 1].position;
  }
}

/** Forget the peak so far (Linux >= 4.0); false where the kernel does not allow it. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssMiB(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

const rebuildBench: BenchScenario = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-rebuild-'));
  try {
    const eventsFile = join(dir, 'events.sqlite');
    const events = await generate(eventsFile);
    const eventStore = openSqliteEventStore(eventsFile);

    let readMs = Number.POSITIVE_INFINITY;
    for (let round = 0; round < READ_ROUNDS; round++) {
      const run = await measure(() => readLog(eventStore));
      if (run.result !== events) throw new Error(`read ${run.result} of ${events} events`);
      readMs = Math.min(readMs, run.ms);
    }

    global.gc?.();
    const peakResetWorked = resetPeakRss();
    const readModels = openSqliteReadModelStore(join(dir, 'readmodels.sqlite'));
    const runner = new ProjectionRunner({ eventStore, readModels, projections: [...ALL_PROJECTIONS] });
    const perProjection: Record<string, number> = {};
    const rebuild = await measure(async () => {
      for (const projection of ALL_PROJECTIONS) {
        perProjection[`${projection.name}Ms`] = (await measure(() => runner.rebuild(projection.name))).ms;
      }
    });
    await runner.stop();
    const peak = peakRssMiB();
    await readModels.close();
    await eventStore.close();

    const rate: BenchResult = {
      ...versus(
        {
          name: `rebuild of all projections (${ALL_PROJECTIONS.length}) from ${events} events`,
          value: perSecond(events, rebuild.ms),
          unit: 'events/s',
          target: '>= 0.25',
        },
        { name: 'raw readAll of the same log', value: perSecond(events, readMs) },
      ),
      extra: { events, rebuildMs: rebuild.ms, readMs, ...perProjection },
    };
    const memory: BenchResult = {
      name: 'rebuild peak RSS',
      value: peak,
      unit: 'MiB',
      target: '< 500',
      extra: { peakMeasuredForRebuildOnly: peakResetWorked ? 1 : 0 },
    };
    return [rate, memory];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default rebuildBench;
