import fc from 'fast-check';
import { chainEvents, GENESIS_HASH, verifyStreamChain, type RecordedEvent } from '@casetrail/eventstore';
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

type Tamper = { kind: 'edit' | 'drop' | 'swap'; at: number };

function tamper(events: RecordedEvent[], { kind, at }: Tamper): RecordedEvent[] {
  const index = at % events.length;
  const copy = [...events];
  if (kind === 'edit') copy[index] = { ...copy[index], data: { tampered: true } };
  if (kind === 'drop') copy.splice(index, 1);
  if (kind === 'swap') {
    const other = copy.findIndex(
      (event, position) => position > index && event.stream === copy[index].stream,
    );
    if (other > 0)
      [copy[index], copy[other]] = [
        { ...copy[other], revision: copy[index].revision },
        { ...copy[index], revision: copy[other].revision },
      ];
  }
  return copy;
}

describe('ChainWalker', () => {
  it('reports, for every stream, exactly the first broken link verifyStreamChain finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom<'edit' | 'drop' | 'swap'>('edit', 'drop', 'swap'),
            at: fc.nat(),
          }),
          { maxLength: 3 },
        ),
        (sizes, order, tampers) => {
          const streams = sizes.map((size, index) => ({ name: `case-${index}`, size }));
          const events = tampers.reduce(tamper, log(streams, order));
          const walker = new ChainWalker();
          events.forEach((event) => walker.accept(event));
          const expected = streams
            .map(({ name }) => verifyStreamChain(events.filter((event) => event.stream === name)))
            .filter((link) => link !== undefined);
          expect([...walker.broken].sort((a, b) => a.stream.localeCompare(b.stream))).toEqual(expected);
          expect(walker.events).toBe(events.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the stream, the revision and what is wrong', () => {
    const events = tamper(log([{ name: 'case-7', size: 3 }], []), { kind: 'edit', at: 1 });
    const walker = new ChainWalker();
    events.forEach((event) => walker.accept(event));
    expect(walker.broken).toHaveLength(1);
    expect(describeBrokenLink(walker.broken[0])).toMatch(
      /^case-7 at revision 1 \(event case-7-1\): content does not match its hash/,
    );
    expect(walker.headHash('case-7')).toBeUndefined();
  });
});
