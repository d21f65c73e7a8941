/** A single-active-runner lease as the read-model store keeps it. */
export interface StoredLease {
  /** `projection:<name>`, `notifications:delivery`, ... */
  name: string;
  /** The runner that took it last (see `processLeaseOwner`). */
  holder: string;
  /** When it lapses unless renewed, in epoch milliseconds by the holder's clock. */
  expiresAtMs: number;
}

/**
 * Reads the leases without taking any, so /health can tell whether a runner of another process
 * (`casetrail project`, `casetrail notify`) is at work. The read-model store port only acquires and
 * releases leases; each adapter keeps them in a table or collection of its own, read here directly.
 */
export interface LeaseReader {
  readAll(): Promise<StoredLease[]>;
  close(): Promise<void>;
}
