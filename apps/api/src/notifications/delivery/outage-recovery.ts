import type { DeliveryJournal } from './delivery-journal';

/**
 * Transient failures in a row, none of them followed by an answer, that mean the server itself was
 * down rather than one mailbox refusing for now (one 421 between accepted mails is that mailbox's).
 */
const OUTAGE_FAILURES_IN_A_ROW = 2;

/**
 * Once the mail server answers again after an outage, mail waiting out a retry backoff is due at
 * once, so the backlog goes in priority order. Each mail waits out the backoff of its own failures:
 * an escalation alert that failed early in the outage waited up to the longest backoff (30 min by
 * default) while routine mail queued just before recovery went at its first retry.
 */
export class OutageRecovery {
  private failuresInARow = 0;
  /**
   * Released once, not again: a mail that fails again after a release fails for itself (its
   * mailbox), and releasing it at every recovery would spend its attempts within seconds.
   */
  private readonly released = new Set<string>();

  constructor(private readonly journal: DeliveryJournal) {}

  /** A transient failure (the server did not take the mail, and may later). */
  failedForNow(): void {
    this.failuresInARow += 1;
  }

  /** A permanent refusal: the server answered, about this mail alone. */
  refused(): void {
    this.failuresInARow = 0;
  }

  /**
   * The server took a mail. After an outage, every mail still waiting out a backoff is made due
   * now, attempts kept (one indexed update); true when any was, so the caller walks from the top.
   */
  async accepted(id: string, now: string): Promise<boolean> {
    this.released.delete(id);
    const afterOutage = this.failuresInARow >= OUTAGE_FAILURES_IN_A_ROW;
    this.failuresInARow = 0;
    if (!afterOutage) return false;
    const ids = await this.journal.releaseBackoff(now, this.released);
    for (const released of ids) this.released.add(released);
    return ids.length > 0;
  }
}
