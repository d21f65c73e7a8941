import { ProjectionRunner } from '@casetrail/readmodels';
import { CustomerDirectory } from '../apps/api/src/accounts/customer-directory';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { startTestApp, type TestApp } from './support/test-app';

interface Row {
  id: string;
  assignee: string | null;
  assigneeVouched?: boolean;
  assigneeNotVouchedReason?: string;
}

/**
 * A duty manager scans the queues, not every case's detail: a case still assigned, from before the
 * vouching rules, to someone nothing vouches for as staff (whose mail is held back) must show on
 * its queue row as it does on the detail (`assigneeVouched: false`, and why), judged at the read,
 * each distinct assignee of the page looked up once.
 */
describe('queue rows and the case list tell staff an assignee nothing vouches for', () => {
  let t: TestApp;
  let world: NotificationWorld;
  const OUTSIDER = 'otto@outsider.example';
  let legacyA: string;
  let legacyB: string;
  let selfTaken: string;
  let unassigned: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new NotificationWorld(t).setUp('enterprise');
    legacyA = await world.openCase('Invoices doubled');
    legacyB = await world.openCase('Invoices doubled again');
    selfTaken = await world.openCase('Search index stale');
    unassigned = await world.openCase('Reports time out');
    for (const caseId of [legacyA, legacyB]) {
      await appendLegacyAssignment(t, caseId, {
        engineer: OUTSIDER,
        by: PEOPLE.engineer.email,
        correlationId: `assigned-before-vouching-${caseId}`,
      });
    }
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
    await world.call('engineer', 'POST', `/v1/cases/${selfTaken}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const rowsOf = async (url: string, person: 'engineer' | 'opener' = 'engineer'): Promise<Row[]> =>
    (await world.read(person, url)).items;
  const row = (rows: Row[], caseId: string) => rows.find((item) => item.id === caseId)!;

  it('flags the legacy assignee on the open queue, naming each case, and vouches for an engineer', async () => {
    const rows = await rowsOf('/v1/queues/open');
    for (const caseId of [legacyA, legacyB]) {
      expect(row(rows, caseId)).toMatchObject({ assignee: OUTSIDER, assigneeVouched: false });
      expect(row(rows, caseId).assigneeNotVouchedReason).toContain('is vouched for as staff by nothing');
      expect(row(rows, caseId).assigneeNotVouchedReason).toContain(`POST /v1/cases/${caseId}/assignment`);
    }
    expect(row(rows, selfTaken)).toMatchObject({ assignee: PEOPLE.engineer.email, assigneeVouched: true });
    expect(row(rows, selfTaken)).not.toHaveProperty('assigneeNotVouchedReason');
    // No assignee, nothing to judge.
    expect(row(rows, unassigned)).not.toHaveProperty('assigneeVouched');
  });

  it('judges the distinct assignees of a page once, all together', async () => {
    const judged = jest.spyOn(CustomerDirectory.prototype, 'assigneeStandings');
    const oneByOne = jest.spyOn(CustomerDirectory.prototype, 'standingOf');
    await rowsOf('/v1/queues/open');
    expect(judged.mock.calls.map(([emails]) => [...emails].sort())).toEqual([
      [PEOPLE.engineer.email, OUTSIDER],
    ]);
    expect(oneByOne).not.toHaveBeenCalled();
  });

  it("says the same on a team lead's view of the assignee's queue, on `mine`, and on the case list", async () => {
    const theirs = await rowsOf(`/v1/queues/open?assignee=${OUTSIDER}`);
    expect(theirs.map((item) => item.assigneeVouched)).toEqual([false, false]);
    expect(await rowsOf('/v1/queues/mine')).toEqual([
      expect.objectContaining({ id: selfTaken, assigneeVouched: true }),
    ]);
    const listed = await rowsOf('/v1/cases');
    expect(row(listed, legacyA)).toMatchObject({ assignee: OUTSIDER, assigneeVouched: false });
    expect(row(listed, selfTaken)).toMatchObject({ assigneeVouched: true });
  });

  it('tells customers who the assignee is, never the staff verdict on them', async () => {
    const listed = await rowsOf('/v1/cases', 'opener');
    expect(row(listed, legacyA)).toMatchObject({ assignee: OUTSIDER });
    for (const item of listed) {
      expect(item).not.toHaveProperty('assigneeVouched');
      expect(item).not.toHaveProperty('assigneeNotVouchedReason');
    }
  });
});
