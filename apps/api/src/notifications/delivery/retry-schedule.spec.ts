import { afterFailure, retryDelayMs } from './retry-schedule';

const policy = { maxAttempts: 5, retryBaseMs: 30_000, retryMaxMs: 300_000 };

describe('retry schedule', () => {
  it('doubles the delay after each failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempts) => retryDelayMs(attempts, policy))).toEqual([
      30_000, 60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
  });

  it('gives up after the last allowed attempt, or at once when the refusal is permanent', () => {
    const now = new Date('2026-03-02T09:00:00.000Z');
    expect(afterFailure(2, false, now, policy)).toEqual({
      giveUp: false,
      nextAttemptAt: '2026-03-02T09:01:00.000Z',
    });
    expect(afterFailure(5, false, now, policy)).toEqual({ giveUp: true });
    expect(afterFailure(1, true, now, policy)).toEqual({ giveUp: true });
  });
});
