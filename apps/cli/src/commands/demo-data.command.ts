import { Command, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import type { ReadModelStore } from '@casetrail/readmodels';
import { DeliveryJournal } from '../../../api/src/notifications/delivery/delivery-journal';
import { adoptPolicyInForce } from '../../../api/src/policy-archive/policy-archive-stream';
import { openRuntime } from '../../../api/src/runtime/open-runtime';
import { openDemoSqliteEventStore, writeSimulation } from './demo-data/demo-data-writer';
import { simulateSupport, type SimulationSummary } from './demo-data/support-simulation';
import { integerOption } from './shared/integer-option';
import { progressBar } from './shared/progress-bar';

interface DemoDataOptions {
  cases: number;
  days: number;
  seed: number;
  end?: string;
  logBytes: number;
}

/**
 * `demo-data`: fills the event store with a simulated support history (accounts, licences, users,
 * and cases worked by customers, engineers and the SLA timers) through the real deciders, with
 * valid hash chains. The projections build the read models from it as from any other history.
 */
export function registerDemoDataCommand(program: Command): void {
  program
    .command('demo-data')
    .description(
      'Generate a realistic support history (cases, comments, escalations, breaches) into the event store',
    )
    .option('--cases <n>', 'how many cases', integerOption({ minimum: 1 }), 1_000)
    .option('--days <n>', 'over how many days before --end', integerOption({ minimum: 1 }), 90)
    .option(
      '--seed <n>',
      'random seed (the same seed gives the same history)',
      integerOption({ minimum: 1 }),
      20_260_301,
    )
    .option(
      '--end <instant>',
      'when the simulated period ends, e.g. 2026-03-01T00:00:00Z (default: now)',
      parseInstant,
    )
    .option(
      '--log-bytes <n>',
      'each customer comment carries a pasted log of about n bytes (real desks see many)',
      integerOption({ minimum: 0 }),
      0,
    )
    .action(async (options: DemoDataOptions) => {
      // The policy is recorded after the simulated history (see below), not before it.
      const runtime = await openRuntime(undefined, { recordPolicy: false });
      const end = options.end ?? new Date().toISOString();
      const simulation = simulateSupport({
        cases: options.cases,
        days: options.days,
        seed: options.seed,
        end,
        logBytes: options.logBytes,
        policy: runtime.policy,
      });
      // Progress is simulated time covered: the number of events is only known at the end.
      const endMs = Date.parse(end);
      const startMs = endMs - options.days * 86_400_000;
      const progress = progressBar('demo-data', 100, '% of the period');
      try {
        if ((await runtime.storage.eventStore.headPosition()) > 0) {
          throw new Error(
            'The event store already holds events; demo data goes into an empty one (set DATA_DIR)',
          );
        }
        const onAppend = ({ at }: { at: string }) =>
          progress.update(Math.max(0, Math.floor(((Date.parse(at) - startMs) / (endMs - startMs)) * 100)));
        let summary;
        let head: number;
        if (runtime.config.eventStoreUrl) {
          summary = await writeSimulation(runtime.storage.eventStore, simulation, { onAppend });
          await adoptPolicyInForce(runtime.storage.eventStore, runtime.policy, inForceSince(summary));
          head = await runtime.storage.eventStore.headPosition();
        } else {
          // Embedded: write through a store whose recordedAt follows the simulation, so as-of and history read naturally.
          await runtime.storage.eventStore.close();
          const demo = openDemoSqliteEventStore(join(runtime.config.dataDir, 'events.sqlite'));
          try {
            summary = await writeSimulation(demo.store, simulation, {
              instant: demo.instant,
              group: demo.group,
              onAppend,
            });
            // The version the simulated targets were computed under, for reading their business time.
            await adoptPolicyInForce(demo.store, runtime.policy, inForceSince(summary));
            head = await demo.store.headPosition();
          } finally {
            await demo.store.close();
          }
        }
        progress.stop();
        await skipNotificationsOfHistory(runtime.storage.readModels, head);
        process.stdout.write(
          `Wrote ${summary.events} events (${summary.cases} cases) from ${summary.firstInstant} to ${summary.lastInstant}; ` +
            'no one is notified of this history, only of what happens after it\n',
        );
      } finally {
        progress.stop();
        await runtime.storage.close();
      }
    });
}

/**
 * When the simulated history's policy came into force: its first instant, since every simulated
 * target was computed under it. The adoption is recorded after the history (its recorded time is
 * the history's last), so its own `adoptedAt` says from when it applied.
 */
function inForceSince(summary: SimulationSummary): Date {
  return new Date(summary.firstInstant);
}

/**
 * A generated history is not news: the delivery of notifications starts after it (the outbox still
 * works out what each of its events would have sent, as it must to follow the cases later).
 * Without this the first start would mail every opener, team member and CSM of the simulation
 * once per event: about a million messages for a million events.
 */
async function skipNotificationsOfHistory(readModels: ReadModelStore, head: number): Promise<void> {
  const journal = new DeliveryJournal(readModels);
  await journal.ensureCollections();
  await journal.skipUpTo(head);
}

/**
 * An instant as an ISO string, refused before any store is opened: `new Date('notadate')` would
 * fail later with only "Invalid time value", naming no option.
 */
function parseInstant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidArgumentError('must be a date or instant, e.g. 2026-03-01 or 2026-03-01T00:00:00Z');
  return new Date(ms).toISOString();
}
