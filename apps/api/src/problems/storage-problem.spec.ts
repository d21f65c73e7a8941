import { storageProblem } from './storage-problem';

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

  it('leaves other errors alone', () => {
    expect(storageProblem(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(storageProblem(new Error('boom'))).toBeUndefined();
    expect(storageProblem(null)).toBeUndefined();
  });
});
