import { CustomerDirectory } from '../apps/api/src/accounts/customer-directory';
import {
  allPages,
  OTHER_CSM,
  OUTSIDER,
  worldWithLegacyAssignees,
} from './support/notifications/legacy-assignees-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import { startTestApp, type TestApp } from './support/test-app';

interface Row {
  id: string;
  assignee: string | null;
  assigneeVouched?: boolean;
}

/**
 * A duty manager looking for the cases to reassign (assigned before the vouching rules to someone
 * nothing vouches for, their mail held back) asks the queue for them, `assigneeVouched=false`,
 * rather than paging through every open case: the queue's own order and cursor paging, the rows
 * judged as each row's `assigneeVouched` says (an outsider; another account's CSM, who is vouched
 * for only on their own accounts' cases).
 */
describe('the queues filter on whether anything vouches for the assignee', () => {
  let t: TestApp;
  let world: NotificationWorld;
  let unvouched: string[] = [];
  let vouched: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    // Severities mixed, so the queue's order is not the order they were opened in.
    ({ world, vouched, unvouched } = await worldWithLegacyAssignees(t, [
      [OUTSIDER, 3, false],
      [PEOPLE.engineer.email, 3, true],
      [OTHER_CSM, 2, false],
      [PEOPLE.csm.email, 3, true],
      [OUTSIDER, 2, false],
      [PEOPLE.engineer.email, 2, true],
      [OUTSIDER, 3, false],
    ]));
  });
  afterAll(() => t.close());

  it.each([
    ['false', () => unvouched, false],
    ['true', () => vouched, true],
  ] as const)(
    'assigneeVouched=%s lists exactly those cases, in the queue order, across pages',
    async (value, expected, flag) => {
      const whole = (await world.read('engineer', '/v1/queues/open?limit=200')).items as Row[];
      const inQueueOrder = whole.filter((row) => row.assigneeVouched === flag).map((row) => row.id);
      expect([...inQueueOrder].sort()).toEqual([...expected()].sort());

      const { rows, pages } = await allPages<Row>(world, `/v1/queues/open?assigneeVouched=${value}`, 2);
      expect(pages).toBeGreaterThan(1);
      expect(rows.map((row) => row.id)).toEqual(inQueueOrder);
      for (const row of rows) expect(row.assigneeVouched).toBe(flag);
    },
  );

  it('judges the assignees once for the filter and the rows alike', async () => {
    const judged = jest.spyOn(CustomerDirectory.prototype, 'assigneeStandings');
    try {
      await world.read('engineer', '/v1/queues/open?assigneeVouched=false');
      expect(judged).toHaveBeenCalledTimes(1);
    } finally {
      judged.mockRestore();
    }
  });

  it("gives a CSM the same cases, of their accounts, and narrows the other filters' queues", async () => {
    const { rows } = await allPages<Row>(world, '/v1/queues/open?assigneeVouched=false', 3, 'csm');
    expect(rows.map((row) => row.id).sort()).toEqual([...unvouched].sort());
    const outsiders = await world.read(
      'engineer',
      `/v1/queues/open?assigneeVouched=false&assignee=${OUTSIDER}`,
    );
    expect(outsiders.items).toHaveLength(3);
    const severe = await world.read('engineer', '/v1/queues/open?assigneeVouched=false&severity=2');
    expect(severe.items.map((row: Row) => row.assignee).sort()).toEqual([OTHER_CSM, OUTSIDER].sort());
    expect((await world.read('engineer', '/v1/queues/unassigned?assigneeVouched=false')).items).toEqual([]);
  });

  it.each(['maybe', 'FALSE', '0'])('refuses assigneeVouched=%s with 400 naming the field', async (value) => {
    const response = await world.get('engineer', `/v1/queues/open?assigneeVouched=${value}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'assigneeVouched', message: 'assigneeVouched must be true or false' },
    ]);
  });

  it('refuses it to a customer, naming it', async () => {
    const response = await world.get('opener', '/v1/queues/open?assigneeVouched=false');
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toContain('assigneeVouched is a staff-only filter');
  });
});
