import { HttpStatus } from '@nestjs/common';
import { StoreFileGoneError } from '@casetrail/eventstore';
import { ProblemDetails, problemType } from './problem-details';

/**
 * How long a client is asked to wait after `storage-busy`. The request has already waited the
 * store's busy timeout (10 s) for the lock: one held that long is not a passing commit, and clients
 * retrying at once would only queue up behind it again.
 */
export const STORAGE_BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * What `storage-unavailable` can truthfully say of a change. The write may have reached a file the
 * server no longer sees at its path (moved away, not deleted: put back, it holds the change), or
 * an I/O error may strike after the commit. Every command route takes an Idempotency-Key, which
 * finds a stored change and answers as it did, so a keyed retry is never applied twice.
 */
const OUTCOME_UNKNOWN =
  'If this request asked for a change, it may or may not have been stored: retry it once the storage is back, with the same Idempotency-Key, which is never applied twice (without a key, check first whether it was applied)';

/**
 * Failures of the embedded SQLite storage (better-sqlite3 errors carry SQLite's result code) as
 * answers a client can act on, instead of a bare 500: a full disk is 507 (retry once space is
 * freed), a lock another process holds is 503 (retry shortly), a damaged, failing or lost file is
 * 503 (the operator must act).
 */
export function storageProblem(exception: unknown): ProblemDetails | undefined {
  if (exception instanceof StoreFileGoneError) {
    return {
      type: problemType('storage-unavailable'),
      title: 'Storage unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: `The server lost its event store file (removed or replaced while open); the operator has been alerted in the log. ${OUTCOME_UNKNOWN}`,
    };
  }
  const code = sqliteCode(exception);
  if (code === undefined) return undefined;
  if (code.startsWith('SQLITE_FULL')) {
    return {
      type: problemType('storage-full'),
      title: 'Storage full',
      status: HttpStatus.INSUFFICIENT_STORAGE,
      detail:
        'The server is out of disk space. Retry once space has been freed; with the same Idempotency-Key a retry is never applied twice',
    };
  }
  if (isStorageBusy(exception)) {
    return {
      type: problemType('storage-busy'),
      title: 'Storage busy',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: `The storage is busy: another process holds a lock on it, so nothing was written. Retry after ${STORAGE_BUSY_RETRY_AFTER_SECONDS} seconds (Retry-After); with the same Idempotency-Key a retry is never applied twice`,
    };
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR')) {
    return {
      type: problemType('storage-unavailable'),
      title: 'Storage unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: `The server cannot read or write its storage (damaged file or I/O error); the operator has been alerted in the log. ${OUTCOME_UNKNOWN}`,
    };
  }
  return undefined;
}

/**
 * Another connection holds the lock (SQLITE_BUSY once the busy timeout has passed, SQLITE_LOCKED,
 * and their extended codes): an append fails as a whole, so nothing of the request was written, and
 * the same request succeeds once the lock is released. Expected in operation, not a fault here.
 */
export function isStorageBusy(exception: unknown): boolean {
  const code = sqliteCode(exception);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function sqliteCode(exception: unknown): string | undefined {
  const code = (exception as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}
