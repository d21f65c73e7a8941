import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GENESIS_HASH, verifyStreamChain, type RecordedEvent } from '@casetrail/eventstore';
import type { AuditBundleHeader } from '../apps/cli/src/commands/audit/audit-bundle';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * README "Policy versions": the archive (`support-policy-versions`) is carried by `export`. A
 * case's bundle holds, after the case's events, the archive's adoptions up to the last version its
 * events name (each line naming its `stream`), as stored, so they verify as a chain from the
 * genesis hash; the header lists the versions named. An auditor holding only the bundle reads the
 * goals and calendars its due times were computed on. Before, the bundle held the case stream only:
 * a `policyVersion` name nobody could look up.
 */
describe('export carries the policy versions a case was computed under', () => {
  let policyDir: string;
  let dataDir: string;
  let app: TestApp | undefined;
  let world: SeededWorld;
  const send = injectRequester(() => app!.app);
  const start = (version: string, hours: string) => {
    const file = path.join(policyDir, `${version}.json`);
    const weekdays = Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [hours]]),
    );
    fs.writeFileSync(file, JSON.stringify({ version, calendar: { workingHours: weekdays } }));
    return startTestApp({ dataDir, env: { SUPPORT_POLICY_FILE: file } });
  };
  const bundleOf = async (caseId: string) => {
    const run = await cli(dataDir, 'export', caseId, '-o', '-');
    expect(run.code).toBe(0);
    const [header, ...lines] = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    return { header: header as AuditBundleHeader, lines: lines as (RecordedEvent & { stream?: string })[] };
  };

  beforeAll(() => {
    policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-export-policy-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-export-policy-data-'));
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(policyDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given a case opened under one version and re-targeted under the next, Then its bundle carries both adoptions, verifying, and not a later one', async () => {
    app = await start('hours-1', '09:00-17:00');
    world = await seedWorld(send);
    const twoVersions = await openCase(send, world, 'Opened under hours-1');
    await app.close();

    app = await start('hours-2', '10:00-12:00');
    const change = { severity: 2, reason: 'All editors are blocked' };
    expect(
      (await send('POST', `/v1/cases/${twoVersions}/severity`, world.engineerToken, change)).status,
    ).toBe(200);
    const oneVersion = await openCase(send, world, 'Opened under hours-2');
    await app.close();
    app = await start('hours-3', '08:00-18:00');
    await app.close();
    app = undefined;

    const { header, lines } = await bundleOf(twoVersions);
    const caseLines = lines.filter((line) => line.stream === undefined);
    const archiveLines = lines.filter((line) => line.stream === 'support-policy-versions');
    expect(caseLines.length + archiveLines.length).toBe(lines.length);
    expect(header).toMatchObject({ version: 3, events: caseLines.length, chain: { intact: true } });
    expect(header.policyArchive).toEqual({
      stream: 'support-policy-versions',
      versionsNamed: ['hours-1', 'hours-2'],
      notRecorded: [],
      events: 2,
      headHash: archiveLines[1].metadata.hash,
      chain: { intact: true },
    });
    expect(archiveLines.map((line) => [line.type, (line.data as { version: string }).version])).toEqual([
      ['SupportPolicyAdopted', 'hours-1'],
      ['SupportPolicyAdopted', 'hours-2'],
    ]);
    expect(archiveLines[0].metadata.previousHash).toBe(GENESIS_HASH);
    expect(verifyStreamChain(archiveLines)).toBeUndefined();
    expect(verifyStreamChain(caseLines.map((line) => ({ ...line, stream: header.stream })))).toBeUndefined();
    // The calendar its first due times were computed on, from the bundle alone.
    const hours1 = archiveLines[0].data as {
      policy: { calendar: { workingHours: Record<string, string[]> } };
    };
    expect(hours1.policy.calendar.workingHours.monday).toEqual(['09:00-17:00']);

    // A case naming only the second version carries the first too: its chain starts at the genesis hash.
    const second = await bundleOf(oneVersion);
    expect(second.header.policyArchive).toMatchObject({ versionsNamed: ['hours-2'], events: 2 });
  });

  it('Then `casetrail policy` lists the versions, and prints one whole as the API gives it', async () => {
    const listed = await cli(dataDir, 'policy');
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^#0 {2}hours-1 {2}adopted \S+Z {2}recorded \S+Z {2}hash [0-9a-f]{64}$/);
    const one = await cli(dataDir, 'policy', 'hours-2');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({
      version: 'hours-2',
      revision: 1,
      inForce: false,
      policy: { version: 'hours-2', calendar: { workingHours: { monday: ['10:00-12:00'] } } },
    });
    const missing = await cli(dataDir, 'policy', 'never-1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Support policy version never-1 is not in the archive');
  });
});
