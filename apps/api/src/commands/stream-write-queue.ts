/**
 * Lets one decision at a time read, decide and append on a stream within this process; the others
 * on that stream wait their turn, in the order they came. Without it, writers in one process raced
 * each other for the next revision, and a slow one (a decision that loads context) kept losing
 * until its retries ran out and a client that had asked for no precondition got a 409.
 *
 * A chain of promises per stream name. The last writer of a chain removes it, so streams written
 * once leave nothing behind. A writer that throws still hands over its turn.
 */
export class StreamWriteQueue {
  /** Per stream: settles when the last writer queued on it so far is done. Never rejects. */
  private readonly tails = new Map<string, Promise<void>>();

  async runInTurn<T>(stream: string, write: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(stream) ?? Promise.resolve();
    let handOver!: () => void;
    const done = new Promise<void>((resolve) => (handOver = resolve));
    const tail = previous.then(() => done);
    this.tails.set(stream, tail);
    await previous;
    try {
      return await write();
    } finally {
      handOver();
      // Nobody queued behind this writer: the stream needs no entry any more.
      if (this.tails.get(stream) === tail) this.tails.delete(stream);
    }
  }

  /** How many streams have a writer running or waiting (a leak would show here). */
  get busyStreams(): number {
    return this.tails.size;
  }
}
