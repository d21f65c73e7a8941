import { ReadOnlySqliteFile } from './read-only-file';
import { SqliteEventStore } from './sqlite-event-store';
import type { SqliteEventStoreOptions } from './sqlite-event-store.options';

/**
 * The embedded event store of an existing file, opened to be read and never written: reading it
 * leaves the file and its folder as they were (see ReadOnlySqliteFile), while another process may
 * go on appending to it. Appends are refused (ReadOnlyEventStoreError). Closing it also removes the
 * private copy it may have read.
 */
export class ReadOnlySqliteEventStore extends SqliteEventStore {
  constructor(
    private readonly source: ReadOnlySqliteFile,
    options: SqliteEventStoreOptions = {},
  ) {
    super(source.db, options);
  }

  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      this.source.close();
    }
  }
}

/** Opens an existing event-store file read-only (see ReadOnlySqliteEventStore); never creates one. */
export function openSqliteEventStoreReadOnly(
  file: string,
  options: SqliteEventStoreOptions = {},
): ReadOnlySqliteEventStore {
  const source = ReadOnlySqliteFile.open(file);
  try {
    return new ReadOnlySqliteEventStore(source, options);
  } catch (error) {
    source.close();
    throw error;
  }
}
