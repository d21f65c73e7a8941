import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../event-store.port';
import { LogDigest } from './log-digest';

const event = (position: number, data: Record<string, unknown>): RecordedEvent => ({
  id: `e${position}`,
  stream: 'case-1',
  revision: position - 1,
  position,
  type: 'CommentAdded',
  data,
  metadata: { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1, hash: 'h' },
  recordedAt: '2026-11-28T00:00:00.000Z',
});

const digestOf = (...events: RecordedEvent[]) => {
  const digest = new LogDigest();
  events.forEach((each) => digest.accept(each));
  return digest.mark();
};

describe('LogDigest', () => {
  it('is SHA-256 over each event as canonical JSON and a newline, so any tool can recompute it', () => {
    const expected = createHash('sha256')
      .update(
        '{"data":{"a":1,"b":"x"},"id":"e1","metadata":{"actor":"a@example.com","correlationId":"c","hash":"h","schemaVersion":1},"position":1,"recordedAt":"2026-11-28T00:00:00.000Z","revision":0,"stream":"case-1","type":"CommentAdded"}\n',
      )
      .digest('hex');
    expect(digestOf(event(1, { b: 'x', a: 1 }))).toEqual({ events: 1, position: 1, digest: expected });
  });

  it('does not depend on the order of keys in the stored JSON', () => {
    expect(digestOf(event(1, { a: 1, b: 2 }))).toEqual(digestOf(event(1, { b: 2, a: 1 })));
  });

  it('changes with any content, position or order of events', () => {
    const [one, two] = [event(1, { body: 'a' }), event(2, { body: 'b' })];
    const original = digestOf(one, two).digest;
    expect(digestOf(one, event(2, { body: 'B' })).digest).not.toBe(original);
    expect(digestOf(one, { ...two, position: 3 }).digest).not.toBe(original);
    expect(digestOf(two, one).digest).not.toBe(original);
  });

  it('goes on after a mark, so one pass gives every checkpoint', () => {
    const digest = new LogDigest();
    digest.accept(event(1, {}));
    const first = digest.mark();
    digest.accept(event(2, {}));
    expect(first).toEqual(digestOf(event(1, {})));
    expect(digest.mark()).toEqual(digestOf(event(1, {}), event(2, {})));
    expect(new LogDigest().mark().digest).toBe(createHash('sha256').digest('hex'));
  });
});
