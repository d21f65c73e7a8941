import type { CaseView } from '../api/api-types';

/**
 * The server's "now", estimated in the browser. Countdowns tick locally between requests, but they
 * must count from the server's instant (its clock decides breaches), not from the browser's,
 * which may be minutes off. Each response that states the server's time corrects the estimate.
 */
export class ServerClock {
  private offsetMs = 0;

  constructor(private readonly localNow: () => number = () => Date.now()) {}

  now(): number {
    return this.localNow() + this.offsetMs;
  }

  /** The server said it was `iso` just now. */
  observe(iso: string | undefined): void {
    const server = iso ? Date.parse(iso) : Number.NaN;
    if (!Number.isNaN(server)) this.offsetMs = server - this.localNow();
  }

  /** A case detail states its server time implicitly: a running target's due time minus what remains. */
  observeCase(view: CaseView): void {
    for (const target of [view.sla.firstResponse, view.sla.resolution]) {
      if (target.remainingMs !== undefined && target.state === 'running') {
        this.observe(new Date(Date.parse(target.dueAt) - target.remainingMs).toISOString());
        return;
      }
    }
  }
}
