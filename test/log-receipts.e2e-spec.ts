import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import canonicalize from 'canonicalize';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { editAndRechain } from './support/rechained-edit';
import { cli } from './support/run-cli';

interface Receipt {
  format: string;
  events: number;
  position: number;
  digest: string;
  checkpoints: { events: number; position: number; digest: string }[];
}

/**
 * `casetrail receipt` and `check-receipt`: a digest of the whole log kept outside Casetrail shows
 * changes the hash chains cannot, such as an event edited and its stream's chain computed again.
 * The history comes from `demo-data`; each tampering works on its own copy of the folder.
 */
describe('log receipts', () => {
  let base: string;
  let receiptFile: string;
  let receipt: Receipt;
  const copies: string[] = [];

  const copyOfBase = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-receipt-copy-'));
    for (const file of fs.readdirSync(base)) fs.copyFileSync(path.join(base, file), path.join(dir, file));
    copies.push(dir);
    return dir;
  };
  const withDb = <T>(dir: string, work: (db: Database.Database) => T): T => {
    const db = new Database(path.join(dir, 'events.sqlite'));
    try {
      return work(db);
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-receipt-'));
    const demo = await cli(base, 'demo-data', '--cases', '200', '--days', '15', '--seed', '11');
    expect(demo.code).toBe(0);
    expect((await cli(base, 'rebuild')).code).toBe(0);
    const issued = await cli(base, 'receipt', '--every', '500');
    expect(issued.code).toBe(0);
    receipt = JSON.parse(issued.stdout) as Receipt;
    receiptFile = path.join(base, '..', `${path.basename(base)}-receipt.json`);
    fs.writeFileSync(receiptFile, issued.stdout);
  }, 120_000);

  afterAll(() => {
    for (const dir of [base, ...copies]) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(receiptFile, { force: true });
  });

  it('records the digest an auditor can compute with their own tools, at every checkpoint and the head', () => {
    const rows = withDb(base, (db) => db.prepare('SELECT * FROM events ORDER BY position').all()) as Record<
      string,
      string | number
    >[];
    const hash = createHash('sha256');
    const expected: Receipt['checkpoints'] = [];
    rows.forEach((row, index) => {
      const record = {
        position: row.position,
        stream: row.stream,
        revision: row.revision,
        id: row.id,
        type: row.type,
        recordedAt: row.recorded_at,
        data: JSON.parse(row.data as string),
        metadata: JSON.parse(row.metadata as string),
      };
      hash.update(`${canonicalize(record)}\n`);
      const events = index + 1;
      if (events % 500 === 0 || events === rows.length) {
        expected.push({ events, position: row.position as number, digest: hash.copy().digest('hex') });
      }
    });
    expect(receipt.format).toBe('casetrail-log-receipt/1');
    expect(receipt.checkpoints).toEqual(expected);
    expect(receipt).toMatchObject(expected[expected.length - 1]);
    expect(receipt.events).toBe(rows.length);
  });

  it('finds the log intact, and says so again once events were appended after the receipt', async () => {
    expect(await cli(base, 'check-receipt', receiptFile)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Intact: the log's first ${receipt.events} events`),
    });
    const dir = copyOfBase();
    const store = openSqliteEventStore(path.join(dir, 'events.sqlite'));
    await store.append(
      `account-${randomUUID()}`,
      [
        {
          type: 'AccountRegistered',
          data: { accountId: randomUUID(), name: 'Later', timeZone: 'UTC', at: new Date().toISOString() },
          metadata: { actor: 'admin@vendor.example', correlationId: randomUUID(), schemaVersion: 1 },
        },
      ],
      'no-stream',
    );
    await store.close();
    const checked = await cli(dir, 'check-receipt', receiptFile);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`The log has gone on since, to position ${receipt.position + 1}`);
  });

  it('names the stretch where a comment was edited and its chain computed again, which verify cannot see', async () => {
    const dir = copyOfBase();
    // A customer's comment in the middle of the log.
    const comment = withDb(dir, (db) =>
      db
        .prepare(
          `SELECT stream, revision, position FROM events WHERE type = 'CommentAdded' AND position > ? ORDER BY position LIMIT 1`,
        )
        .get(receipt.checkpoints[1].position),
    ) as { stream: string; revision: number; position: number };
    withDb(dir, (db) =>
      editAndRechain(db, comment.stream, comment.revision, (data) => ({
        ...data,
        body: 'Nothing is wrong.',
      })),
    );

    const verify = await cli(dir, 'verify');
    expect(verify.code).toBe(0);

    const checked = await cli(dir, 'check-receipt', receiptFile);
    expect(checked.code).toBe(1);
    const within = receipt.checkpoints.findIndex((mark) => mark.position >= comment.position);
    const before = receipt.checkpoints[within - 1];
    expect(checked.stdout).toContain(
      `CHANGED: the log differs from the receipt issued at ${JSON.parse(fs.readFileSync(receiptFile, 'utf8')).issuedAt} within events ${before.events + 1} to ${receipt.checkpoints[within].events}`,
    );
    expect(checked.stdout).toContain(
      `Everything up to event ${before.events} (position ${before.position}) still matches`,
    );

    const json = await cli(dir, 'check-receipt', receiptFile, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      intact: false,
      kind: 'differs',
      matchedUpTo: before,
      expected: receipt.checkpoints[within],
      receipt: { events: receipt.events, digest: receipt.digest },
    });
  });

  it("reports events removed from the log's end, which leave every chain whole", async () => {
    const dir = copyOfBase();
    withDb(dir, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(receipt.position));
    const checked = await cli(dir, 'check-receipt', receiptFile);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(
      `The log now holds ${receipt.events - 1} events; the receipt recorded ${receipt.events}`,
    );
  });

  it('names a stored event that cannot be read any more as a change in its stretch', async () => {
    const dir = copyOfBase();
    const garbled = receipt.checkpoints[0].position + 1;
    withDb(dir, (db) => db.prepare(`UPDATE events SET data = '{"cut' WHERE position = ?`).run(garbled));
    const checked = await cli(dir, 'check-receipt', receiptFile);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`within events ${receipt.checkpoints[0].events + 1} to`);
    expect(checked.stdout).toMatch(
      new RegExp(`\\(position ${garbled}\\) cannot be read any more: its data is not valid JSON`),
    );
    // And no new receipt is made over it: exit 2, naming it.
    const issued = await cli(dir, 'receipt');
    expect(issued.code).toBe(2);
    expect(issued.stderr).toContain(`(position ${garbled}) cannot be read`);
  });

  it('refuses a damaged receipt or a missing one with exit 2, naming what is wrong', async () => {
    const damaged = path.join(copyOfBase(), 'damaged.json');
    const tampered = {
      ...receipt,
      checkpoints: receipt.checkpoints.map((mark) => ({ ...mark, digest: 'x' })),
    };
    fs.writeFileSync(damaged, JSON.stringify(tampered));
    expect(await cli(base, 'check-receipt', damaged)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('checkpoints[0]: "digest" must be 64 lowercase hex digits'),
    });
    expect(await cli(base, 'check-receipt', path.join(base, 'no-such-receipt.json'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Cannot read the receipt'),
    });
    const json = await cli(base, 'check-receipt', path.join(base, 'no-such-receipt.json'), '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: null, exitCode: 2 });

    // A checkpoint damaged in the file while the log matches the receipt's head: the receipt is wrong.
    const inconsistent = path.join(path.dirname(damaged), 'inconsistent.json');
    const checkpoints = receipt.checkpoints.map((mark, index) =>
      index === 0 ? { ...mark, digest: '0'.repeat(64) } : mark,
    );
    fs.writeFileSync(inconsistent, JSON.stringify({ ...receipt, checkpoints }));
    expect(await cli(base, 'check-receipt', inconsistent)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('contradicts itself'),
    });
  });
});
