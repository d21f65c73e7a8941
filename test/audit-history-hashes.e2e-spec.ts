import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

interface Entry {
  id: string;
  stream: string;
  revision: number;
  type: string;
  time: string;
  data: unknown;
  metadata: Record<string, unknown>;
  hash: string;
  previousHash: string;
}

/**
 * An auditor recomputes every hash of a case's history from the history alone, following the
 * README's description (written here without the product's hashing code): SHA-256 of the previous
 * hash, a line feed and the RFC 8785 JSON of the event's content, its recorded time included when
 * `hashFormat` is 2. A customer can for every entry of a case where only they and staff acted, token
 * identities (`actorSubject`, `actorIssuer`) included, except an internal note, whose link still chains.
 * No position is needed for that: the customer's entries carry none (staff read them).
 */
describe("a case's history is enough to recompute its hash chain", () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let engineer: string;
  let customer: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const recomputed = (entry: Entry): string => {
    const content = {
      id: entry.id,
      stream: entry.stream,
      revision: entry.revision,
      type: entry.type,
      data: entry.data,
      metadata: entry.metadata,
      ...(entry.metadata.hashFormat === 2 ? { recordedAt: entry.time } : {}),
    };
    return createHash('sha256')
      .update(`${entry.previousHash}\n${canonicalize(content)}`)
      .digest('hex');
  };
  const historyAs = async (token: string): Promise<Entry[]> =>
    (
      await seeded.t.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/history`, headers: auth(token) })
    ).json().events;

  beforeAll(async () => {
    const { send, world } = seeded;
    [engineer, customer] = [world.engineerToken, world.customerToken];
    caseId = await openCase(send, world);
    const post = async (url: string, payload: object) =>
      expect((await send('POST', url, engineer, payload)).status).toBeLessThan(300);
    await post(`/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    // With an Idempotency-Key, as the console sends: its request hash must not reach customers.
    const note = await seeded.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: { authorization: `Bearer ${engineer}`, 'idempotency-key': 'note-1' },
      payload: { body: 'Their cache is off', internal: true },
    });
    expect(note.statusCode).toBe(201);
    await post(`/v1/cases/${caseId}/severity`, { severity: 2, reason: 'Worse than it looked' });
    expect((await send('POST', `/v1/cases/${caseId}/comments`, customer, { body: 'Thanks' })).status).toBe(
      201,
    );
  });

  it('for staff: every entry, each linked to the one before', async () => {
    const history = await historyAs(engineer);
    expect(history.length).toBeGreaterThanOrEqual(5);
    history.forEach((entry, index) => {
      expect(entry.stream).toBe(`case-${caseId}`);
      expect(entry.metadata.hashFormat).toBe(2);
      expect(entry.previousHash).toBe(index === 0 ? '0'.repeat(64) : history[index - 1].hash);
      expect(recomputed(entry)).toBe(entry.hash);
    });
  });

  it('for the customer: every entry but the internal note, whose link still chains', async () => {
    const history = await historyAs(customer);
    const note = history.find(
      (entry) => entry.type === 'CommentAdded' && (entry.data as { internal?: boolean }).internal,
    );
    expect(note).toBeDefined();
    expect(note!.data).not.toHaveProperty('body');
    expect(note!.metadata).not.toHaveProperty('requestHash');
    const staffNote = (await historyAs(engineer)).find((entry) => entry.id === note!.id)!;
    expect(staffNote.metadata.requestHash).toMatch(/^[0-9a-f]{64}$/);
    // The customer's own entries and the engineer's carry the token identity they were written with.
    const signed = history.filter((entry) => typeof entry.metadata.actorSubject === 'string');
    expect(signed.map((entry) => entry.metadata.actor)).toEqual(
      expect.arrayContaining([seeded.world.customerEmail, seeded.world.engineerEmail]),
    );
    history.forEach((entry, index) => {
      expect(entry.previousHash).toBe(index === 0 ? '0'.repeat(64) : history[index - 1].hash);
      if (entry === note) expect(recomputed(entry)).not.toBe(entry.hash);
      else expect(recomputed(entry)).toBe(entry.hash);
    });
  });

  // The chain needs no position (none is hashed): the customer checks it above without them. Their
  // gaps would count every other customer's events written meanwhile, so only staff read them.
  it("gives the desk-wide log positions to staff only, not to the customer's entries", async () => {
    const staff = await historyAs(engineer);
    const positions = staff.map((entry) => (entry as Entry & { position: number }).position);
    expect(positions.every((position) => Number.isInteger(position) && position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const customers = await historyAs(customer);
    expect(customers.map((entry) => entry.revision)).toEqual(staff.map((entry) => entry.revision));
    for (const entry of customers) expect(entry).not.toHaveProperty('position');
    const comment = customers.find((entry) => entry.type === 'CommentAdded')!;
    const location = await seeded.t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}/comments/${(comment.data as { commentId: string }).commentId}`,
      headers: auth(customer),
    });
    expect(location.statusCode).toBe(200);
    expect(location.body).not.toContain('"position"');
  });
});
