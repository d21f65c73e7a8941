import { Command } from 'commander';
import { progressBar } from '../shared/progress-bar';
import { readWholeLog, withRuntime } from '../shared/runtime-session';
import { ChainWalker, describeBrokenLink } from './chain-walker';

/**
 * `verify`: walks every event of every stream and checks the hash chains (tamper evidence). Prints
 * the first broken link of each damaged stream, naming stream and revision, and exits with 1 when
 * any is found.
 */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Verify the hash chain of every stream; report the first broken link of each (exit 1 if any)',
    )
    .option('--json', 'print the result as JSON', false)
    .action(async (options: { json: boolean }) => {
      const walker = await withRuntime(async ({ storage }) => {
        const walker = new ChainWalker();
        const progress = progressBar('verify', await storage.eventStore.headPosition());
        for await (const batch of readWholeLog(storage.eventStore)) {
          for (const event of batch) walker.accept(event);
          progress.update(batch[batch.length - 1].position);
        }
        progress.stop();
        return walker;
      });
      const intact = walker.broken.length === 0;
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ intact, events: walker.events, streams: walker.streams, broken: walker.broken }, null, 2)}\n`,
        );
      } else {
        for (const link of walker.broken) process.stdout.write(`BROKEN ${describeBrokenLink(link)}\n`);
        process.stdout.write(
          intact
            ? `Verified ${walker.events} events in ${walker.streams} streams: every hash chain is intact.\n`
            : `${walker.broken.length} of ${walker.streams} streams ${walker.broken.length === 1 ? 'has' : 'have'} a broken hash chain (${walker.events} events read).\n`,
        );
      }
      if (!intact) process.exitCode = 1;
    });
}
