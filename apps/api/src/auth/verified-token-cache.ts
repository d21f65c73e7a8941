import { Actor } from './actor';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered at once; the oldest entry is forgotten first (default 10,000). */
  maxEntries?: number;
  /**
   * Longest a verification is reused, even for a token valid for longer (default 60 s): bounds how
   * long a token keeps working after its signing key leaves the provider's JWKS.
   */
  maxAgeMs?: number;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
}

interface Entry {
  actor: Actor;
  /** Epoch ms after which the entry must not be used: the token's exp, capped by maxAgeMs. */
  usableUntilMs: number;
}

/**
 * Verifying a JWT signature costs far more than the rest of authenticating a request, and a client
 * sends the same token with every request. This remembers the outcome of a successful verification,
 * keyed by the exact token string (the same string carries the same signature, so it verifies the
 * same way), until the token expires or `maxAgeMs` passes, whichever comes first. Failures are never
 * remembered: a refused token is verified again, and so is an unknown one.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: VerifiedTokenCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? (() => Date.now());
  }

  /** The actor of a token verified earlier and still usable now, else undefined. */
  get(token: string): Actor | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.usableUntilMs) {
      this.entries.delete(token);
      return undefined;
    }
    return copyOf(entry.actor);
  }

  /**
   * Remembers a token that has just passed verification. `expiresAtSeconds` is its exp claim: the
   * token stops being usable at that second, as the verifier judges it (expired once exp <= now).
   */
  set(token: string, actor: Actor, expiresAtSeconds: number | undefined): void {
    const now = this.now();
    const expiresAtMs = expiresAtSeconds === undefined ? Infinity : expiresAtSeconds * 1000;
    const usableUntilMs = Math.min(expiresAtMs, now + this.maxAgeMs);
    if (usableUntilMs <= now) return;
    this.entries.delete(token);
    if (this.entries.size >= this.maxEntries) {
      // Map iteration follows insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { actor: copyOf(actor), usableUntilMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Callers get their own copy, so one request can never change another's actor. */
function copyOf(actor: Actor): Actor {
  return { ...actor, roles: [...actor.roles] };
}
