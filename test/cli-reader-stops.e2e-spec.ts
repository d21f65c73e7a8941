import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempDir } from './support/fault/temp-dir';
import { cli, type CliRun } from './support/run-cli';
import { spawnTs } from './support/spawn-ts';

/**
 * `casetrail <command> | head` where the reader has closed its end before the command prints (as
 * `head -0`, or `less` quit at once, do): every write then fails with EPIPE. The command finishes
 * quietly, with no stack trace, and exits with the code it gives without the pipe: a stopped reader
 * is never reported as "evidence of tampering" (1), and tampering that was found still is.
 */
function cliReadByNoOne(dataDir: string, ...args: string[]): Promise<Omit<CliRun, 'stdout'>> {
  const child = spawnTs('apps/cli/src/main.ts', args, { env: { DATA_DIR: dataDir, LOG_LEVEL: 'error' } });
  // The reader has had enough before the first line.
  child.stdout!.destroy();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('casetrail commands piped into a reader that stops early', () => {
  const dir = tempDir('reader-stops');
  let caseStream: string;

  beforeAll(async () => {
    const demo = await cli(dir.path, 'demo-data', '--cases', '6', '--days', '2');
    expect(demo.code).toBe(0);
    const db = new Database(join(dir.path, 'events.sqlite'), { readonly: true });
    caseStream = (
      db
        .prepare(
          `SELECT stream FROM events WHERE stream LIKE 'case-%' GROUP BY stream ORDER BY COUNT(*) DESC LIMIT 1`,
        )
        .get() as { stream: string }
    ).stream;
    db.close();
  }, 60_000);

  afterAll(() => dir.remove());

  async function expectSameExitAsUnpiped(args: string[], expectedCode: number): Promise<void> {
    const unpiped = await cli(dir.path, ...args);
    expect({ args, code: unpiped.code }).toEqual({ args, code: expectedCode });
    expect(unpiped.stdout).not.toBe('');
    const stopped = await cliReadByNoOne(dir.path, ...args);
    expect({ args, code: stopped.code }).toEqual({ args, code: expectedCode });
    expect(stopped.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|\n\s+at /);
  }

  it('stop quietly and exit as without the pipe: 0 on an intact store', async () => {
    for (const args of [
      ['replay', caseStream],
      ['verify'],
      ['verify', '--json'],
      ['export', caseStream, '-o', '-'],
      ['receipt'],
    ])
      await expectSameExitAsUnpiped(args, 0);
  }, 120_000);

  it('still exit with 1 when they found tampering', async () => {
    const db = new Database(join(dir.path, 'events.sqlite'));
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.title', 'Nothing happened') WHERE stream = ? AND revision = 0`,
    ).run(caseStream);
    db.close();
    await expectSameExitAsUnpiped(['replay', caseStream], 1);
    await expectSameExitAsUnpiped(['verify', '--json'], 1);
  }, 60_000);
});
