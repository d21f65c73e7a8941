import type { LogDigest, LogDigestMark } from '@casetrail/eventstore';
import type { UnreadableEvent } from '../audit/evidence-log';
import type { LogReceipt } from './log-receipt';

/** What checking the log against a receipt found. */
export type ReceiptVerdict =
  | { kind: 'matches'; receipt: LogReceipt }
  | {
      kind: 'differs';
      receipt: LogReceipt;
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
    };

type UnreadableRow = Pick<UnreadableEvent, 'stream' | 'revision' | 'position' | 'problem'>;

const START: LogDigestMark = { events: 0, position: 0, digest: '' };

/**
 * Compares the log, as it is digested event by event, with a receipt's checkpoints: `after` is
 * called before the first event (a receipt of an empty log) and once the digest has taken each
 * event, and answers as soon as the verdict is known (the
 * first checkpoint that differs, or the receipt's end reached intact); `atEnd` when the log ran out
 * first. Stops at the first difference: after it, every digest differs anyway.
 */
export class ReceiptCheck {
  private next = 0;

  constructor(private readonly receipt: LogReceipt) {}

  /** The verdict once known; `undefined`: keep reading. */
  after(digest: LogDigest): ReceiptVerdict | undefined {
    const expected = this.receipt.checkpoints[this.next];
    if (!expected || digest.events !== expected.events) return undefined;
    const found = digest.mark();
    if (found.position !== expected.position || found.digest !== expected.digest) {
      return this.differs(expected, { found });
    }
    this.next += 1;
    return this.next === this.receipt.checkpoints.length
      ? { kind: 'matches', receipt: this.receipt }
      : undefined;
  }

  /**
   * A row that cannot be read where the receipt recorded a readable event: the stretch it lies in
   * differs. Beyond the receipt's end it is `verify`'s business, not the receipt's.
   */
  unreadable(entry: UnreadableEvent): ReceiptVerdict | undefined {
    const expected = this.receipt.checkpoints[this.next];
    if (!expected) return undefined;
    const { stream, revision, position, problem } = entry;
    return this.differs(expected, { unreadable: { stream, revision, position, problem } });
  }

  /** The log ran out and no verdict came: it ends before the receipt does. */
  atEnd(digest: LogDigest): ReceiptVerdict {
    return this.differs(this.receipt.checkpoints[this.next], { logEvents: digest.events });
  }

  private differs(
    expected: LogDigestMark,
    what: { found?: LogDigestMark; logEvents?: number; unreadable?: UnreadableRow },
  ): ReceiptVerdict {
    const matchedUpTo = this.receipt.checkpoints[this.next - 1] ?? START;
    return { kind: 'differs', receipt: this.receipt, matchedUpTo, expected, ...what };
  }
}

/** The verdict as lines for an operator. */
export function describeReceiptVerdict(verdict: ReceiptVerdict, logHead: number): string[] {
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
export function verdictJson(verdict: ReceiptVerdict, logHead: number): object {
  const { receipt, ...found } = verdict;
  const { issuedAt, events, position, digest } = receipt;
  return {
    intact: verdict.kind === 'matches',
    ...found,
    receipt: { issuedAt, events, position, digest },
    logHead,
  };
}
