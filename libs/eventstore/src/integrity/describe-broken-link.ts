import type { BrokenLink } from './hash-chain';

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
      // Judged on the stream read in revision order (see ChainWalker.recheck): the revision is in
      // no position of the log.
      return `${where}: expected revision ${link.expected} (an event is missing)`;
    case 'format-downgrade':
      return `${where}: hashed in the older format 1 (${link.actual}) after an event hashed in format 2 (expected ${link.expected}): a store never goes back to format 1, so the event was rewritten and its hash computed again without its recorded time`;
    case 'position-out-of-order':
      return `${where}: is at ${link.actual}, expected ${link.expected}: a store appends a stream's events in order, so its position in the log was changed (the event moved, or swapped places with another)`;
  }
}
