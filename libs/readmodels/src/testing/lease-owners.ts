import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { processLeaseOwner } from '../leases/process-lease-owner';

/** An owner as `processLeaseOwner` would have named it inside `child`. */
export function leaseOwnerOf(child: ChildProcess): string {
  const [host, namespace, , random] = processLeaseOwner().split('/');
  return [host, namespace, child.pid, random].join('/');
}

/** The lease owner of a process that ran and is gone (exited and reaped), as after a crash. */
export async function leaseOwnerOfExitedProcess(): Promise<string> {
  const child = spawn(process.execPath, ['-e', '']);
  const owner = leaseOwnerOf(child);
  await once(child, 'exit');
  return owner;
}
