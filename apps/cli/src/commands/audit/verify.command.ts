import { Command } from 'commander';
import { progressBar } from '../shared/progress-bar';
import { readWholeLog, withRuntime } from '../shared/runtime-session';
import { ChainWalker, describeBrokenLink } from './chain-walker';
import { describeRemovedTail, findRemovedTails } from './removed-tails';

/**
 * `verify`: walks every event of every stream and checks the hash chains (tamper evidence). Prints
 * the first broken link of each damaged stream, naming stream and revision, and exits with 1 when
 * any is found. Then compares the log with what the read models were built from, which shows
 * events removed from the end of a stream or of the log (a shorter chain is still whole).
 */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Verify the hash chain of every stream; report the first broken link of each (exit 1 if any)',
    )
    .option('--json', 'print the result as JSON', false)
    .action(async (options: { json: boolean }) => {
      const { walker, removed } = await withRuntime(async ({ storage }) => {
        const walker = new ChainWalker();
        const head = await storage.eventStore.headPosition();
        const progress = progressBar('verify', head);
        for await (const batch of readWholeLog(storage.eventStore)) {
          for (const event of batch) walker.accept(event);
          progress.update(batch[batch.length - 1].position);
        }
        progress.stop();
        const removed = await findRemovedTails(storage.readModels, storage.eventStore, (stream) =>
          walker.lastRevision(stream),
        );
        return { walker, removed };
      });
      const intact = walker.broken.length === 0 && removed.length === 0;
      if (options.json) {
        const { events, streams, broken } = walker;
        process.stdout.write(`${JSON.stringify({ intact, events, streams, broken, removed }, null, 2)}\n`);
      } else {
        for (const link of walker.broken) process.stdout.write(`BROKEN ${describeBrokenLink(link)}\n`);
        for (const tail of removed) process.stdout.write(`REMOVED ${describeRemovedTail(tail)}\n`);
        process.stdout.write(`${summary(walker, removed.length)}\n`);
      }
      if (!intact) process.exitCode = 1;
    });
}

function summary(walker: ChainWalker, removedTails: number): string {
  const { broken, events, streams } = walker;
  if (broken.length === 0 && removedTails === 0)
    return `Verified ${events} events in ${streams} streams: every hash chain is intact, and nothing the read models saw is missing.`;
  const parts = [
    ...(broken.length > 0
      ? [`${broken.length} of ${streams} streams ${broken.length === 1 ? 'has' : 'have'} a broken hash chain`]
      : []),
    ...(removedTails > 0
      ? [`${removedTails} sign(s) of events removed from the end of a stream or of the log`]
      : []),
  ];
  return `${parts.join('; ')} (${events} events read).`;
}
