import { StoreFileGoneError } from '@casetrail/eventstore';
import { isStorageBusy, storageProblem } from './storage-problem';

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe('storageProblem', () => {
  it('answers 507 for a full disk: nothing was recorded, retry later', () => {
    expect(storageProblem(sqliteError('SQLITE_FULL'))).toMatchObject({ status: 507, title: 'Storage full' });
  });

  it.each(['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB', 'SQLITE_IOERR_WRITE'])(
    'answers 503 for %s',
    (code) => {
      expect(storageProblem(sqliteError(code))).toMatchObject({ status: 503, title: 'Storage unavailable' });
    },
  );

  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE'])(
    'answers 503 Storage busy for %s: another process holds a lock, nothing was written',
    (code) => {
      const problem = storageProblem(sqliteError(code));
      expect(problem).toMatchObject({
        status: 503,
        title: 'Storage busy',
        type: 'https://casetrail.dev/problems/storage-busy',
      });
      expect(problem!.detail).toMatch(
        /^The storage is busy: another process holds a lock on it, so nothing was written/,
      );
      expect(isStorageBusy(sqliteError(code))).toBe(true);
    },
  );

  // A file moved away (not deleted) kept the write: put back, the change was there after all.
  it.each([
    [
      'the event store file was removed or replaced while open',
      new StoreFileGoneError('/data/events.sqlite'),
    ],
    ['an I/O error', sqliteError('SQLITE_IOERR_FSYNC')],
    ['a damaged file', sqliteError('SQLITE_CORRUPT')],
  ])('answers 503 when %s, not claiming that nothing was kept', (_, exception) => {
    const problem = storageProblem(exception);
    expect(problem).toMatchObject({ status: 503, title: 'Storage unavailable' });
    expect(problem!.detail).not.toMatch(/nothing .*(kept|written|stored)/);
    expect(problem!.detail).toContain(
      'If this request asked for a change, it may or may not have been stored: retry it once the storage is back, with the same Idempotency-Key, which is never applied twice',
    );
  });

  it('tells a lock apart from the other storage failures', () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_CORRUPT', 'SQLITE_IOERR_WRITE', 'SQLITE_CONSTRAINT_UNIQUE'])
      expect(isStorageBusy(sqliteError(code))).toBe(false);
    expect(isStorageBusy(new Error('database is locked'))).toBe(false);
    expect(isStorageBusy(null)).toBe(false);
  });

  it('leaves other errors alone', () => {
    expect(storageProblem(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(storageProblem(new Error('boom'))).toBeUndefined();
    expect(storageProblem(null)).toBeUndefined();
  });
});
