import type { LogDigest, LogDigestMark } from '@casetrail/eventstore';
import type { UnreadableEvent } from '../audit/evidence-log';
import type { LogReceipt } from './log-receipt';

/** What checking the log against a receipt found. */
export type ReceiptVerdict =
  | { kind: 'matches'; receipt: LogReceipt }
  | ({ kind: 'differs'; receipt: LogReceipt } & Difference)
  /**
   * The receipt contradicts itself: a checkpoint differs from the log while a later one, or its
   * head, matches it, or a digest matches with another position. SHA-256 runs over the whole log
   * and covers positions, so the log is whole up to the match; the receipt file was damaged.
   */
  | { kind: 'inconsistent'; receipt: LogReceipt; damaged: LogDigestMark; matching: LogDigestMark };

interface Difference {
  /** The last checkpoint the log still matches (events 0 when not even the first). */
  matchedUpTo: LogDigestMark;
  /** The first checkpoint it does not. */
  expected: LogDigestMark;
  /** The log at that many events, or `undefined` when the log now ends before it. */
  found?: LogDigestMark;
  /** Events the log holds now, when it ends before `expected`. */
  logEvents?: number;
  /** A stored row within `expected` that cannot be read as an event any more. */
  unreadable?: UnreadableRow;
}

type UnreadableRow = Pick<UnreadableEvent, 'stream' | 'revision' | 'position' | 'problem'>;

const START: LogDigestMark = { events: 0, position: 0, digest: '' };

/**
 * Compares the log, as it is digested event by event, with a receipt's checkpoints: `after` is
 * called before the first event (a receipt of an empty log) and once the digest has taken each
 * event, and answers once the receipt's end is reached; `atEnd` when the log ran out first. A
 * checkpoint that differs is remembered and the walk goes on to the receipt's head: should a later
 * checkpoint match after all, it was the receipt that was damaged, not the log (see `inconsistent`).
 */
export class ReceiptCheck {
  private next = 0;
  private firstDifference?: Difference;
  /** The head differed: reading on to the log's end for its digest (see headDigestElsewhere). */
  private searchingForHead = false;

  constructor(private readonly receipt: LogReceipt) {}

  /** The verdict once known; `undefined`: keep reading. */
  after(digest: LogDigest): ReceiptVerdict | undefined {
    const misplaced = this.headDigestElsewhere(digest);
    if (misplaced) return misplaced;
    const expected = this.receipt.checkpoints[this.next];
    if (!expected || digest.events !== expected.events) return undefined;
    const found = digest.mark();
    if (found.digest === expected.digest) {
      if (found.position !== expected.position || this.firstDifference) {
        return this.inconsistent(this.firstDifference?.expected ?? expected, found);
      }
    } else {
      this.firstDifference ??= { matchedUpTo: this.matchedUpTo(), expected, found };
    }
    this.next += 1;
    if (this.next < this.receipt.checkpoints.length) return undefined;
    if (!this.firstDifference) return { kind: 'matches', receipt: this.receipt };
    // The head differs: read on, should its digest be the log's at another count (a damaged count).
    this.searchingForHead = found.digest !== expected.digest;
    return this.searchingForHead
      ? undefined
      : { kind: 'differs', receipt: this.receipt, ...this.firstDifference };
  }

  /**
   * The log's digest equal to the receipt's head's at another count or position: SHA-256 over the
   * log and its positions cannot give one digest twice, so the receipt's count or position was
   * damaged. Looked for on every event after the last checkpoint before the head, and after a head
   * that differs: a few thousand digests at most, unless the log really changed.
   */
  private headDigestElsewhere(digest: LogDigest): ReceiptVerdict | undefined {
    const { checkpoints } = this.receipt;
    if (!this.searchingForHead && this.next !== checkpoints.length - 1) return undefined;
    const head = checkpoints[checkpoints.length - 1];
    const mark = digest.mark();
    const elsewhere =
      mark.digest === head.digest && (mark.events !== head.events || mark.position !== head.position);
    return elsewhere ? this.inconsistent(head, mark) : undefined;
  }

