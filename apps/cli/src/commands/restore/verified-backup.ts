import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVENTS_FILE, MANIFEST_FILE, type BackupManifest } from '../backup/back-up-stores';
import { sha256Of } from '../backup/file-sha256';

/** One file of a backup, as `backup.json` lists it. */
export interface BackupFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface VerifiedBackup {
  folder: string;
  manifest: BackupManifest;
  files: BackupFile[];
}

/**
 * Reads a backup folder's `backup.json` and checks every file it lists against it (size, then
 * SHA-256) before anything of DATA_DIR is touched: a backup that rotted on its disk, was cut short
 * in a copy, or was opened by SQLite since (which rewrites its bytes) is refused, each such file
 * named, instead of becoming the installation's only history. Only the files a backup writes may be
 * listed (`restorable`), so a manifest edited to name `../../something` copies nothing from
 * outside the folder, nor anything else into DATA_DIR.
 */
export async function verifiedBackup(folder: string, restorable: readonly string[]): Promise<VerifiedBackup> {
  const root = resolve(folder);
  const manifest = readManifest(root);
  const files = listedFiles(root, manifest, restorable);
  const problems: string[] = [];
  for (const file of files) {
    const problem = await problemWith(join(root, file.name), file);
    if (problem) problems.push(`${file.name} ${problem}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `The backup in ${root} does not match its ${MANIFEST_FILE}, so nothing was restored: ${problems.join('; ')}. ` +
        'Restore from another copy of the backup (or another backup)',
    );
  }
  return { folder: root, manifest, files };
}

function readManifest(root: string): BackupManifest {
  const file = join(root, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !existsSync(root)) {
      throw new Error(`There is no backup folder ${root}: check the path`, { cause: error });
    }
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new Error(`${root} holds no ${MANIFEST_FILE}: it is not a folder \`casetrail backup\` wrote`, {
        cause: error,
      });
    throw error;
  }
  try {
    return JSON.parse(text) as BackupManifest;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}): the backup cannot be checked`, {
      cause: error,
    });
  }
}

/** The manifest's files, each a name a backup writes, listed once, with a size and a SHA-256. */
function listedFiles(root: string, manifest: BackupManifest, restorable: readonly string[]): BackupFile[] {
  const malformed = (why: string) =>
    new Error(`${join(root, MANIFEST_FILE)} ${why}: the backup cannot be checked`);
  if (!Array.isArray(manifest?.files) || manifest.files.length === 0) throw malformed('lists no files');
  const seen = new Set<string>();
  for (const file of manifest.files) {
    const name = (file as Partial<BackupFile>)?.name;
    if (typeof name !== 'string' || !restorable.includes(name)) {
      throw malformed(
        `lists ${JSON.stringify(name)}, which is none of the files a backup holds (${restorable.join(', ')})`,
      );
    }
    if (seen.has(name)) throw malformed(`lists ${name} twice`);
    seen.add(name);
    if (!Number.isSafeInteger(file.bytes) || file.bytes < 0 || !/^[0-9a-f]{64}$/.test(String(file.sha256))) {
      throw malformed(`has no valid size and SHA-256 for ${name}`);
    }
  }
  // The positions it records are only as good as the files it lists: a log it says it copied is one of them.
  if (manifest.eventLog !== undefined && !seen.has(EVENTS_FILE)) {
    throw malformed(
      `records an event log up to position ${manifest.eventLog?.head} but does not list ${EVENTS_FILE}`,
    );
  }
  return manifest.files.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 }));
}

async function problemWith(path: string, expected: BackupFile): Promise<string | undefined> {
  let bytes: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return 'is not a file';
    bytes = stats.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'is missing';
    throw error;
  }
  if (bytes !== expected.bytes) return `has ${bytes} bytes, not the ${expected.bytes} recorded`;
  const sha256 = await sha256Of(path);
  if (sha256 !== expected.sha256) return `has SHA-256 ${sha256}, not the ${expected.sha256} recorded`;
  return undefined;
}
