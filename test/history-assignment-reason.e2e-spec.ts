import { mintToken } from '../apps/api/src/auth/token-minter';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { TEST_SECRET } from './support/test-app';

interface Entry {
  type: string;
  actor: string;
  reason?: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  hash: string;
  previousHash: string;
}

const JUDGEMENT = 'Customer is difficult; needs a senior';
const SENIOR = 'sol.senior@vendor.example';
const SHAREE = 'sam@partner.example';

/**
 * Why an engineer assigned a case is staff-only, like an internal note's text: the reassignment mail
 * carrying it goes to staff alone. Customers (the opener, a sharee from another company) read that
 * the case was assigned, to whom and by whom, with the reason withheld (`data.redacted`) and the entry
 * still in the hash chain; no answer they get carries the reason. Staff and auditors read it whole.
 */
describe("an assignment's reason is withheld from customers", () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let commentId: string;
  let senior: string;
  let sharee: string;
  let auditor: string;

  const get = async (token: string, url: string) => {
    const answer = await seeded.t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.statusCode).toBe(200);
    return answer.json();
  };
  const historyOf = async (token: string): Promise<Entry[]> =>
    (await get(token, `/v1/cases/${caseId}/history`)).events;
  const assignments = async (token: string) =>
    (await historyOf(token)).filter((entry) => entry.type === 'EngineerAssigned');

  beforeAll(async () => {
    const { send, world } = seeded;
    senior = await mintToken(TEST_SECRET, { email: SENIOR, roles: ['engineer'], name: 'Sol Senior' });
    sharee = await mintToken(TEST_SECRET, { email: SHAREE, name: 'Sam Partner' });
    auditor = await mintToken(TEST_SECRET, { email: 'audra@vendor.example', roles: ['auditor'] });
    caseId = await openCase(send, world);
    const expectOk = async (answer: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await answer;
      expect(status).toBeLessThan(300);
      return body;
    };
    await expectOk(
      send('POST', `/v1/cases/${caseId}/shares`, world.customerToken, { email: SHAREE, name: 'Sam' }),
    );
    await expectOk(
      send('POST', `/v1/cases/${caseId}/assignment`, world.engineerToken, {
        engineer: world.engineerEmail,
        reason: 'first',
      }),
    );
    // With an Idempotency-Key, as the console sends: its request hash would confirm a guess at the reason.
    const reassigned = await seeded.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/assignment`,
      headers: { authorization: `Bearer ${senior}`, 'idempotency-key': 'take-over-1' },
      payload: { engineer: SENIOR, reason: JUDGEMENT },
    });
    expect(reassigned.statusCode).toBeLessThan(300);
    await expectOk(send('POST', `/v1/cases/${caseId}/comments`, senior, { body: 'I am on it' }));
    const comment = (await historyOf(senior)).find((entry) => entry.type === 'CommentAdded')!;
    commentId = comment.data.commentId as string;
  });

  it('shows staff and auditors the reason, in the entry, its data and its metadata', async () => {
    for (const token of [seeded.world.engineerToken, auditor]) {
      const [first, second] = await assignments(token);
      expect(first).toMatchObject({ reason: 'first', data: { reason: 'first' } });
      expect(second).toMatchObject({
        actor: SENIOR,
        reason: JUDGEMENT,
        data: { engineer: SENIOR, previousEngineer: seeded.world.engineerEmail, reason: JUDGEMENT },
        metadata: { reason: JUDGEMENT },
      });
      expect(second.metadata.requestHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('shows customers the assignment, to whom and by whom, with its reason withheld and its link chained', async () => {
    for (const token of [seeded.world.customerToken, sharee]) {
      const history = await historyOf(token);
      const [, second] = history.filter((entry) => entry.type === 'EngineerAssigned');
      expect(second).toMatchObject({
        actor: SENIOR,
        data: {
          engineer: SENIOR,
          previousEngineer: seeded.world.engineerEmail,
          redacted: 'assignment reason',
        },
      });
      expect(second).not.toHaveProperty('reason');
      expect(second.data).not.toHaveProperty('reason');
      expect(second.metadata).not.toHaveProperty('reason');
      expect(second.metadata).not.toHaveProperty('requestHash');
      history.forEach((entry, index) => {
        expect(entry.previousHash).toBe(index === 0 ? '0'.repeat(64) : history[index - 1].hash);
      });
    }
  });

  it('gives customers the reason in no answer they read: detail, as-of, history, list, comment', async () => {
    const asOf = new Date(Date.now()).toISOString();
    const urls = [
      `/v1/cases/${caseId}`,
      `/v1/cases/${caseId}?asOf=${encodeURIComponent(asOf)}`,
      `/v1/cases/${caseId}/history`,
      `/v1/cases`,
      `/v1/cases/${caseId}/comments/${commentId}`,
    ];
    for (const token of [seeded.world.customerToken, sharee]) {
      for (const url of urls) {
        const answer = JSON.stringify(await get(token, url));
        expect({ url, leaks: answer.includes('needs a senior') }).toEqual({ url, leaks: false });
        expect({ url, leaks: answer.includes('"first"') }).toEqual({ url, leaks: false });
      }
    }
    const detail = await get(seeded.world.customerToken, `/v1/cases/${caseId}`);
    expect(detail.assignee).toBe(SENIOR);
  });
});
