import { isUnreadable, type LogEntry, type UnreadableEvent } from '@casetrail/eventstore';

// The reader lives beside the store, shared with the API's integrity endpoint (which must count a
// stream's rows as these commands do); re-exported so the audit commands keep importing it here.
export {
  EvidenceLog,
  isUnreadable,
  readableOnly,
  UnreadableEvent,
  type LogEntry,
} from '@casetrail/eventstore';

/** The hash of a stream's last entry; undefined when it has none or its row cannot be read. */
export function headHashOf(entries: readonly LogEntry[]): string | undefined {
  const last = entries.at(-1);
  return last && !isUnreadable(last) ? last.metadata.hash : undefined;
}

/** One line an operator can act on (after BROKEN). */
export function describeUnreadable({ stream, revision, position, problem }: UnreadableEvent): string {
  return `${stream} at revision ${revision} (position ${position}): the stored event cannot be read, ${problem}: it was damaged or edited after it was written, and its hash, and the links after it, cannot be checked (restore the row from a backup)`;
}
