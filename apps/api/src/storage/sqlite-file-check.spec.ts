import Database from 'better-sqlite3';
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fs from 'node:fs';
import {
  checkSqliteFile,
  cleanCloseRecord,
  recordCleanClose,
  sqliteFileError,
  StorageFileError,
} from './sqlite-file-check';

const ROLE = { name: 'event store', remedy: 'Restore it from a backup.' };

describe('checkSqliteFile', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-file-check-'));
    file = join(dir, 'events.sqlite');
    // A WAL-mode file with a few pages, as the stores leave it once closed.
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)');
    const insert = db.prepare('INSERT INTO events (data) VALUES (?)');
    for (let index = 0; index < 200; index++) insert.run('x'.repeat(500));
    db.close();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Garbage over a stretch in the middle of the file, its size unchanged (a stray write). */
  const scribble = () => {
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(statSync(file).size / 2));
    closeSync(fd);
  };

  it('has nothing to check before the file exists', () => {
    expect(checkSqliteFile(join(dir, 'absent.sqlite'), ROLE)).toEqual({ kind: 'new' });
  });

  it('reads a file in full when no clean close was recorded for it', () => {
    expect(checkSqliteFile(file, ROLE)).toMatchObject({ kind: 'checked' });
  });

  it('trusts a file exactly as it was left at a recorded clean close, without reading it', () => {
    recordCleanClose(file);
    expect(checkSqliteFile(file, ROLE)).toEqual({ kind: 'unchanged' });
  });

  it('refuses a file damaged in place after its clean close, size unchanged', () => {
    recordCleanClose(file);
    scribble();
    expect(() => checkSqliteFile(file, ROLE)).toThrow(StorageFileError);
    expect(() => checkSqliteFile(file, ROLE)).toThrow(/event store file .*events\.sqlite is damaged/);
  });

  it('refuses a file truncated after its clean close', () => {
    recordCleanClose(file);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    expect(() => checkSqliteFile(file, ROLE)).toThrow(/is damaged/);
  });

  it('reads the file in full once anything else was written to it, even with the same bytes', () => {
    recordCleanClose(file);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from('SQLite'), 0, 6, 0);
    closeSync(fd);
    expect(checkSqliteFile(file, ROLE)).toMatchObject({ kind: 'checked' });
  });

  it('reads the file in full while a write-ahead log holds frames (a crash, or a process still open)', () => {
    recordCleanClose(file);
    const db = new Database(file);
    db.prepare('INSERT INTO events (data) VALUES (?)').run('after the close');
    try {
      expect(checkSqliteFile(file, ROLE)).toMatchObject({ kind: 'checked' });
    } finally {
      db.close();
    }
  });

  it('records nothing while another connection keeps a write-ahead log open', () => {
    const db = new Database(file);
    db.prepare('INSERT INTO events (data) VALUES (?)').run('still open');
    try {
      recordCleanClose(file);
      expect(() => statSync(cleanCloseRecord(file))).toThrow();
    } finally {
      db.close();
    }
  });

  it('reads the file in full when its clean-close record is unreadable', () => {
    writeFileSync(cleanCloseRecord(file), 'not json');
    expect(checkSqliteFile(file, ROLE)).toMatchObject({ kind: 'checked' });
  });
});

describe('sqliteFileError', () => {
  const cantOpen = Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });

  it('says the directory is read-only, and what to do, when SQLite cannot open a file there', () => {
    // Root may write anywhere: the read-only directory is what access(2) answers for it.
    const access = jest.spyOn(fs, 'accessSync').mockImplementation(() => {
      throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    });
    try {
      const error = sqliteFileError('/snapshot/data/events.sqlite', ROLE, cantOpen);
      expect(error.message).toContain('its directory /snapshot/data is read-only');
      expect(error.message).toContain('copy the files to a writable directory and point DATA_DIR there');
      expect(error.message).toContain('SQLITE_CANTOPEN');
    } finally {
      access.mockRestore();
    }
  });

  it("keeps SQLite's own words when the directory is writable", () => {
    const error = sqliteFileError(join(tmpdir(), 'events.sqlite'), ROLE, cantOpen);
    expect(error.message).toBe(
      `The event store file ${join(tmpdir(), 'events.sqlite')} cannot be opened: unable to open database file (SQLITE_CANTOPEN).`,
    );
  });
});
