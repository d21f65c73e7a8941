import { statSync } from 'node:fs';

/**
 * The store's file was deleted or replaced while it was open. SQLite goes on writing to the file it
 * opened, which no process will ever open again: whatever is written from then on is lost at the
 * next start, so nothing may be acknowledged as stored.
 */
export class StoreFileGoneError extends Error {
  constructor(readonly file: string) {
    super(
      `The event store file ${file} was removed or replaced while it was open: nothing written since can be kept. Restore the file (or move the new one away) and restart`,
    );
    this.name = 'StoreFileGoneError';
  }
}

/** The file a store opened, recognised by device and inode, to notice it being deleted or replaced. */
export class StoreFileIdentity {
  private constructor(
    private readonly file: string,
    private readonly device: number,
    private readonly inode: number,
  ) {}

  static of(file: string): StoreFileIdentity {
    const { dev, ino } = statSync(file);
    return new StoreFileIdentity(file, dev, ino);
  }

  /** Throws StoreFileGoneError unless the path still names the file that was opened. */
  assertStillThere(): void {
    const now = statSync(this.file, { throwIfNoEntry: false });
    if (!now || now.dev !== this.device || now.ino !== this.inode) throw new StoreFileGoneError(this.file);
  }
}
