import { DomainError } from './domain-error';

/**
 * A conflict that passes by itself: the same command succeeds from `retryAt` on, with nothing else
 * changed (an invitation sent again too soon). The API answers it with `Retry-After` (seconds) and
 * `retryAfter` (the instant) beside the text, so a client can wait, or tell the user when, without
 * reading the message.
 */
export class RetryLaterError extends DomainError {
  /** Whole seconds from the command's instant to `retryAt`, at least 1. */
  readonly retryAfterSeconds: number;

  constructor(
    code: string,
    message: string,
    field: string | undefined,
    /** The first instant the command is allowed again. */
    readonly retryAt: string,
    /** The command's instant, which the seconds count from. */
    decidedAt: string,
  ) {
    super(code, 'conflict', message, field);
    this.retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(retryAt) - Date.parse(decidedAt)) / 1000));
  }
}
