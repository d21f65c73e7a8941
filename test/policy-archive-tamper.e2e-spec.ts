import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { POLICY_ARCHIVE_STREAM } from '../apps/api/src/policy-archive/policy-archive-stream';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * README "Policy versions": business-time figures (dashboard and daily report medians and p90s,
 * `remainingBusinessMs`, `replay`'s standing line) use the calendars of the archived version a
 * target was computed under, so the archive (`support-policy-versions`) is an input of every
 * report. Its hash chain is checked whenever it is read: an edited adoption makes /health degraded
 * (naming the stream and revision) in the process already running, which keeps the policies it
 * verified; a start on it is refused; `replay` warns and exits 1. Before, an archive edited in the
 * store silently rewrote every median and p90, /health stayed up, and only `verify` saw it.
 */
describe('a tampered support policy archive', () => {
  let policyDir: string;
  let dataDir: string;
  let policyFile: string;
  let app: TestApp | undefined;
  let world: SeededWorld;
  const send = injectRequester(() => app!.app);
  const start = () => startTestApp({ dataDir, env: { SUPPORT_POLICY_FILE: policyFile } });

  beforeAll(async () => {
    policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-archive-tamper-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-archive-tamper-data-'));
    policyFile = path.join(policyDir, 'policy.json');
    const weekdays = Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, ['00:00-24:00']]),
    );
    fs.writeFileSync(
      policyFile,
      JSON.stringify({ version: 'whole-days-1', calendar: { workingHours: weekdays } }),
    );
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(policyDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given an adoption edited while the desk runs, Then /health is degraded naming the stream and the revision, the archive read is 503, and a restart is refused; replay, export and policy warn and exit 1', async () => {
    app = await start();
    world = await seedWorld(send);
    const caseId = await openCase(send, world, 'Computed under whole days');
    expect(((await send('GET', '/health', world.adminToken)).body as { status: string }).status).toBe('up');

    const db = new Database(path.join(dataDir, 'events.sqlite'), { fileMustExist: true });
    try {
      db.prepare(
        `update events set data = replace(data, '"00:00-24:00"', '"09:00-17:00"') where stream = ? and revision = 0`,
      ).run(POLICY_ARCHIVE_STREAM);
    } finally {
      db.close();
    }

    const health = await send('GET', '/health', world.adminToken);
    expect(health.status).toBe(200);
    const report = health.body as {
      status: string;
      reasons: string[];
      supportPolicy: { status: string };
      damagedPolicyArchive: { stream: string; revision: number; problem: string };
    };
    expect(report.status).toBe('degraded');
    expect(report.supportPolicy.status).toBe('degraded');
    expect(report.damagedPolicyArchive).toMatchObject({
      stream: POLICY_ARCHIVE_STREAM,
      revision: 0,
      problem: 'hash-mismatch',
    });
    expect(report.reasons).toContainEqual(
      expect.stringMatching(
        /^support policy archive damaged: support-policy-versions at revision 0 \(event [0-9a-f-]+\): content does not match its hash/,
      ),
    );
    // A probe without a token learns which part is degraded, not why.
    const anonymous = (await app.app.inject({ method: 'GET', url: '/health' })).json() as {
      supportPolicy: { status: string };
      damagedPolicyArchive?: unknown;
    };
    expect(anonymous.supportPolicy.status).toBe('degraded');
    expect(anonymous.damagedPolicyArchive).toBeUndefined();
    // Nor does the archive's read serve policies nobody can vouch for.
    const read = await send('GET', '/v1/policy/versions', world.engineerToken);
    expect(read.status).toBe(503);
    expect((read.body as { detail: string }).detail).toMatch(
      /^The support policy archive is damaged: support-policy-versions at revision 0 /,
    );
    await app.close();
    app = undefined;

    await expect(start()).rejects.toThrow(
      /^The support policy archive is damaged: support-policy-versions at revision 0 \(event [0-9a-f-]+\): content does not match its hash .*restore the event store from a backup/,
    );

    const replay = await cli(dataDir, 'replay', caseId);
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain(
      'Warning: The support policy archive is damaged: support-policy-versions at revision 0',
    );
    // The case's bundle carries the damaged adoption as stored, says so, and exits 1.
    const exported = await cli(dataDir, 'export', caseId, '-o', '-');
    expect(exported.code).toBe(1);
    expect(JSON.parse(exported.stdout.split('\n')[0]).policyArchive.chain).toMatchObject({
      intact: false,
      brokenLink: { stream: POLICY_ARCHIVE_STREAM, revision: 0, problem: 'hash-mismatch' },
    });
    expect(exported.stderr).toContain(
      'Warning: policy archive BROKEN: support-policy-versions at revision 0',
    );
    const listed = await cli(dataDir, 'policy');
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(
      'Warning: the support policy archive is damaged: support-policy-versions at revision 0',
    );
  });
});
