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

  it('answers 503 when the event store file was removed or replaced while open: nothing was kept', () => {
    expect(storageProblem(new StoreFileGoneError('/data/events.sqlite'))).toMatchObject({
      status: 503,
      title: 'Storage unavailable',
      detail: expect.stringMatching(/lost its event store file .* nothing of this request was kept/),
    });
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
