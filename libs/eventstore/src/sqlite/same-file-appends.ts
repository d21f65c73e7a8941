import { resolve } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';

/**
 * Announces this store's commits to the other stores on the same file in this process, whatever
 * thread they run on (the API's projector thread, say), and hears theirs. A subscription woken this
 * way reads a new event at once, where the watch on other writers (PRAGMA data_version) would notice
 * it only at its next look, up to the poll interval after a quiet spell. Other processes still rely
 * on that watch: a BroadcastChannel does not leave the process.
 */
export class SameFileAppends {
  private readonly channel: BroadcastChannel;

  constructor(file: string, onAppendElsewhere: () => void) {
    this.channel = new BroadcastChannel(`casetrail:sqlite-appends:${resolve(file)}`);
    this.channel.onmessage = onAppendElsewhere;
    // Hearing about appends must never keep a process alive on its own.
    this.channel.unref();
  }

  /** Called after each commit; the sender's own channel does not hear it. */
  announce(): void {
    this.channel.postMessage(null);
  }

  close(): void {
    this.channel.close();
  }
}
