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
 * Failures of the embedded SQLite storage (better-sqlite3 errors carry SQLite's result code) as
 * answers a client can act on, instead of a bare 500: a full disk is 507 (retry once space is
 * freed), a lock another process holds is 503 (retry shortly), a damaged or failing file is 503
 * (the operator must act).
 */
export function storageProblem(exception: unknown): ProblemDetails | undefined {
  if (exception instanceof StoreFileGoneError) {
    return {
      type: problemType('storage-unavailable'),
      title: 'Storage unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail:
        'The server lost its event store file (removed or replaced while open), so nothing of this request was kept; the operator has been alerted in the log',
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
      detail:
        'The server cannot read or write its storage (damaged file or I/O error); the operator has been alerted in the log',
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
