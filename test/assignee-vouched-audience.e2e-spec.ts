import { ProjectionRunner } from '@casetrail/readmodels';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

/**
 * Whether the records vouch for a case's assignee is the desk's judgement of people: the vendor's
 * staff read it on the case detail, the queue rows, the case-list rows and the escalations board
 * alike, and a customer's compliance auditor (auditor role, scoped to their accounts) on none of
 * them. Before, that auditor read it on the queue and case-list rows and the detail (the rule
 * there was "any staff role") but not on the board ("the vendor's staff").
 */
describe("who reads an assignee's vouching verdict", () => {
  let t: TestApp;
  let world: NotificationWorld;
  let caseId: string;
  const OUTSIDER = 'otto@outsider.example';

  beforeAll(async () => {
    t = await startTestApp();
    world = await new NotificationWorld(t).setUp('enterprise');
    caseId = await world.openCase('Invoices doubled');
    await appendLegacyAssignment(t, caseId, {
      engineer: OUTSIDER,
      by: PEOPLE.engineer.email,
      correlationId: `assigned-before-vouching-${caseId}`,
    });
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Orders stopped',
    });
  });
  afterAll(() => t.close());

  const readers = {
    engineer: () => t.token(PEOPLE.engineer.email, ['engineer'], 'Eve Engineer'),
    'vendor auditor': () => t.token('audrey@vendor.example', ['auditor'], 'Audrey Auditor'),
    "customer's compliance auditor": () =>
      mintToken(TEST_SECRET, {
        email: 'carl.compliance@acme.example',
        roles: ['auditor'],
        accounts: [world.accountId],
      }),
  };
  type Reader = keyof typeof readers;

  const get = async (reader: Reader, url: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${await readers[reader]()}` },
    });
    if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };

  const ofCase = (items: { id?: string; caseId?: string }[]) =>
    items.find((item) => (item.caseId ?? item.id) === caseId) as Record<string, unknown>;

  const places: [string, (reader: Reader) => Promise<Record<string, unknown>>][] = [
    ['case detail', (reader) => get(reader, `/v1/cases/${caseId}`)],
    ['queue row', async (reader) => ofCase((await get(reader, '/v1/queues/open?limit=200')).items)],
    ['case-list row', async (reader) => ofCase((await get(reader, '/v1/cases?limit=200')).items)],
    ['escalations board row', async (reader) => ofCase((await get(reader, '/v1/escalations')).items)],
  ];

  describe.each(places)('on the %s', (_place, read) => {
    it.each(['engineer', 'vendor auditor'] as const)('the %s reads the verdict and why', async (reader) => {
      const shown = await read(reader);
      expect(shown).toMatchObject({ assignee: OUTSIDER, assigneeVouched: false });
      expect(shown.assigneeNotVouchedReason).toContain(OUTSIDER);
    });

    it("a customer's compliance auditor reads the assignee, not the verdict", async () => {
      const shown = await read("customer's compliance auditor");
      expect(shown).toMatchObject({ assignee: OUTSIDER });
      expect(shown).not.toHaveProperty('assigneeVouched');
      expect(shown).not.toHaveProperty('assigneeNotVouchedReason');
    });
  });

  it("refuses a customer's compliance auditor the queues' assigneeVouched filter (403, naming it)", async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/v1/queues/open?assigneeVouched=false',
      headers: { authorization: `Bearer ${await readers["customer's compliance auditor"]()}` },
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toContain('assigneeVouched is a filter for');
  });
});
