import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Which build is running: the package's version and the git commit it was built from. `casetrail
 * --version`, /health (`release`) and the start-up log print its `id`, so an operator can tell which
 * CHANGELOG entries an upgrade crosses and a report names the build it came from.
 */
export interface Release {
  /** package.json's version, e.g. `0.1.0`. */
  version: string;
  /** The full commit hash; absent when unknown (a copy of the sources without git metadata). */
  commit?: string;
  /** True when the build had changes not committed (its commit alone does not describe it). */
  dirty?: boolean;
  /** `<version>+<12 hex digits>[.dirty]`, or `<version>+unknown-commit` (semver build metadata). */
  id: string;
}

/** What `npm run build` records beside this module's compiled file (see record-release.ts). */
export const RELEASE_RECORD_FILE = 'release.json';

export interface RecordedCommit {
  commit?: string;
  dirty?: boolean;
}

/** The id of `version` built from `commit` (see Release.id). */
export function releaseId(version: string, { commit, dirty }: RecordedCommit): string {
  if (!commit) return `${version}+unknown-commit`;
  return `${version}+${commit.slice(0, 12)}${dirty ? '.dirty' : ''}`;
}

/**
 * The release of the package whose root is `root`: the commit the build recorded in `recordFile`
 * when there is one (a built dist, the Docker image); otherwise the root's own git checkout (run from
 * the sources, as tests and `swc-node` do); otherwise unknown.
 */
export function readRelease(root: string, recordFile: string): Release {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const recorded = readRecord(recordFile) ?? commitOfCheckout(root);
  return { version, ...recorded, id: releaseId(version, recorded) };
}

let current: Release | undefined;

/** This process's release, read once. */
export function currentRelease(): Release {
  current ??= readRelease(packageRoot(__dirname), path.join(__dirname, RELEASE_RECORD_FILE));
  return current;
}

/** The nearest directory above `from` holding Casetrail's package.json (the sources' or the image's). */
export function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'casetrail'
    )
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`No Casetrail package.json above ${from}`);
  }
}

function readRecord(file: string): RecordedCommit | undefined {
  if (!existsSync(file)) return undefined;
  const { commit, dirty } = JSON.parse(readFileSync(file, 'utf8')) as RecordedCommit;
  return recordedCommit(commit, dirty);
}

/** `commit` with `dirty` only when true, or nothing known when there is no commit. */
function recordedCommit(commit: string | undefined, dirty: boolean | undefined): RecordedCommit {
  return commit ? { commit, ...(dirty ? { dirty } : {}) } : {};
}

/**
 * The commit `root` has checked out, and whether tracked files differ from it. Only `root`'s own
 * `.git`: a copy without git metadata unpacked inside some other repository is not that one's build.
 */
export function commitOfCheckout(root: string): RecordedCommit {
  if (!existsSync(path.join(root, '.git'))) return {};
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5_000,
      });
    const commit = git('rev-parse', '--verify', 'HEAD').trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no').trim() !== '';
    return recordedCommit(/^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined, dirty);
  } catch {
    // No git installed, or not a repository after all: the release still runs, its commit unknown.
    return {};
  }
}

/** One line for people (`casetrail --version`, the start-up log): the id, then what it stands for. */
export function describeRelease({ id, version, commit, dirty }: Release): string {
  const built = commit
    ? `commit ${commit}${dirty ? ', with changes not committed' : ''}`
    : 'unknown commit: built without git metadata';
  return `${id} (version ${version}, ${built})`;
}
