import { CheckpointPoll } from './checkpoint-poll';

describe('shared poll of the projector’s checkpoints', () => {
  it('settles each waiter once the checkpoint reaches its position, with one read per look for all', async () => {
    let checkpoint = 10;
    let reads = 0;
    const poll = new CheckpointPoll(async () => {
      reads += 1;
      return checkpoint;
    }, 1);
    const settled: number[] = [];
    const waits = [5, 12, 15, 15, 20].map((position) =>
      poll.wait(position, 5_000).then((reached) => {
        expect(reached).toBe(true);
        settled.push(position);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toEqual([5]);
    const readsWhileWaiting = reads;
    checkpoint = 15;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toEqual([5, 12, 15, 15]);
    checkpoint = 20;
    await Promise.all(waits);
    expect(settled).toEqual([5, 12, 15, 15, 20]);
    // Five waiters, but one read per look, not one per waiter per look.
    expect(reads - readsWhileWaiting).toBeLessThan(40);
    const afterAll = reads;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reads).toBe(afterAll);
  });

  it('answers false at the deadline, and keeps waiting through failed reads', async () => {
    let failing = true;
    const poll = new CheckpointPoll(async () => {
      if (failing) throw new Error('database is locked');
      return 100;
    }, 1);
    await expect(poll.wait(50, 20)).resolves.toBe(false);
    const later = poll.wait(50, 5_000);
    failing = false;
    await expect(later).resolves.toBe(true);
  });
});
