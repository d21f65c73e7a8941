import { LogDigest, type RecordedEvent } from '@casetrail/eventstore';
import { parseReceipt, receiptOf, type LogReceipt } from './log-receipt';
import { ReceiptCheck, type ReceiptVerdict } from './receipt-check';

const event = (position: number, body = `comment ${position}`): RecordedEvent => ({
  id: `e${position}`,
  stream: 'case-1',
  revision: position - 1,
  position,
  type: 'CommentAdded',
  data: { body },
  metadata: { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1 },
  recordedAt: '2026-11-28T00:00:00.000Z',
});

/** A receipt of `events`, a checkpoint every `every`. */
function receiptFor(events: RecordedEvent[], every: number): LogReceipt {
  const digest = new LogDigest();
  const marks = [];
  for (const each of events) {
    digest.accept(each);
    if (digest.events % every === 0) marks.push(digest.mark());
  }
  return receiptOf('2026-11-28T00:00:00.000Z', marks, digest.mark());
}

function check(receipt: LogReceipt, log: RecordedEvent[]): ReceiptVerdict {
  const checker = new ReceiptCheck(receipt);
  const digest = new LogDigest();
  let verdict = checker.after(digest);
  for (const each of log) {
    if (verdict) return verdict;
    digest.accept(each);
    verdict = checker.after(digest);
  }
  return verdict ?? checker.atEnd(digest);
}

const log = Array.from({ length: 25 }, (_, index) => event(index + 1));

describe('ReceiptCheck', () => {
  it('matches the log it was issued for, and that log with events appended', () => {
    const receipt = receiptFor(log, 10);
    expect(receipt.checkpoints.map((mark) => mark.events)).toEqual([10, 20, 25]);
    expect(check(receipt, log).kind).toBe('matches');
    expect(check(receipt, [...log, event(26)]).kind).toBe('matches');
  });

  it('names the first checkpoint after an edited event, and the last one that still matches', () => {
    const receipt = receiptFor(log, 10);
    const edited = log.map((each) => (each.position === 14 ? event(14, 'edited') : each));
    expect(check(receipt, edited)).toMatchObject({
      kind: 'differs',
      matchedUpTo: receipt.checkpoints[0],
      expected: receipt.checkpoints[1],
      found: { events: 20, position: 20 },
    });
  });

  it('tells a log that ends before the receipt from one that differs', () => {
    const receipt = receiptFor(log, 10);
    expect(check(receipt, log.slice(0, 24))).toMatchObject({
      kind: 'differs',
      matchedUpTo: receipt.checkpoints[1],
      logEvents: 24,
    });
    expect(check(receipt, [])).toMatchObject({ kind: 'differs', matchedUpTo: { events: 0 }, logEvents: 0 });
  });

  it('takes a checkpoint that differs while a later one matches for a damaged receipt, not a changed log', () => {
    const receipt = receiptFor(log, 10);
    const damaged = {
      ...receipt,
      checkpoints: receipt.checkpoints.map((mark, index) =>
        index === 0 ? { ...mark, digest: '0'.repeat(64) } : mark,
      ),
    };
    expect(check(damaged, log)).toMatchObject({
      kind: 'inconsistent',
      damaged: { events: 10 },
      matching: { events: 20 },
    });
    const movedHead = {
      ...receipt,
      checkpoints: [...receipt.checkpoints.slice(0, -1), { ...receipt.checkpoints[2], position: 24 }],
    };
    expect(check(movedHead, log)).toMatchObject({
      kind: 'inconsistent',
      damaged: { events: 25, position: 24 },
    });
  });

  it("takes a head whose count was raised or lowered, its digest the log's, for a damaged receipt", () => {
    const receipt = receiptFor(log, 10);
    const withHead = (events: number) => {
      const head = { ...receipt.checkpoints[2], events, position: events };
      return { ...receipt, ...head, checkpoints: [...receipt.checkpoints.slice(0, -1), head] };
    };
    expect(check(withHead(26), log)).toMatchObject({ kind: 'inconsistent', matching: { events: 25 } });
    expect(check(withHead(24), log)).toMatchObject({ kind: 'inconsistent', matching: { events: 25 } });
    expect(check(withHead(24), [...log, event(26)])).toMatchObject({
      kind: 'inconsistent',
      matching: { events: 25 },
    });
    // A log that really lost its last event still differs.
    expect(check(receipt, log.slice(0, 24))).toMatchObject({ kind: 'differs', logEvents: 24 });
  });

  it('still names the first stretch that changed when the log changed after it too', () => {
    const receipt = receiptFor(log, 10);
    const edited = log.map((each) =>
      each.position === 4 || each.position === 22 ? event(each.position, 'x') : each,
    );
    expect(check(receipt, edited)).toMatchObject({
      kind: 'differs',
      matchedUpTo: { events: 0 },
      expected: { events: 10 },
    });
  });

  it('settles a receipt of an empty log before the first event', () => {
    const receipt = receiptFor([], 10);
    expect(receipt.checkpoints).toHaveLength(1);
    expect(check(receipt, log).kind).toBe('matches');
  });
});

describe('parseReceipt', () => {
  const good = receiptFor(log, 10);

  it('reads back what receiptOf wrote', () => {
    expect(parseReceipt(JSON.stringify(good), 'r.json')).toEqual(good);
  });

  // `npm run cli -- receipt > r.json` without -s: npm's banner stands above the receipt.
  it("skips npm's banner above a receipt written without npm run -s", () => {
    const banner = '\n> casetrail@0.1.0 cli\n> node dist/apps/cli/src/main.js receipt\n\n';
    expect(parseReceipt(`${banner}${JSON.stringify(good, null, 2)}\n`, 'r.json')).toEqual(good);
    expect(parseReceipt(`${banner.replace(/\n/g, '\r\n')}${JSON.stringify(good)}`, 'r.json')).toEqual(good);
  });

  it('still refuses other text above a receipt', () => {
    expect(() => parseReceipt(`> not npm\n${JSON.stringify(good)}`, 'r.json')).toThrow('r.json is not JSON');
  });

  it.each([
    ['not JSON', '{', 'r.json is not JSON'],
    ['another format', JSON.stringify({ ...good, format: 'other' }), 'is not a Casetrail log receipt'],
    [
      'no checkpoints',
      JSON.stringify({ ...good, checkpoints: [] }),
      '"checkpoints" must be a non-empty list',
    ],
    [
      'checkpoints out of order',
      JSON.stringify({ ...good, checkpoints: [...good.checkpoints].reverse() }),
      'checkpoints[1] does not come after the one before it',
    ],
    ['a head unlike its last checkpoint', JSON.stringify({ ...good, events: 3 }), 'its head'],
    [
      'a position before its event count',
      JSON.stringify({
        ...good,
        checkpoints: [{ ...good.checkpoints[0], position: 9 }, ...good.checkpoints.slice(1)],
      }),
      "checkpoints[0]: position 9 cannot be where the log's event 10 is",
    ],
    [
      'a position with no event',
      JSON.stringify({
        ...good,
        checkpoints: [{ ...good.checkpoints[0], events: 0 }, ...good.checkpoints.slice(1)],
      }),
      "checkpoints[0]: position 10 cannot be where the log's event 0 is",
    ],
    [
      'a negative position',
      JSON.stringify({ ...good, checkpoints: [{ ...good.checkpoints[0], position: -1 }] }),
      'checkpoints[0]: "position" must be a whole number',
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseReceipt(text, 'r.json')).toThrow(message);
  });
});
