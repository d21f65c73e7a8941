import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { recordRelease } from './record-release';
import { describeRelease, readRelease } from './release';

const COMMIT = '6b5145aa772ad3835e8ca09cfad9322298a7ab43';

describe('the release a build names', () => {
  let root: string;
  const record = () => path.join(root, 'dist-release.json');
  beforeEach(() => {
    // A copy of the sources without git metadata, as an unpacked tarball or a Docker context is.
    root = mkdtempSync(path.join(tmpdir(), 'release-'));
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'casetrail', version: '1.2.3' }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is the version and "unknown-commit" for sources without git metadata, and still runs', () => {
    const release = readRelease(root, record());
    expect(release).toEqual({ version: '1.2.3', id: '1.2.3+unknown-commit' });
    expect(describeRelease(release)).toBe(
      '1.2.3+unknown-commit (version 1.2.3, unknown commit: built without git metadata)',
    );
  });

  it('names the commit the build recorded (CASETRAIL_COMMIT, as the Docker build passes it)', () => {
    expect(recordRelease(root, record(), ` ${COMMIT.toUpperCase()}\n`).id).toBe('1.2.3+6b5145aa772a');
    const release = readRelease(root, record());
    expect(release).toEqual({ version: '1.2.3', commit: COMMIT, id: '1.2.3+6b5145aa772a' });
    expect(describeRelease(release)).toBe(`1.2.3+6b5145aa772a (version 1.2.3, commit ${COMMIT})`);
  });

  it('refuses a CASETRAIL_COMMIT that is not a commit hash, instead of printing it as one', () => {
    expect(() => recordRelease(root, record(), 'main')).toThrow(/CASETRAIL_COMMIT must be a git commit hash/);
  });

  it("reads the checkout's commit when built from one, marked .dirty while tracked files differ", () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: root,
        encoding: 'utf8',
      }).trim();
    git('init', '-q');
    git('add', 'package.json');
    git('commit', '-q', '-m', 'first');
    const head = git('rev-parse', 'HEAD');
    expect(recordRelease(root, record(), undefined)).toEqual({
      version: '1.2.3',
      commit: head,
      id: `1.2.3+${head.slice(0, 12)}`,
    });
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'casetrail', version: '1.2.4' }));
    // Run from the sources (nothing recorded), as tests and `swc-node` run it.
    const release = readRelease(root, path.join(root, 'not-recorded.json'));
    expect(release).toMatchObject({ version: '1.2.4', commit: head, dirty: true });
    expect(release.id).toBe(`1.2.4+${head.slice(0, 12)}.dirty`);
    expect(describeRelease(release)).toContain(`commit ${head}, with changes not committed`);
  });
});
