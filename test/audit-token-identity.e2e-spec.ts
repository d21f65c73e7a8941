import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { injectRequester, openCase, seedWorld, SEED_PEOPLE, type SeededWorld } from './support/fault/seed';
import { tempDir } from './support/fault/temp-dir';
import { cli } from './support/run-cli';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

interface Entry {
  id: string;
  data: unknown;
  type: string;
  actor: string;
  actorSubject?: string;
  actorIssuer?: string;
  metadata: Record<string, unknown>;
  verified?: boolean;
}

const SUBJECT = 'idp|00u7f3-jane';
const ISSUER = 'https://login.acme.example/';

/**
 * Rights follow a token's email claim, so two identities can act under one address. Every event
 * written for a caller records the token's `sub` (and `iss`), covered by the hash chain as the rest of
 * its metadata: staff and auditors read them in the history and in `export` bundles, customers do
 * not. A log mixing events written before (without them) and after still verifies, and editing a
 * recorded subject breaks the chain.
 */
describe("events record the caller's token subject and issuer for auditors", () => {
  const dir = tempDir('token-identity');
  let t: TestApp;
  let world: SeededWorld;
  let caseId: string;
  let auditor: string;
  const send = injectRequester(() => t.app);
  const historyAs = async (token: string): Promise<Entry[]> => {
    const answer = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}/history`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.statusCode).toBe(200);
    return answer.json().events;
  };
  /** The entry of the comment with this text (`Written before` the change, or `Written now`). */
  const commentEntry = <E extends { data: unknown }>(history: E[], body: string): E =>
    history.find((entry) => (entry.data as { body?: string }).body === body)!;

  beforeAll(async () => {
    t = await startTestApp({ env: { DATA_DIR: dir.path } });
    world = await seedWorld(send);
    auditor = await mintToken(TEST_SECRET, { email: 'audra@vendor.example', roles: ['auditor'] });
    caseId = await openCase(send, world);

    // A comment as events were written before subjects were recorded: no actorSubject, no actorIssuer.
    const stream = `case-${caseId}`;
    const [last] = await t.runtime.storage.eventStore.readStream(stream, {
      direction: 'backwards',
      maxCount: 1,
    });
    await t.runtime.storage.eventStore.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'CommentAdded',
          data: {
            caseId,
            at: t.clock.now().toISOString(),
            by: SEED_PEOPLE.customer,
            commentId: randomUUID(),
            body: 'Written before',
            internal: false,
            byStaff: false,
          },
          metadata: {
            actor: SEED_PEOPLE.customer,
            actorRoles: [],
            correlationId: randomUUID(),
            schemaVersion: 1,
          },
        },
      ],
      last.revision,
    );

    // Jane again, through an identity provider that names her subject and itself.
    const fromProvider = await new SignJWT({ email: SEED_PEOPLE.customer, name: 'Jane Doe' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(SUBJECT)
      .setIssuer(ISSUER)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_SECRET));
    const comment = await send('POST', `/v1/cases/${caseId}/comments`, fromProvider, { body: 'Written now' });
    expect(comment.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    dir.remove();
  });

  it("shows auditors and staff each event's token subject and issuer, by name and in the hashed metadata", async () => {
    for (const token of [auditor, world.engineerToken]) {
      const history = await historyAs(token);
      const written = commentEntry(history, 'Written now');
      expect(written).toMatchObject({
        actor: SEED_PEOPLE.customer,
        actorSubject: SUBJECT,
        actorIssuer: ISSUER,
        metadata: { actorSubject: SUBJECT, actorIssuer: ISSUER },
      });
      // A token minted by `casetrail token` names its email as subject and no issuer.
      const opened = history.find((entry) => entry.type === 'CaseOpened')!;
      expect(opened.actorSubject).toBe(SEED_PEOPLE.customer);
      expect(opened).not.toHaveProperty('actorIssuer');
      const before = commentEntry(history, 'Written before');
      expect(before).not.toHaveProperty('actorSubject');
      expect(before.metadata).not.toHaveProperty('actorSubject');
      expect(history.every((entry) => entry.verified === true)).toBe(true);
    }
  });

  it('withholds them from customers, on every entry', async () => {
    const history = await historyAs(world.customerToken);
    for (const entry of history) {
      expect(entry).not.toHaveProperty('actorSubject');
      expect(entry).not.toHaveProperty('actorIssuer');
      expect(entry.metadata).not.toHaveProperty('actorSubject');
      expect(entry.metadata).not.toHaveProperty('actorIssuer');
    }
    expect(commentEntry(history, 'Written now').actor).toBe(SEED_PEOPLE.customer);
  });

  it('verify and export accept the log mixing events without them and with them; the bundle carries them', async () => {
    const integrity = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}/integrity`,
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(integrity.json()).toMatchObject({ valid: true });
    await t.close();

    const verify = await cli(dir.path, 'verify');
    expect(verify.code).toBe(0);
    const exported = await cli(dir.path, 'export', caseId, '-o', '-');
    expect(exported.code).toBe(0);
    const [header, ...lines] = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { data: unknown; metadata: Record<string, unknown> });
    expect(header).toMatchObject({ chain: { intact: true } });
    expect(commentEntry(lines, 'Written now').metadata).toMatchObject({
      actorSubject: SUBJECT,
      actorIssuer: ISSUER,
    });
    expect(commentEntry(lines, 'Written before').metadata).not.toHaveProperty('actorSubject');
  }, 60_000);

  it('breaks the chain when a recorded subject is edited', async () => {
    const db = new Database(path.join(dir.path, 'events.sqlite'));
    try {
      const row = db
        .prepare(
          `SELECT id, metadata FROM events WHERE stream = ? AND json_extract(metadata, '$.actorSubject') = ?`,
        )
        .get(`case-${caseId}`, SUBJECT) as { id: string; metadata: string };
      const metadata = { ...JSON.parse(row.metadata), actorSubject: 'idp|someone-else' };
      db.prepare(`UPDATE events SET metadata = ? WHERE id = ?`).run(JSON.stringify(metadata), row.id);
    } finally {
      db.close();
    }
    const verify = await cli(dir.path, 'verify');
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`case-${caseId}`);
  }, 60_000);
});
