import type { GlobalPosition } from '@casetrail/eventstore';

interface Waiter {
  position: GlobalPosition;
  deadline: number;
  resolve: (reached: boolean) => void;
}

/**
 * Read-your-writes when the projections run in another process (the projector): nothing tells
 * this process when they progress, so it has to look. One loop looks for every waiting request
 * (a few checkpoint reads per look, however many requests wait), often (every `intervalMs`) and
 * only while someone waits; each look settles every request whose position the checkpoints reached.
 */
export class CheckpointPoll {
  private readonly waiters = new Set<Waiter>();
  private polling = false;

  constructor(
    /** The lowest checkpoint of the projections read-your-writes needs. */
    private readonly readCheckpoint: () => Promise<GlobalPosition>,
    private readonly intervalMs = 2,
  ) {}

  /** True once the checkpoint reaches `position`, false after `timeoutMs`. */
  wait(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiters.add({ position, deadline: Date.now() + timeoutMs, resolve });
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        // A failed read (a store hiccup) reaches nothing: waiters keep waiting until their deadline.
        const reached = await this.readCheckpoint().catch(() => Number.NEGATIVE_INFINITY);
        const now = Date.now();
        for (const waiter of this.waiters) {
          if (waiter.position <= reached) waiter.resolve(true);
          else if (now >= waiter.deadline) waiter.resolve(false);
          else continue;
          this.waiters.delete(waiter);
        }
        if (this.waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      }
    } finally {
      this.polling = false;
    }
  }
}
