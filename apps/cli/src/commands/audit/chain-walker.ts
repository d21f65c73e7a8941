import { checkLink, GENESIS_HASH, type BrokenLink, type RecordedEvent } from '@casetrail/eventstore';

/**
 * Checks every stream's hash chain while walking the global log once, so verifying millions of
 * events needs memory for one hash per stream rather than whole streams. Events of a stream appear
 * in the log in revision order, so each one is checked with `checkLink`, as `verifyStreamChain`
 * does: revision in sequence, hash present, previous hash matching the
 * last link, content matching its hash. Only the first broken link of a stream is reported; the
 * rest of that stream cannot be trusted anyway.
 */
export class ChainWalker {
  private readonly heads = new Map<string, { revision: number; hash: string } | 'broken'>();
  private readonly brokenLinks: BrokenLink[] = [];
  /** The last event read of each stream: its revision, and its id for the read models' cross-check. */
  private readonly lastEvents = new Map<string, { revision: number; id: string }>();
  private count = 0;

  accept(event: RecordedEvent): void {
    this.count += 1;
    this.lastEvents.set(event.stream, { revision: event.revision, id: event.id });
    const head = this.heads.get(event.stream);
    if (head === 'broken') return;
    const expectedRevision = head ? head.revision + 1 : 0;
    const previous = head ? head.hash : GENESIS_HASH;
    const broken = checkLink(event, expectedRevision, previous);
    if (broken) {
      this.brokenLinks.push(broken);
      this.heads.set(event.stream, 'broken');
      return;
    }
    this.heads.set(event.stream, { revision: event.revision, hash: event.metadata.hash! });
  }

  get events(): number {
    return this.count;
  }

  get streams(): number {
    return this.heads.size;
  }

  get broken(): readonly BrokenLink[] {
    return this.brokenLinks;
  }

  /** The last event read of a stream (broken or not): revision and id; undefined for a stream never seen. */
  lastEvent(stream: string): { revision: number; id: string } | undefined {
    return this.lastEvents.get(stream);
  }

  /** The last hash of an intact stream: what an auditor records to detect a truncated tail later. */
  headHash(stream: string): string | undefined {
    const head = this.heads.get(stream);
    return head && head !== 'broken' ? head.hash : undefined;
  }
}

/** One line an operator can act on. */
export function describeBrokenLink(link: BrokenLink): string {
  const where = `${link.stream} at revision ${link.revision} (event ${link.eventId})`;
  switch (link.problem) {
    case 'hash-mismatch':
      return `${where}: content does not match its hash (edited after it was written): stored ${link.actual}, content hashes to ${link.expected}`;
    case 'previous-hash-mismatch':
      return `${where}: does not link to the event before it (an event was removed, reordered or re-hashed): expected previous hash ${link.expected}, found ${link.actual ?? 'none'}`;
    case 'missing-hash':
      return `${where}: carries no hash`;
    case 'revision-gap':
      return `${where}: expected revision ${link.expected} (an event is missing)`;
  }
}
