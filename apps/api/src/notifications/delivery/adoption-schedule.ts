import type { ReadModelStore } from '@casetrail/readmodels';
import type { DeliveryJournal } from './delivery-journal';
import { adoptNewNotifications } from './outbox-adopter';

const ADOPTION_PAGE = 500;

/**
 * The delivery worker's adoption of new outbox rows, apart from its sends. A send may wait up to
 * the SMTP socket timeout (60 s) for a server that took the connection and stopped answering; had
 * adoption waited for it too, new notifications (a production-down case's among them) stayed out of
 * the delivery records, so out of the send order, for that long. So adoption goes on every interval
 * while a send is in flight (`alongside`), and between sends (`adoptIfDue`).
 *
 * Adoptions never overlap (each waits for the one before): both write the adoption cursor, and a
 * second one could only find the same rows. Adoption is safe beside a send and beside another
 * worker's adoption: it creates a record only where none exists, moves the cursor only forward,
 * and each write is one journal batch (see delivery-journal.ts).
 */
export class AdoptionSchedule {
  private queue: Promise<unknown> = Promise.resolve();
  private running = false;
  private lastStartedAt = 0;
  private adoptedSinceTaken = 0;

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly journal: DeliveryJournal,
    private readonly options: {
      /** The application clock's now, as an ISO string: what new records are due from. */
      now: () => string;
      intervalMs: number;
      /** An adoption alongside a send failed: the next interval tries again. */
      onError: (error: unknown) => void;
    },
  ) {}

  /** Adopts every new row now, once any adoption under way is done (counted for `takeAdopted`). */
  adoptAll(): Promise<void> {
    const adoption = this.queue.then(() => this.drain());
    this.queue = adoption.catch(() => undefined);
    return adoption;
  }

  /** Adopts when none is under way and an interval has passed since the last one began. */
  async adoptIfDue(): Promise<void> {
    if (this.running || Date.now() - this.lastStartedAt < this.options.intervalMs) return;
    return this.adoptAll();
  }

  /** Runs `work` (a send) with adoption going on every interval until it settles. */
  async alongside<T>(work: () => Promise<T>): Promise<T> {
    const timer = setInterval(
      () => void this.adoptIfDue().catch((error: unknown) => this.options.onError(error)),
      this.options.intervalMs,
    );
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /** How many records were adopted since the last call: an urgent one may be among them. */
  takeAdopted(): number {
    const adopted = this.adoptedSinceTaken;
    this.adoptedSinceTaken = 0;
    return adopted;
  }

  /** Resolves once no adoption is under way (a round ends, the worker stops). */
  async settled(): Promise<void> {
    await this.queue;
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.lastStartedAt = Date.now();
    try {
      for (;;) {
        const { readModels, journal } = this;
        const adopted = await adoptNewNotifications(readModels, journal, this.options.now(), ADOPTION_PAGE);
        if (adopted === 0) break;
        this.adoptedSinceTaken += adopted;
      }
    } finally {
      this.running = false;
    }
  }
}
