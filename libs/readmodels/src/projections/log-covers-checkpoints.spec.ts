import { assertLogCoversCheckpoints, logBehindCheckpointMessage } from './log-covers-checkpoints';

describe('a log that ends before the read models’ checkpoints', () => {
  it('names the projection and both positions', () => {
    expect(logBehindCheckpointMessage('accounts', 8, 0)).toMatch(
      /^Projection accounts has applied the log up to position 8, but the event store ends at 0: the event store has lost events/,
    );
  });

  // A newcomer's `cp data/*.sqlite` of a running server left the log (in events.sqlite-wal) behind:
  // "truncated, an older backup, another installation's" named none of that, and rebuild would empty it.
  it('names the likeliest cause first, a live DATA_DIR copied without its -wal file, and `casetrail backup`', () => {
    const message = logBehindCheckpointMessage('accounts', 8, 0);
    expect(message).toContain(
      'most often: DATA_DIR was copied from a running server without its events.sqlite-wal file, which holds ' +
        'the newest events; copy a live DATA_DIR with `casetrail backup`, not cp',
    );
    expect(message).toContain('Copy the original events.sqlite-wal beside events.sqlite');
    expect(message).toContain(
      '`casetrail rebuild` (it rebuilds the read models from this log, keeping only the events it holds',
    );
  });

  it('refuses to start on it with that message', async () => {
    await expect(
      assertLogCoversCheckpoints({ headPosition: async () => 0 }, ['accounts'], async () => 8),
    ).rejects.toThrow(/^Not starting\. Projection accounts .*events\.sqlite-wal/);
  });
});
