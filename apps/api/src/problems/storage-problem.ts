import { HttpStatus } from '@nestjs/common';
import { ProblemDetails, problemType } from './problem-details';

/**
 * Failures of the embedded SQLite storage (better-sqlite3 errors carry SQLite's result code) as
 * answers a client can act on, instead of a bare 500: a full disk is 507 (retry once space is
 * freed), a damaged or failing file is 503 (the operator must act).
 */
export function storageProblem(exception: unknown): ProblemDetails | undefined {
  const code = (exception as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_FULL')) {
    return {
      type: problemType('storage-full'),
      title: 'Storage full',
      status: HttpStatus.INSUFFICIENT_STORAGE,
      detail:
        'The server is out of disk space. Retry once space has been freed; with the same Idempotency-Key a retry is never applied twice',
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
