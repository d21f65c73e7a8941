import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Lease owners that name the process holding them: host, PID namespace, process id, and a random
 * part (several runners may live in one process). A process restarted after a crash can then see
 * that a lease's holder was a process of its own host that no longer exists, and take the lease at
 * once instead of waiting out its time to live (15 s of projections standing still, and of reads
 * waiting for them, after every crash of the embedded API).
 */
export function processLeaseOwner(): string {
  return [hostname(), pidNamespace(), process.pid, randomUUID().slice(0, 8)].join('/');
}

/** Owners of this process that are known to have ended with the thread that ran them. */
const endedOwners = new Set<string>();

/**
 * Declares owners of this very process gone: those of a worker thread that died (the API's
 * projector thread), which its restarted successor names here before it takes any lease.
 * Their process still runs, so nothing else could tell.
 */
export function markLeaseOwnersEnded(owners: Iterable<string>): void {
  for (const owner of owners) endedOwners.add(owner);
}

/**
 * True only when `owner` is certainly gone: one declared ended by `markLeaseOwnersEnded`, or a
 * `processLeaseOwner` of this host and PID namespace (a container has its own, so a process id
 * means the same process only within it) whose process no longer runs. Anything else, including
 * an owner in another format, counts as alive: its lease is then left to expire, the safe way
 * round. A recycled process id also counts as alive.
 */
export function isLeaseOwnerProcessGone(owner: string): boolean {
  if (endedOwners.has(owner)) return true;
  const [host, namespace, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !namespace || namespace !== pidNamespace()) return false;
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

let ownNamespace: string | undefined;

/** This process's PID namespace (its inode number), or '' where there is no /proc (then never "gone"). */
function pidNamespace(): string {
  if (ownNamespace === undefined) {
    try {
      ownNamespace = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? '';
    } catch {
      ownNamespace = '';
    }
  }
  return ownNamespace;
}
