export type DeliveryOutcome = 'sent' | 'failed' | 'dead' | 'withheld';

/** How often the delivery worker logs what it sent, at most (DeliveryWorkerOptions.summaryIntervalMs). */
export const DELIVERY_SUMMARY_INTERVAL_MS = 60_000;

/**
 * The info line of the delivery worker: counts of what it sent, failed to send, dead-lettered and
 * withheld, once per interval in which it did anything. One info line per mail was 98-99% of the
 * log under load (~1 GB a day) and told an operator nothing the delivery records do not hold; each
 * mail is now a debug line, and failures and dead letters keep their own warn and error lines.
 */
export class DeliveryLogSummary {
  private counts: Record<DeliveryOutcome, number> = { sent: 0, failed: 0, dead: 0, withheld: 0 };
  private since = Date.now();

  constructor(
    private readonly log: (message: string, context: Record<string, unknown>) => void,
    private readonly intervalMs = DELIVERY_SUMMARY_INTERVAL_MS,
  ) {}

  count(outcome: DeliveryOutcome): void {
    this.counts[outcome] += 1;
  }

  /** Logs the counts once the interval has passed (`now`: at stop, so nothing goes uncounted). */
  flush(now = false): void {
    const elapsedMs = Date.now() - this.since;
    if (!now && elapsedMs < this.intervalMs) return;
    if (Object.values(this.counts).some((count) => count > 0))
      this.log('notifications delivered', { ...this.counts, overSeconds: Math.round(elapsedMs / 1000) });
    this.counts = { sent: 0, failed: 0, dead: 0, withheld: 0 };
    this.since = Date.now();
  }
}
