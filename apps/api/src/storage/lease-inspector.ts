import { isLeaseOwnerProcessGone } from '@casetrail/readmodels';
import type { LeaseReader, StoredLease } from './lease-reader';

/**
 * - `held`: a runner holds it and renews it (not expired, holder not known to have exited);
 * - `expired`: its holder stopped renewing it (crashed, hung, or cut off from the store);
 * - `holder-exited`: not expired yet, but its holder is a process of this host that is gone.
 */
export type LeaseState = 'held' | 'expired' | 'holder-exited';

/** A lease as /health shows it. */
export interface LeaseView {
  holder: string;
  expiresAt: string;
  state: LeaseState;
}

export interface LeaseInspectorOptions {
  /** Epoch milliseconds now: leases are stamped with the wall clock, not the application clock tests move. */
  now?: () => number;
  /** Whether a holder is certainly gone (default: the rule by which runners take a lease over at once). */
  isHolderGone?: (holder: string) => boolean;
}

/** Who holds each lease, and whether that holder is still at work. */
export class LeaseInspector {
  private readonly now: () => number;
  private readonly isHolderGone: (holder: string) => boolean;

  constructor(
    private readonly reader: LeaseReader,
    options: LeaseInspectorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.isHolderGone = options.isHolderGone ?? isLeaseOwnerProcessGone;
  }

  /** Every lease by name; a name that is absent is held by nobody (released, or never taken). */
  async inspect(): Promise<Map<string, LeaseView>> {
    const now = this.now();
    const leases = await this.reader.readAll();
    return new Map(leases.map((lease) => [lease.name, this.view(lease, now)]));
  }

  /**
   * As `inspect`, but undefined when the leases cannot be read (a connection refused, say): /health
   * then says it cannot tell who is at work, and still answers, rather than failing as a whole.
   */
  async inspectIfReadable(onError: (error: unknown) => void): Promise<Map<string, LeaseView> | undefined> {
    try {
      return await this.inspect();
    } catch (error) {
      onError(error);
      return undefined;
    }
  }

  private view(lease: StoredLease, now: number): LeaseView {
    const state: LeaseState =
      lease.expiresAtMs <= now ? 'expired' : this.isHolderGone(lease.holder) ? 'holder-exited' : 'held';
    return { holder: lease.holder, expiresAt: new Date(lease.expiresAtMs).toISOString(), state };
  }
}

/** A runner is at work on what this lease guards. */
export function isHeld(lease: LeaseView | null | undefined): boolean {
  return lease?.state === 'held';
}

/** Why nobody is at work under this lease, for a reason on /health. */
export function whyNotHeld(lease: LeaseView | null | undefined): string {
  if (!lease) return 'nobody holds its lease';
  switch (lease.state) {
    case 'held':
      return `${lease.holder} holds its lease`;
    case 'expired':
      return `its lease expired at ${lease.expiresAt} (last held by ${lease.holder})`;
    case 'holder-exited':
      return `its lease is held by ${lease.holder}, a process that has exited`;
  }
}
