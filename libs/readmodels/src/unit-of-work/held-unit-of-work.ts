import type { GlobalPosition } from '@casetrail/eventstore';
import type { HeldBatch, HeldBatchOptions, ProjectionTransaction } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';
import { applyEventsToUnitOfWork } from './apply-events';
import type { BatchReader } from './batch-reader';
import { BatchUnitOfWork, type BatchWrite } from './batch-unit-of-work';

/**
 * Stores a unit of work's writes with the checkpoint they bring the projection to, atomically,
 * after checking the stored checkpoint is still `from` (the adapter's half of a batch).
 */
export type CommitWrites = (writes: BatchWrite[], from: GlobalPosition, to: GlobalPosition) => Promise<void>;

/**
 * The unit of work behind both `applyBatch` (one `apply`, one `flush`) and `openHeldBatch` (many
 * of each): writes collapse to the last one per document until `flush` hands them to the store.
 * A failed `apply` or `flush` leaves the store at the last flush and this batch unusable, so no
 * half-applied batch of events can ever be stored.
 */
export class HeldUnitOfWork implements HeldBatch {
  private unitOfWork: BatchUnitOfWork;
  private stored: GlobalPosition;
  private applied: GlobalPosition;
  private failure?: unknown;

  constructor(
    private readonly reader: BatchReader,
    checkpoint: GlobalPosition,
    private readonly commit: CommitWrites,
    private readonly options: HeldBatchOptions = {},
  ) {
    this.unitOfWork = new BatchUnitOfWork(reader, options.frozen);
    this.stored = checkpoint;
    this.applied = checkpoint;
  }

  get heldDocuments(): number {
    return this.unitOfWork.size;
  }

  get appliedPosition(): GlobalPosition {
    return this.applied;
  }

  async apply<E extends { position: GlobalPosition }>(
    events: E[],
    apply: (event: E, tx: ProjectionTransaction) => Promise<void> | void,
  ): Promise<void> {
    this.assertUsable();
    try {
      const position = await applyEventsToUnitOfWork(this.unitOfWork, this.applied, events, apply);
      if (position !== undefined) this.applied = position;
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  async flush(): Promise<GlobalPosition> {
    this.assertUsable();
    if (this.applied === this.stored) return this.stored;
    try {
      await this.commit(this.unitOfWork.writes(), this.stored, this.applied);
    } catch (error) {
      this.failure = error;
      throw error;
    }
    this.stored = this.applied;
    this.unitOfWork = new BatchUnitOfWork(this.reader, this.options.frozen);
    return this.stored;
  }

  private assertUsable(): void {
    if (this.failure !== undefined) {
      throw new ReadModelUsageError(
        `Held batch unusable after a failure (nothing after position ${this.stored} was stored): ${describe(this.failure)}`,
      );
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
