import { processLeaseOwner } from '@casetrail/readmodels';

/**
 * What every lease owner of this process starts with: `processLeaseOwner` names host, PID namespace
 * and process id before a random part, and so does every runner of this process, on its event loop
 * or on its projector thread (threads share the process id).
 */
const THIS_PROCESS = processLeaseOwner().replace(/[^/]*$/, '');

/** The lease was taken by a runner of this process (its event loop's, or its projector thread's). */
export function isThisProcessLeaseOwner(owner: string): boolean {
  return owner.startsWith(THIS_PROCESS);
}