  /**
   * A row that cannot be read where the receipt recorded a readable event (`receipt` issues none
   * over such a row): the stretch it lies in differs. Beyond the receipt's end it is `verify`'s
   * business, not the receipt's.
   */
  unreadable(entry: UnreadableEvent): ReceiptVerdict | undefined {
    const expected = this.receipt.checkpoints[this.next];
    if (!expected) return undefined;
    const { stream, revision, position, problem } = entry;
    const difference = this.firstDifference ?? {
      matchedUpTo: this.matchedUpTo(),
      expected,
      unreadable: { stream, revision, position, problem },
    };
    return { kind: 'differs', receipt: this.receipt, ...difference };
  }

  /** The log ran out and no verdict came: it ends before the receipt does. */
  atEnd(digest: LogDigest): ReceiptVerdict {
    const difference = this.firstDifference ?? {
      matchedUpTo: this.matchedUpTo(),
      expected: this.receipt.checkpoints[this.next],
      logEvents: digest.events,
    };
    return { kind: 'differs', receipt: this.receipt, ...difference };
  }

  private matchedUpTo(): LogDigestMark {
    return this.receipt.checkpoints[this.next - 1] ?? START;
  }

  private inconsistent(damaged: LogDigestMark, matching: LogDigestMark): ReceiptVerdict {
    return { kind: 'inconsistent', receipt: this.receipt, damaged, matching };
  }
}

/** A verdict on the log: the receipt could be trusted. */
export type LogVerdict = Exclude<ReceiptVerdict, { kind: 'inconsistent' }>;

/** Why a receipt that contradicts itself cannot be checked against. */
export function inconsistencyMessage(verdict: Extract<ReceiptVerdict, { kind: 'inconsistent' }>): string {
  const { damaged, matching, receipt } = verdict;
  return (
    `The receipt issued at ${receipt.issuedAt} contradicts itself: the log matches its digest at event ` +
    `${matching.events} (position ${matching.position}), which covers everything before it, yet not its ` +
    `checkpoint at event ${damaged.events} (position ${damaged.position}, digest ${damaged.digest}). ` +
    'The receipt file was damaged; check against a good copy of it.'
  );
}

/** The verdict as lines for an operator. */
export function describeReceiptVerdict(verdict: LogVerdict, logHead: number): string[] {
  const { receipt } = verdict;
  const issued = `the receipt issued at ${receipt.issuedAt}`;
  if (verdict.kind === 'matches') {
    return [
      `Intact: the log's first ${receipt.events} events (up to position ${receipt.position}) are exactly as ${issued} recorded them.`,
      logHead > receipt.position
        ? `The log has gone on since, to position ${logHead}; a newer receipt covers those events.`
        : 'Nothing was appended since.',
    ];
  }
  const { matchedUpTo, expected } = verdict;
  const stretch =
    matchedUpTo.events === 0
      ? `its first ${expected.events} events`
      : `events ${matchedUpTo.events + 1} to ${expected.events} (after position ${matchedUpTo.position})`;
  const lines = [`CHANGED: the log differs from ${issued} within ${stretch}.`];
  if (verdict.unreadable) {
    const { stream, revision, position, problem } = verdict.unreadable;
    lines.push(
      `The stored event of ${stream} at revision ${revision} (position ${position}) cannot be read any more: ${problem}.`,
    );
  } else if (verdict.found) {
    lines.push(
      `At event ${expected.events} the receipt recorded position ${expected.position} and digest ${expected.digest}; the log now has position ${verdict.found.position} and digest ${verdict.found.digest}.`,
      'An event there was edited, removed, inserted or moved, whether or not its hash chain was computed again. `casetrail verify` names a broken chain if the change left one.',
    );
  } else {
    lines.push(
      `The log now holds ${verdict.logEvents} events; the receipt recorded ${receipt.events} (up to position ${receipt.position}). Events were removed.`,
    );
  }
  if (matchedUpTo.events > 0) {
    lines.push(
      `Everything up to event ${matchedUpTo.events} (position ${matchedUpTo.position}) still matches.`,
    );
  }
  return lines;
}

/** The verdict for `--json`: the receipt named by its head, not repeated checkpoint by checkpoint. */
export function verdictJson(verdict: LogVerdict, logHead: number): object {
  const { receipt, ...found } = verdict;
  const { issuedAt, events, position, digest } = receipt;
  return {
    intact: verdict.kind === 'matches',
    ...found,
    receipt: { issuedAt, events, position, digest },
    logHead,
  };
}
