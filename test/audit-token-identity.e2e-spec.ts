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
/** A person from another company the case is shared with; their IdP subject is a global id. */
const SHAREE = 'sam@partner.example';
const SHAREE_SUBJECT = 'google|104729384756';
const SHAREE_ISSUER = 'https://accounts.google.example';

/**
 * Rights follow a token's email claim, so two identities can act under one address. Every event
 * written for a caller records the token's `sub` (and `iss`), covered by the hash chain as the rest of
 * its metadata: staff and auditors read them in the history and in `export` bundles; a customer reads
 * them on staff's entries and their own, not on another customer's. A log mixing events written before (without them) and after still verifies, and editing a
 * recorded subject breaks the chain.
 */
describe("events record the caller's token subject and issuer for auditors", () => {
  const dir = tempDir('token-identity');
  let t: TestApp;
  let world: SeededWorld;
  let caseId: string;
  let auditor: string;
  let sharee: string;
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
    const engineerReply = await send('POST', `/v1/cases/${caseId}/comments`, world.engineerToken, {
      body: 'Written by staff',
    });
    expect(engineerReply.status).toBe(201);

    // Sam, from another company, is let in by a share and comments with a token from his own provider.
    const share = await send('POST', `/v1/cases/${caseId}/shares`, world.customerToken, {
      email: SHAREE,
      name: 'Sam',
    });
    expect(share.status).toBe(201);
    const samToken = await new SignJWT({ email: SHAREE, name: 'Sam Partner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(SHAREE_SUBJECT)
      .setIssuer(SHAREE_ISSUER)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_SECRET));
    sharee = samToken;
    const samComment = await send('POST', `/v1/cases/${caseId}/comments`, samToken, {
      body: 'Written by Sam',
    });
    expect(samComment.status).toBe(201);
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

  it("shows a customer those of staff's entries and of their own, withholds another customer's", async () => {
    const history = await historyAs(world.customerToken);
    expect(commentEntry(history, 'Written now')).toMatchObject({
      actor: SEED_PEOPLE.customer,
      actorSubject: SUBJECT,
      actorIssuer: ISSUER,
      metadata: { actorSubject: SUBJECT, actorIssuer: ISSUER },
    });
    expect(history.find((entry) => entry.type === 'CaseOpened')!.actorSubject).toBe(SEED_PEOPLE.customer);
    const staffReply = commentEntry(history, 'Written by staff');
    expect(staffReply.actorSubject).toBe(SEED_PEOPLE.engineer);
    expect(staffReply.metadata.actorSubject).toBe(SEED_PEOPLE.engineer);
    const samsComment = commentEntry(history, 'Written by Sam');
    expect(samsComment.actor).toBe(SHAREE);
    for (const field of ['actorSubject', 'actorIssuer']) {
      expect(samsComment).not.toHaveProperty(field);
      expect(samsComment.metadata).not.toHaveProperty(field);
    }
    expect(JSON.stringify(history)).not.toContain(SHAREE_SUBJECT);
    expect(JSON.stringify(history)).not.toContain(SHAREE_ISSUER);
  });

  it("shows the sharee their own and staff's, not those of the case's customer", async () => {
    const history = await historyAs(sharee);
    expect(commentEntry(history, 'Written by Sam')).toMatchObject({
      actorSubject: SHAREE_SUBJECT,
      actorIssuer: SHAREE_ISSUER,
    });
    expect(commentEntry(history, 'Written by staff').actorSubject).toBe(SEED_PEOPLE.engineer);
    const janes = commentEntry(history, 'Written now');
    expect(janes).not.toHaveProperty('actorSubject');
    expect(janes.metadata).not.toHaveProperty('actorIssuer');
    expect(JSON.stringify(history)).not.toContain(SUBJECT);
    expect(JSON.stringify(history)).not.toContain(ISSUER);
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
