import fc from 'fast-check';
import {
  chainAtCommit,
  chainEvents,
  GENESIS_HASH,
  verifyStreamChain,
  verifyStreamChainExceptPositions,
  type RecordedEvent,
} from '@casetrail/eventstore';
import { ChainWalker, describeBrokenLink } from './chain-walker';

/** Streams of chained events interleaved into one log, as a store records them. */
function log(streams: { name: string; size: number }[], order: number[]): RecordedEvent[] {
  const pending = streams.map(({ name, size }) =>
    chainEvents(
      name,
      0,
      GENESIS_HASH,
      Array.from({ length: size }, (_, index) => ({
        id: `${name}-${index}`,
        type: 'Noted',
        data: { index, note: `n${index}` },
        metadata: { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1 },
      })),
    ).map((event, revision) => ({ ...event, stream: name, revision })),
  );
  const events: RecordedEvent[] = [];
  for (const pick of order) {
    const queue = pending[pick % pending.length].length
      ? pending[pick % pending.length]
      : pending.find((q) => q.length);
    if (!queue) break;
    const next = queue.shift()!;
    events.push({ ...next, position: events.length + 1, recordedAt: '2026-01-01T00:00:00.000Z' });
  }
  for (const queue of pending)
    for (const next of queue)
      events.push({ ...next, position: events.length + 1, recordedAt: '2026-01-01T00:00:00.000Z' });
  return events;
}

type TamperKind = 'edit' | 'drop' | 'swap' | 'move' | 'renumber';
type Tamper = { kind: TamperKind; at: number; to: number };

/**
 * Edits of a stored log: `edit` an event's content; `drop` an event; `swap` two events' contents
 * (each keeps its slot's revision); `move` an event's position (past the end of the log, or
 * between two earlier events); `renumber` two events of a stream, which swap revisions and keep
 * their positions. The result is in position order, as the log is read.
 */
function tamper(events: RecordedEvent[], { kind, at, to }: Tamper): RecordedEvent[] {
  if (events.length === 0) return events;
  const index = at % events.length;
  const copy = [...events];
  const laterOfStream = () =>
    copy.findIndex((event, position) => position > index && event.stream === copy[index].stream);
  if (kind === 'edit') copy[index] = { ...copy[index], data: { tampered: true } };
  if (kind === 'drop') copy.splice(index, 1);
  if (kind === 'swap') {
    const other = laterOfStream();
    if (other > 0)
      [copy[index], copy[other]] = [
        { ...copy[other], revision: copy[index].revision },
        { ...copy[index], revision: copy[other].revision },
      ];
  }
  if (kind === 'move') {
    const head = Math.max(...copy.map((event) => event.position));
    // Positions need not be whole numbers for the walk: half a step lands between two events.
    const position = to % 2 === 0 ? head + 1 + (to % 900) : (to % head) + 0.5;
    // Positions are unique in a log: a move onto a taken one is no move.
    if (!copy.some((event) => event.position === position)) copy[index] = { ...copy[index], position };
  }
  if (kind === 'renumber') {
    const other = laterOfStream();
    if (other > 0)
      [copy[index], copy[other]] = [
        { ...copy[index], revision: copy[other].revision },
        { ...copy[other], revision: copy[index].revision },
      ];
  }
  return copy.sort((a, b) => a.position - b.position);
}

/** A stream's events in revision order, as the store reads a stream. */
const streamOf = (events: readonly RecordedEvent[], name: string) =>
  events.filter((event) => event.stream === name).sort((a, b) => a.revision - b.revision);

/** How many events must be taken out of a stream for the rest to be in log order (quadratic, plainly). */
function outOfOrder(stream: readonly RecordedEvent[]): number {
  const longest = stream.map(() => 1);
  stream.forEach((event, index) => {
    for (let before = 0; before < index; before++)
      if (stream[before].position < event.position)
        longest[index] = Math.max(longest[index], longest[before] + 1);
  });
  return stream.length - Math.max(0, ...longest);
}

async function walk(events: readonly RecordedEvent[]): Promise<ChainWalker> {
  const walker = new ChainWalker();
  events.forEach((event) => walker.accept(event));
  await walker.recheck(async (name) => streamOf(events, name));
  return walker;
}

