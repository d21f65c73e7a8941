import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  commitOfCheckout,
  packageRoot,
  readRelease,
  RELEASE_RECORD_FILE,
  type RecordedCommit,
  type Release,
} from './release';

/**
 * Run by `npm run build` after compiling: records the commit the build came from beside the
 * compiled release.js, so `casetrail --version` and /health name it where no git metadata is (the
 * Docker image, whose build context leaves .git out: `--build-arg CASETRAIL_COMMIT=$(git rev-parse
 * HEAD)`). `given` (CASETRAIL_COMMIT) wins over the checkout; with neither, the commit is unknown.
 */
export function recordRelease(root: string, recordFile: string, given: string | undefined): Release {
  const commit = given?.trim();
  if (commit && !/^[0-9a-f]{7,64}$/i.test(commit))
    throw new Error(`CASETRAIL_COMMIT must be a git commit hash (hex digits), not ${JSON.stringify(commit)}`);
  const recorded: RecordedCommit = commit ? { commit: commit.toLowerCase() } : commitOfCheckout(root);
  writeFileSync(recordFile, `${JSON.stringify(recorded)}\n`);
  return readRelease(root, recordFile);
}

if (require.main === module) {
  const release = recordRelease(
    packageRoot(__dirname),
    path.join(__dirname, RELEASE_RECORD_FILE),
    process.env.CASETRAIL_COMMIT,
  );
  console.log(`Recorded release ${release.id}`);
}
