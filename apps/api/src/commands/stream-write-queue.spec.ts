import { StreamWriteQueue } from './stream-write-queue';

/** A promise the test settles by hand, to hold a writer inside its turn. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Lets every already-queued promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the stream write queue', () => {
  it('runs writers on one stream one at a time, in the order they came', async () => {
    const queue = new StreamWriteQueue();
    const log: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const write = (name: string) =>
      queue.runInTurn('case-1', async () => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        log.push(`${name} starts`);
        await settle();
        log.push(`${name} ends`);
        running--;
        return name;
      });

    const results = await Promise.all([write('a'), write('b'), write('c')]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(mostAtOnce).toBe(1);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('does not make writers on different streams wait for each other', async () => {
    const queue = new StreamWriteQueue();
    const held = gate();
    const first = queue.runInTurn('case-1', () => held.opened);
    let otherRan = false;

    await queue.runInTurn('case-2', async () => {
      otherRan = true;
    });

    expect(otherRan).toBe(true);
    held.open();
    await first;
  });

  it('hands the turn on when a writer throws, and the next ones run as usual', async () => {
    const queue = new StreamWriteQueue();
    const failing = queue.runInTurn('case-1', async () => {
      await settle();
      throw new Error('store unavailable');
    });
    const next = queue.runInTurn('case-1', async () => 'next');
    const synchronousThrow = queue.runInTurn('case-1', () => {
      throw new Error('thrown before any promise');
    });
    const last = queue.runInTurn('case-1', async () => 'last');

    await expect(failing).rejects.toThrow('store unavailable');
    await expect(next).resolves.toBe('next');
    await expect(synchronousThrow).rejects.toThrow('thrown before any promise');
    await expect(last).resolves.toBe('last');
    expect(queue.busyStreams).toBe(0);
  });

  it('keeps an entry only while a stream has a writer running or waiting', async () => {
    const queue = new StreamWriteQueue();
    const firstGate = gate();
    const secondGate = gate();
    const first = queue.runInTurn('case-1', () => firstGate.opened);
    const second = queue.runInTurn('case-1', () => secondGate.opened);
    const elsewhere = queue.runInTurn('case-2', async () => undefined);
    expect(queue.busyStreams).toBe(2);

    await elsewhere;
    expect(queue.busyStreams).toBe(1);

    firstGate.open();
    await first;
    // The second writer still holds the stream's turn: its entry stays.
    expect(queue.busyStreams).toBe(1);

    secondGate.open();
    await second;
    expect(queue.busyStreams).toBe(0);
  });

  it('leaves nothing behind after many writers on many streams, failed ones included', async () => {
    const queue = new StreamWriteQueue();
    const writes = Array.from({ length: 200 }, (_, index) =>
      queue.runInTurn(`case-${index % 7}`, async () => {
        await settle();
        if (index % 5 === 0) throw new Error(`writer ${index} failed`);
        return index;
      }),
    );

    const outcomes = await Promise.allSettled(writes);

    expect(outcomes.filter(({ status }) => status === 'rejected')).toHaveLength(40);
    expect(queue.busyStreams).toBe(0);
  });
});