describe('ChainWalker', () => {
  it('reports, for every stream, exactly the first broken link verifyStreamChain finds in revision order (positions apart), and its events out of log order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom<TamperKind>('edit', 'drop', 'swap', 'move', 'renumber'),
            at: fc.nat(),
            to: fc.nat(),
          }),
          { maxLength: 3 },
        ),
        async (sizes, order, tampers) => {
          const streams = sizes.map((size, index) => ({ name: `case-${index}`, size }));
          const events = tampers.reduce(tamper, log(streams, order));
          const walker = await walk(events);
          const expected = streams
            .map(({ name }) => verifyStreamChainExceptPositions(streamOf(events, name)))
            .filter((link) => link !== undefined);
          expect([...walker.broken].sort((a, b) => a.stream.localeCompare(b.stream))).toEqual(expected);
          const movedPerStream = streams.map(({ name }) => [
            name,
            walker.moved.filter((event) => event.stream === name).length,
          ]);
          expect(movedPerStream).toEqual(
            streams.map(({ name }) => [name, outOfOrder(streamOf(events, name))]),
          );
          expect(walker.events).toBe(events.length);
          expect(walker.streams).toBe(new Set(events.map((event) => event.stream)).size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the stream, the revision and what is wrong', async () => {
    const events = tamper(log([{ name: 'case-7', size: 3 }], []), { kind: 'edit', at: 1, to: 0 });
    const walker = await walk(events);
    expect(walker.broken).toHaveLength(1);
    expect(describeBrokenLink(walker.broken[0])).toMatch(
      /^case-7 at revision 1 \(event case-7-1\): content does not match its hash/,
    );
    expect(walker.headHash('case-7')).toBeUndefined();
  });

  it('finds the chain whole, and names the event moved, when an event was moved past the end of the log', async () => {
    const events = log(
      [
        { name: 'case-1', size: 4 },
        { name: 'case-2', size: 3 },
      ],
      [0, 1, 0, 1, 0, 1],
    );
    // case-1 revision 1 (position 3) moved to position 999: the walk meets revision 2 first.
    const moved = events.map((event) => (event.id === 'case-1-1' ? { ...event, position: 999 } : event));
    const walker = await walk(moved.sort((a, b) => a.position - b.position));
    expect(walker.broken).toEqual([]);
    expect(walker.moved).toEqual([
      {
        stream: 'case-1',
        revision: 1,
        eventId: 'case-1-1',
        position: 999,
        passed: { revision: 2, position: 5, side: 'after' },
        slot: { after: 1, before: 5 },
      },
    ]);
    expect(walker.headHash('case-1')).toBe(events.find((event) => event.id === 'case-1-3')!.metadata.hash);
    expect(walker.lastEvent('case-1')).toEqual({ revision: 3, id: 'case-1-3' });
  });

  it('says a link does not hold, not that an event is missing, when two events swapped revisions', async () => {
    const events = log([{ name: 'case-1', size: 12 }], []);
    // Revisions 8 and 9 renumbered in place: the walk meets revision 9 where revision 8 was.
    const renumbered = events.map((event) =>
      event.revision === 8
        ? { ...event, revision: 9 }
        : event.revision === 9
          ? { ...event, revision: 8 }
          : event,
    );
    const walker = await walk(renumbered);
    expect(walker.broken).toHaveLength(1);
    expect(walker.broken[0]).toMatchObject({
      revision: 8,
      eventId: 'case-1-9',
      problem: 'previous-hash-mismatch',
    });
    expect(describeBrokenLink(walker.broken[0])).toContain('(an event was removed, reordered or re-hashed)');
    expect(describeBrokenLink(walker.broken[0])).not.toContain('missing');
    expect(walker.moved).toMatchObject([
      { revision: 8, eventId: 'case-1-9', position: 10, passed: { revision: 9, position: 9, side: 'after' } },
    ]);
  });

  it('names an event hashed in format 1 after a format-2 event of its stream, on the walk as in revision order', async () => {
    const events = log([{ name: 'case-1', size: 4 }], []);
    // Revisions 0 and 1 chained at commit (format 2), 2 and 3 chained as format 1 after them, as
    // someone rewriting the stream's end without the marker would chain them.
    let previous = GENESIS_HASH;
    const forged = events.map((event) => {
      const metadata =
        event.revision < 2
          ? chainAtCommit(previous, event)
          : chainEvents(event.stream, event.revision, previous, [event])[0].metadata;
      previous = metadata.hash!;
      return { ...event, metadata };
    });
    expect(verifyStreamChain(forged)).toMatchObject({ revision: 2, problem: 'format-downgrade' });
    const walker = await walk(forged);
    expect(walker.broken).toEqual([verifyStreamChain(forged)]);
    expect(describeBrokenLink(walker.broken[0])).toBe(
      'case-1 at revision 2 (event case-1-2): hashed in the older format 1 (no hashFormat) after an event hashed in format 2 (expected hashFormat 2, as revision 1): a store never goes back to format 1, so the event was rewritten and its hash computed again without its recorded time',
    );
  });

  it('notes where hashed recorded times run backwards in the log: events of two streams that swapped positions break no chain', async () => {
    const committed = (stream: string, recordedAt: string): RecordedEvent => {
      const [event] = log([{ name: stream, size: 1 }], []);
      return { ...event, recordedAt, metadata: chainAtCommit(GENESIS_HASH, { ...event, recordedAt }) };
    };
    const first = committed('case-1', '2026-01-01T00:01:53.778Z');
    const second = committed('case-2', '2026-01-01T00:02:33.054Z');
    const inOrder = await walk([
      { ...first, position: 1 },
      { ...second, position: 2 },
    ]);
    expect(inOrder.timeReversals).toEqual([]);

    const swapped = await walk([
      { ...second, position: 1 },
      { ...first, position: 2 },
    ]);
    expect(swapped.broken).toEqual([]);
    expect(swapped.timeReversals).toEqual([
      {
        position: 2,
        recordedAt: '2026-01-01T00:01:53.778Z',
        previousPosition: 1,
        previousRecordedAt: '2026-01-01T00:02:33.054Z',
      },
    ]);
  });

  it('still says an event is missing when a revision is in no position of the log', async () => {
    const events = log([{ name: 'case-1', size: 5 }], []).filter((event) => event.revision !== 2);
    const walker = await walk(events);
    expect(walker.broken).toHaveLength(1);
    expect(describeBrokenLink(walker.broken[0])).toBe(
      'case-1 at revision 3 (event case-1-3): expected revision 2 (an event is missing)',
    );
    expect(walker.moved).toEqual([]);
  });
});
