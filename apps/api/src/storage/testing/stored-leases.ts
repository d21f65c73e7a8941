import type { LeaseReader, StoredLease } from '../lease-reader';

/** Leases as the store holds them, set by a test (another process's runners, as /health sees them). */
export class StoredLeases implements LeaseReader {
  leases: StoredLease[] = [];

  async readAll(): Promise<StoredLease[]> {
    return this.leases;
  }

  async close(): Promise<void> {}
}
