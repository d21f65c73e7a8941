export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** Exponential backoff: the base after the first failed attempt, doubling after each further one, capped. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.retryBaseMs * 2 ** Math.min(exponent, 52), policy.retryMaxMs);
}

/** After `attempts` attempts, the last of which failed: give up, or try again when. */
export function afterFailure(
  attempts: number,
  permanent: boolean,
  now: Date,
  policy: RetryPolicy,
): { giveUp: true } | { giveUp: false; nextAttemptAt: string } {
  if (permanent || attempts >= policy.maxAttempts) return { giveUp: true };
  return {
    giveUp: false,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)).toISOString(),
  };
}
