import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tempDir } from './support/fault/temp-dir';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Which build is running. There was no release id anywhere: `casetrail --version` was "unknown
 * option", /health and the start-up log named no version, so an operator could not tell which
 * CHANGELOG entries an upgrade crossed. Now the CLI, /health and the log name one id: the
 * package's version and the git commit the build came from.
 */
describe('the release id: casetrail --version and /health', () => {
  const data = tempDir('release-id');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    data.remove();
  });

  // Run from the sources, as here: the checkout's own commit (.dirty while files are being changed).
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const id = new RegExp(`^${version.replace(/\./g, '\\.')}\\+${head.slice(0, 12)}(\\.dirty)?$`);

  it.each(['--version', '-V'])('prints the version and the commit with `casetrail %s`', async (flag) => {
    const run = await cli(data.path, flag);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [, printed, described] = /^casetrail (\S+) \((.*)\)\n$/.exec(run.stdout) ?? [];
    expect(printed).toMatch(id);
    expect(described).toMatch(new RegExp(`^version ${version}, commit ${head}`));
  });

  it('lists -V, --version in the help', async () => {
    const run = await cli(data.path, '--help');
    expect(run.stdout).toMatch(/-V, --version +print the release: the version and the git commit/);
  });

  it('carries the same id in /health, for a probe without a token and for an admin', async () => {
    const printed = /^casetrail (\S+)/.exec((await cli(data.path, '--version')).stdout)![1];
    const probe = await t.app.inject({ method: 'GET', url: '/health' });
    expect(probe.json().release).toBe(printed);
    const admin = await t.token('admin@vendor.example', ['admin']);
    const full = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(full.json().release).toBe(printed);
  });
});
