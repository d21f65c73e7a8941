import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyStreamChain, type RecordedEvent } from '@casetrail/eventstore';
import { ProjectionRunner } from '@casetrail/readmodels';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { openDemoSqliteEventStore } from '../apps/cli/src/commands/demo-data/demo-data-writer';
import { simulateSupport } from '../apps/cli/src/commands/demo-data/support-simulation';
import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { cli } from './support/run-cli';
import { startTestApp, TestClock } from './support/test-app';

/**
 * The operator's and auditor's commands on a real data directory: read models built incrementally
 * by the running API (while a simulated history is appended by another connection and cases are
 * opened over HTTP) equal a rebuild from zero; `verify` finds the one event edited in the SQLite
 * file and names its stream and revision; `replay` tells a case's story; `export` writes a bundle
 * an auditor can verify on their own.
 */
describe('casetrail CLI: verify, verify-projections, rebuild, replay, export', () => {
  const START = '2026-02-01T00:00:00.000Z';
  let dataDir: string;
  let caseStream: string;
  let caseEvents: RecordedEvent[];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-'));
    // The clock stays before the simulated weeks, so the API's SLA timers have nothing to fire meanwhile.
    const t = await startTestApp({ env: { DATA_DIR: dataDir }, clock: new TestClock(new Date(START)) });
    try {
      const api = new ApiClient(t.app);
      const setup = new SetupSteps(
        api,
        await t.token('admin@vendor.example', ['admin']),
        await t.token('eve@vendor.example', ['engineer']),
      );
      const accountId = await setup.registerAccount('Initech', 'Europe/Sofia');
      const jane = await t.token('jane@initech.example');
      const licenceId = await setup.issueLicence(accountId, {
        plan: 'enterprise',
        holderEmail: 'jane@initech.example',
      });
      await setup.addLicensedUser(licenceId, 'jane@initech.example', undefined, jane);

      // Another connection appends a simulated history while the API's projections follow the log:
      // pausing now and then lets them apply it in whatever batches they find.
      const demo = openDemoSqliteEventStore(path.join(dataDir, 'events.sqlite'));
      const simulation = simulateSupport({ cases: 250, end: '2026-03-01T00:00:00.000Z', days: 25, seed: 11 });
      let appends = 0;
      for (let next = simulation.next(); !next.done; next = simulation.next()) {
        demo.instant.set(next.value.at);
        await demo.store.append(next.value.stream, next.value.events, next.value.expectedRevision);
        if (++appends % 97 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
      }
      await demo.store.close();
      for (let index = 0; index < 3; index++)
        await setup.openWebCase(licenceId, jane, `Checkout fails ${index}`);
      expect(appends).toBeGreaterThan(1_000);
      expect(await t.app.get(ProjectionRunner).catchUp(60_000)).toBe(true);

      const all = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true });
      caseStream = (
        all
          .prepare(
            `SELECT stream FROM events WHERE stream LIKE 'case-%' GROUP BY stream ORDER BY COUNT(*) DESC LIMIT 1`,
          )
          .get() as {
          stream: string;
        }
      ).stream;
      all.close();
      caseEvents = await t.runtime.storage.eventStore.readStream(caseStream);
    } finally {
      await t.close();
    }
  }, 180_000);

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('verify-projections finds the incrementally built read models equal to a rebuild from zero, and so does rebuild', async () => {
    const incremental = await cli(dataDir, 'verify-projections');
    expect(incremental.stdout).toContain('No difference: the live read models equal a rebuild from zero.');
    expect(incremental.code).toBe(0);
    expect(incremental.stdout).toMatch(/^reporting: identical at position \d+: 3 collections/m);

    const rebuilt = await cli(dataDir, 'rebuild');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^Rebuilt cases up to position \d+/m);
    expect((await cli(dataDir, 'verify-projections')).code).toBe(0);
  }, 120_000);

  it('verify-projections names a read-model document changed behind the projections’ back', async () => {
    const copy = copyOf(dataDir);
    const readModels = new Database(path.join(copy, 'readmodels.sqlite'));
    const table = (
      readModels
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%sla_cases%'`)
        .get() as { name: string }
    ).name;
    const row = readModels.prepare(`SELECT id, doc FROM "${table}" LIMIT 1`).get() as {
      id: string;
      doc: string;
    };
    readModels
      .prepare(`UPDATE "${table}" SET doc = ? WHERE id = ?`)
      .run(JSON.stringify({ ...JSON.parse(row.doc), title: 'Edited' }), row.id);
    readModels.close();

    const result = await cli(copy, 'verify-projections', 'reporting');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`differs: ${row.id} (title)`);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify-projections names a case whose queue columns were changed apart from its document', async () => {
    const copy = copyOf(dataDir);
    const readModels = new Database(path.join(copy, 'readmodels.sqlite'));
    const row = readModels.prepare(`SELECT id FROM rm_cases WHERE f_missionCritical = 0 LIMIT 1`).get() as {
      id: string;
    };
    // The document still says standard priority; the columns queues use now say otherwise.
    readModels
      .prepare(`UPDATE rm_cases SET f_missionCritical = 1, f_priorityRank = 1 WHERE id = ?`)
      .run(row.id);
    readModels.close();

    const result = await cli(copy, 'verify-projections', 'cases');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `indexed columns disagree with the document: ${row.id} (missionCritical, priorityRank;`,
    );
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify-projections says when the live read models were built by another version of a projection', async () => {
    const copy = copyOf(dataDir);
    const readModels = new Database(path.join(copy, 'readmodels.sqlite'));
    readModels.prepare(`UPDATE readmodel_versions SET version = 1 WHERE projection = 'cases'`).run();
    readModels.close();

    const result = await cli(copy, 'verify-projections', 'cases');
    expect(result.stdout).toContain(
      `the live read models were built by version 1 of the projection and this release has version ${casesProjection.version}: run \`casetrail rebuild cases\``,
    );
    // Equal documents or not, the runner refuses them: a scripted check must not pass.
    expect(result.stdout).toContain('refused until rebuilt: casetrail rebuild cases');
    // Not evidence of tampering: they cannot be compared until rebuilt.
    expect(result.code).toBe(2);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify-projections fails on an edited event no read model shows, naming its stream and revision', async () => {
    const copy = copyOf(dataDir);
    const events = new Database(path.join(copy, 'events.sqlite'));
    const victim = caseEvents.find((event) => event.type === 'CommentAdded')!;
    // A field no projection reads: the rebuild from the edited log equals the live read models.
    events
      .prepare(`UPDATE events SET data = json_set(data, '$.forged', 'yes') WHERE stream = ? AND revision = ?`)
      .run(caseStream, victim.revision);
    events.close();

    const result = await cli(copy, 'verify-projections');
    const broken = `BROKEN ${caseStream} at revision ${victim.revision} (event ${victim.id}): content does not match its hash`;
    expect(result.stdout).toContain(broken);
    expect(result.stdout).toMatch(
      /^1 stream\(s\) replayed have a broken hash chain: .* the projections cannot be proven against it/m,
    );
    // The read models equal the rebuild from the edited log: that is no clean bill of health, and the
    // verdict, after the BROKEN line, says so instead of "No difference".
    expect(result.stdout).not.toContain('No difference');
    const verdict = result.stdout.indexOf(
      'Not verified: the live read models equal a rebuild from the log as it reads now, but the log is damaged',
    );
    expect(verdict).toBeGreaterThan(result.stdout.indexOf(broken));
    expect(result.code).toBe(1);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify passes on the untouched log, then fails on one edited event, naming its stream and revision', async () => {
    const clean = await cli(dataDir, 'verify');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(
      /^Verified \d+ events in \d+ streams: every hash chain is intact, and nothing the read models saw is missing\.$/m,
    );

    const copy = copyOf(dataDir);
    const events = new Database(path.join(copy, 'events.sqlite'));
    const victim = caseEvents.find((event) => event.type === 'CommentAdded')!;
    events
      .prepare(
        `UPDATE events SET data = json_set(data, '$.body', 'Nothing happened here') WHERE stream = ? AND revision = ?`,
      )
      .run(caseStream, victim.revision);
    events.close();

    const tampered = await cli(copy, 'verify');
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain(
      `BROKEN ${caseStream} at revision ${victim.revision} (event ${victim.id}): content does not match its hash`,
    );
    expect(tampered.stdout).toMatch(/^1 of \d+ streams has a broken hash chain/m);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify fails when a case stream lost its last event (a shorter chain is whole), naming the stream and what the read models saw', async () => {
    const copy = copyOf(dataDir);
    const events = new Database(path.join(copy, 'events.sqlite'));
    const last = caseEvents.at(-1)!;
    events.prepare(`DELETE FROM events WHERE stream = ? AND revision = ?`).run(caseStream, last.revision);
    events.close();

    const result = await cli(copy, 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `REMOVED ${caseStream}: the read models applied revision ${last.revision} (event ${last.id}), but the stream ends at revision ${last.revision - 1}: events were removed from its end`,
    );
    expect(result.stdout).toMatch(/sign\(s\) of events removed from the end of a stream or of the log/);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it("verify fails when the log lost its newest event, which no stream's chain can show", async () => {
    const copy = copyOf(dataDir);
    const events = new Database(path.join(copy, 'events.sqlite'));
    const head = events.prepare(`SELECT MAX(position) AS head FROM events`).get() as { head: number };
    events.prepare(`DELETE FROM events WHERE position = ?`).run(head.head);
    events.close();

    const result = await cli(copy, 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `REMOVED the log ends at position ${head.head - 1}, but the \\w+ read models applied events up to ${head.head}`,
      ),
    );
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('replay tells the case’s story, one line per event, and where it stands', async () => {
    const caseId = caseStream.slice('case-'.length);
    const replay = await cli(dataDir, 'replay', caseId);
    expect(replay.code).toBe(0);
    const lines = replay.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `Case ${caseId} (${caseStream}): ${caseEvents.length} events; hash chain intact, head ${caseEvents.at(-1)!.metadata.hash}`,
    );
    expect(lines).toHaveLength(caseEvents.length + 2);
    expect(lines[1]).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z {2}#0 +\S+ +opened ".+" at severity [123] by (web|phone)/,
    );
    expect(lines.at(-1)).toMatch(
      /^now (new|in-progress|awaiting-customer|resolved|closed|redirected), severity [123]; first response /,
    );
  }, 60_000);

  it('export writes a bundle whose events verify on their own, owner-only, and refuses to overwrite one', async () => {
    const caseId = caseStream.slice('case-'.length);
    const file = path.join(dataDir, 'bundle.jsonl');
    const exported = await cli(dataDir, 'export', caseId, '-o', file);
    expect(exported.code).toBe(0);
    // It holds internal notes and customers' emails: 0600 as the stores, whatever the umask.
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const [header, ...lines] = fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(header).toMatchObject({
      format: 'casetrail-audit-bundle',
      caseId,
      stream: caseStream,
      events: caseEvents.length,
      headHash: caseEvents.at(-1)!.metadata.hash,
      chain: { intact: true },
    });
    // The case's lines carry no stream (the header's); the policy archive's that follow name theirs.
    const caseLines = lines.filter((line) => line.stream === undefined);
    const fromBundle = caseLines.map((line) => ({ ...line, stream: caseStream }) as RecordedEvent);
    expect(verifyStreamChain(fromBundle)).toBeUndefined();
    expect(fromBundle.map((event) => event.id)).toEqual(caseEvents.map((event) => event.id));

    const again = await cli(dataDir, 'export', caseId, '-o', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  }, 60_000);

  it('export into a folder that does not exist names the folder and exits with 2', async () => {
    const caseId = caseStream.slice('case-'.length);
    const folder = path.join(dataDir, 'no-such-folder');
    const result = await cli(dataDir, 'export', caseId, '-o', path.join(folder, 'bundle.jsonl'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`The folder ${folder} does not exist`);
    expect(result.stderr).not.toContain('ENOENT');
  }, 60_000);

  it('token refuses to mint a token for something that is not an email address (the API would refuse it)', async () => {
    const refused = await cli(dataDir, 'token', '--email', 'notanemail');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('"notanemail" is not an email address');
    const minted = await cli(dataDir, 'token', '--email', 'jane@initech.example');
    expect(minted.code).toBe(0);
    expect(minted.stdout.trim().split('.')).toHaveLength(3);
  });
});

/** A copy of a data directory, to damage without disturbing the other tests. */
function copyOf(dataDir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-copy-'));
  for (const file of fs.readdirSync(dataDir)) {
    if (/\.sqlite(-wal|-shm)?$/.test(file) || file === 'auth-jwt-secret')
      fs.copyFileSync(path.join(dataDir, file), path.join(copy, file));
  }
  return copy;
}
