import { mintToken } from '../apps/api/src/auth/token-minter';
import {
  allPages,
  OTHER_CSM,
  OUTSIDER,
  worldWithLegacyAssignees,
} from './support/notifications/legacy-assignees-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

interface Row {
  id: string;
  status: string;
  assignee: string | null;
  assigneeVouched?: boolean;
}

/**
 * The queues list the cases to reassign with `?assigneeVouched=false`; the case list takes the same
 * filter, with the same meaning and checks, over every case the caller may see, closed ones too,
 * latest opened first, its cursor bound to the value. Before, `GET /v1/cases?assigneeVouched=false`
 * was a 400 (an undeclared parameter).
 */
describe('GET /v1/cases?assigneeVouched=', () => {
  let t: TestApp;
  let world: NotificationWorld;
  let unvouched: string[] = [];
  let vouched: string[] = [];
  let closedUnvouched: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ world, vouched, unvouched } = await worldWithLegacyAssignees(t, [
      [OUTSIDER, 2, false],
      [PEOPLE.engineer.email, 3, true],
      [OTHER_CSM, 2, false],
      [PEOPLE.csm.email, 3, true],
      [OUTSIDER, 2, false],
    ]));
    // Closed while still assigned to the outsider: the list, unlike the queues, still holds it.
    closedUnvouched = unvouched[0];
    await world.call('engineer', 'POST', `/v1/cases/${closedUnvouched}/comments`, { body: 'Looking' });
    await world.call('engineer', 'POST', `/v1/cases/${closedUnvouched}/resolution`, { summary: 'Fixed' });
    await world.call('opener', 'POST', `/v1/cases/${closedUnvouched}/closure`);
  });
  afterAll(() => t.close());

  const getAs = async (token: string, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it.each([
    ['false', () => unvouched, false],
    ['true', () => vouched, true],
  ] as const)(
    'assigneeVouched=%s lists exactly those cases, closed ones too, latest first, across pages',
    async (value, expected, flag) => {
      const whole = (await world.read('engineer', '/v1/cases?limit=200')).items as Row[];
      const inListOrder = whole.filter((row) => row.assigneeVouched === flag).map((row) => row.id);
      expect([...inListOrder].sort()).toEqual([...expected()].sort());

      const { rows, pages } = await allPages<Row>(world, `/v1/cases?assigneeVouched=${value}`, 1);
      expect(pages).toBeGreaterThan(1);
      expect(rows.map((row) => row.id)).toEqual(inListOrder);
      for (const row of rows) expect(row.assigneeVouched).toBe(flag);
    },
  );

  it('keeps the closed case, and narrows with the other filters', async () => {
    const closed = await world.read('engineer', '/v1/cases?assigneeVouched=false&status=closed');
    expect(closed.items.map((row: Row) => row.id)).toEqual([closedUnvouched]);
    const severe = await world.read('engineer', '/v1/cases?assigneeVouched=true&severity=3');
    expect(severe.items.map((row: Row) => row.assignee).sort()).toEqual(
      [PEOPLE.csm.email, PEOPLE.engineer.email].sort(),
    );
  });

  it("gives a CSM the cases of their accounts (another account's CSM judged per account)", async () => {
    const { rows } = await allPages<Row>(world, '/v1/cases?assigneeVouched=false', 1, 'csm');
    expect(rows.map((row) => row.id).sort()).toEqual([...unvouched].sort());
  });

  it.each(['maybe', 'FALSE', '0', ''])(
    'refuses assigneeVouched=%s with 400 naming the field',
    async (value) => {
      const response = await world.get('engineer', `/v1/cases?assigneeVouched=${value}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual([
        { field: 'assigneeVouched', message: 'assigneeVouched must be true or false' },
      ]);
    },
  );

  it("refuses it to a customer and to a customer's compliance auditor (403, naming it)", async () => {
    const auditor = await mintToken(TEST_SECRET, {
      email: 'carl.compliance@acme.example',
      roles: ['auditor'],
      accounts: [world.accountId],
    });
    for (const response of [
      await world.get('opener', '/v1/cases?assigneeVouched=false'),
      await getAs(auditor, '/v1/cases?assigneeVouched=false'),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toContain('assigneeVouched is a filter for');
    }
  });

  it('refuses a cursor taken under another value (400 naming cursor)', async () => {
    const first = await world.read('engineer', '/v1/cases?assigneeVouched=false&limit=1');
    const cursor = encodeURIComponent(first.nextCursor);
    for (const other of ['&assigneeVouched=true', '']) {
      const response = await world.get('engineer', `/v1/cases?limit=1${other}&cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });
});
