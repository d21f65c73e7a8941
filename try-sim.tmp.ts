import { openDemoSqliteEventStore, writeSimulation } from './apps/cli/src/commands/demo-data/demo-data-writer';
import { simulateSupport } from './apps/cli/src/commands/demo-data/support-simulation';
import { rmSync } from 'node:fs';
async function main() {
  const file = '/tmp/sim-try/events.sqlite';
  rmSync('/tmp/sim-try', { recursive: true, force: true });
  const { store, instant } = openDemoSqliteEventStore(file);
  const t0 = Date.now();
  const summary = await writeSimulation(store, simulateSupport({ cases: Number(process.argv[2] ?? 10000), end: '2026-03-01T00:00:00.000Z' }), { instant });
  console.log(summary, Date.now() - t0, 'ms', process.memoryUsage().rss / 1e6);
  await store.close();
}
main();
