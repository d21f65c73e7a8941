import { accessSync, constants, mkdirSync, rmdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { nearestExistingAncestor } from './real-path';

/**
 * Makes `folder` (and any missing parents) owner-only, 0700, or makes sure the folder that is
 * already there can be written into; says why not, naming `folder`, before anything is written.
 * Returns the folders it made, outermost first, so a failure later can remove exactly those.
 *
 * The folders are made one level at a time, not with `mkdirSync(..., { recursive: true })`: on
 * some virtual filesystems (`/proc`, whose root even root may "write") Node 20's recursive mkdir
 * loops for ever where one plain mkdir fails at once (ENOENT).
 */
export function makePrivateFolder(folder: string, what: string): string[] {
  const target = resolve(folder);
  const cannot = (why: string) => new Error(`Cannot create ${what} ${target}: ${why}`);
  const { ancestor, stats } = nearestExistingAncestor(target);
  if (!stats.isDirectory()) throw cannot(`${ancestor} is a file, not a folder`);
  try {
    // W for a new entry, X to reach it.
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw cannot(`${ancestor} is not writable by this user (${codeOf(error)})`);
  }
  const created: string[] = [];
  for (const level of levelsBetween(ancestor, target)) {
    try {
      mkdirSync(level, { mode: 0o700 });
    } catch (error) {
      removeFolders(created);
      throw cannot(
        `making ${level} failed (${codeOf(error)}): ${ancestor} is not a place for new folders (a read-only or ` +
          'virtual filesystem?); choose a folder on a writable disk',
      );
    }
    created.push(level);
  }
  return created;
}

/** Removes folders `makePrivateFolder` made (outermost first), innermost first; best effort. */
export function removeFolders(created: readonly string[]): void {
  for (const folder of [...created].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty, or gone already: left as it is.
    }
  }
}

/** The folders below `ancestor` down to `target`, outermost first. */
function levelsBetween(ancestor: string, target: string): string[] {
  const levels: string[] = [];
  for (let level = target; level !== ancestor; level = dirname(level)) levels.unshift(level);
  return levels;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
