/** How a keyed command that changed nothing was answered. */
export interface NoOpAnswer {
  stream: string;
  /** The stream's revision the decision saw (-1: no stream yet). */
  revision: number;
  requestHash?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keyed commands whose decision changed nothing (assigning the engineer already assigned, a
 * permission change that changes none). Every other keyed command is remembered by its stream,
 * whose events carry the command's id; these leave no event, so without this a retry after
 * someone else's change was decided again, and could undo that change (an assignment reverted).
 *
 * Kept by this process, for a day and up to `capacity` commands, the oldest going first: retries
 * come within that. In front of `KeyedNoOpJournal`, which every process shares and a restart keeps.
 */
export class KeyedNoOps {
  private readonly answers = new Map<string, NoOpAnswer & { at: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly ttlMs = DAY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  remember(commandId: string, answer: NoOpAnswer): void {
    this.answers.delete(commandId);
    this.answers.set(commandId, { ...answer, at: this.now() });
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= this.capacity) break;
      this.answers.delete(oldest);
    }
  }

  recall(commandId: string): NoOpAnswer | undefined {
    const answer = this.answers.get(commandId);
    if (!answer) return undefined;
    if (this.now() - answer.at > this.ttlMs) {
      this.answers.delete(commandId);
      return undefined;
    }
    const { at: _rememberedAt, ...asAnswered } = answer;
    return asAnswered;
  }
}
