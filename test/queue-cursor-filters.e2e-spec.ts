import { ProjectionRunner } from '@casetrail/readmodels';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A queue's cursor is a position in one query: continued under another `assigneeVouched` (which
 * the queue carries as alternatives, not as a plain condition) it answered some page of the other
 * list, skipping or repeating cases without a word. It now carries the filter's value, and another
 * value (or none) is a 400 naming `cursor`.
 */
describe('a queue cursor is bound to the assigneeVouched filter it was taken with', () => {
  let t: TestApp;
  let world: NotificationWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new NotificationWorld(t).setUp('enterprise');
    const assignees = ['otto@outsider.example', PEOPLE.engineer.email];
    for (const [index, engineer] of [...assignees, ...assignees].entries()) {
      const caseId = await world.openCase(`Case ${index}`, 2 + (index % 2));
      await appendLegacyAssignment(t, caseId, {
        engineer,
        by: PEOPLE.engineer.email,
        correlationId: `a-${caseId}`,
      });
    }
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
  });
  afterAll(() => t.close());

  const get = async (url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${await t.token(PEOPLE.engineer.email, ['engineer'])}` },
    });

  const firstPageCursor = async (filter: string) => {
    const page = await get(`/v1/queues/open?limit=1${filter}`);
    expect(page.statusCode).toBe(200);
    return encodeURIComponent(page.json().nextCursor as string);
  };

  it('continues the list it was taken from', async () => {
    const cursor = await firstPageCursor('&assigneeVouched=false');
    const next = await get(`/v1/queues/open?limit=1&assigneeVouched=false&cursor=${cursor}`);
    expect(next.statusCode).toBe(200);
    expect(next.json().items[0].assigneeVouched).toBe(false);
  });

  it.each([
    ['assigneeVouched=false', '&assigneeVouched=true'],
    ['assigneeVouched=false', ''],
    ['assigneeVouched=true', '&assigneeVouched=false'],
    ['', '&assigneeVouched=false'],
  ])('refuses a cursor taken with "%s" continued with "%s" (400 naming cursor)', async (taken, used) => {
    const cursor = await firstPageCursor(taken ? `&${taken}` : '');
    const response = await get(`/v1/queues/open?limit=1${used}&cursor=${cursor}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    expect(response.json().detail).toContain('other filters');
  });
});
