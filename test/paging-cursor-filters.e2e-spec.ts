import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient } from './support/fixtures/api-client';
import type { SetupSteps } from './support/fixtures/setup-steps';
import type { TestApp } from './support/test-app';

/**
 * A page cursor belongs to the list that issued it: reused on another queue or under other
 * filters it would start that list part-way and silently skip its first items, so it is refused
 * (400 naming `cursor`). Pages of one queue asked moments apart, whose "now" differs, still chain.
 * One whose position was edited by hand (`v`, the last row's sort values) would answer some
 * arbitrary page, so it is refused too, while the cursor as issued still leads to the next page.
 */
describe('page cursors are bound to their query', () => {
  const MONDAY = '2026-03-02T09:00:00.000Z';
  const WEDNESDAY = '2026-03-04T09:00:00.000Z';
  let t: TestApp;
  let api: ApiClient;
  let engineer: string;
  let jane: string;
  let licenceId: string;
  let setup: SetupSteps;
  const breachingIds: string[] = [];

  const get = (url: string) => api.send({ method: 'GET', url }, engineer);
  const withCursor = (url: string, cursor: string) =>
    `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
  const editValues = (cursor: string, values: unknown[]) => {
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Buffer.from(JSON.stringify({ ...payload, v: values }), 'utf8').toString('base64url');
  };
  const expectCursorRefused = async (url: string) => {
    const response = await get(url);
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  };

  useAcmeWithJane((setting) => ({ t, api, setup, engineer, jane, licenceId } = setting));

  beforeAll(async () => {
    // Severity 2 first responses are due a business day later: Monday's cases breach by Wednesday.
    t.clock.set(MONDAY);
    for (let index = 0; index < 4; index++) breachingIds.push(await setup.openWebCase(licenceId, jane));
    t.clock.set(WEDNESDAY);
    for (let index = 0; index < 3; index++) await setup.openWebCase(licenceId, jane, 'Not yet due');
  });

  it('refuses a cursor from one queue on another queue, and under other severity or product filters', async () => {
    const open = await get('/v1/queues/open?limit=2');
    expect(open.status).toBe(200);
    const cursor = open.json().nextCursor as string;
    expect(cursor).toEqual(expect.any(String));

    await expectCursorRefused(withCursor('/v1/queues/breaching?limit=2', cursor));
    await expectCursorRefused(withCursor('/v1/queues/unassigned?limit=2', cursor));
    await expectCursorRefused(withCursor('/v1/queues/open?limit=2&severity=2', cursor));
    await expectCursorRefused(withCursor('/v1/queues/open?limit=2&product=Sitefinity', cursor));
    expect((await get(withCursor('/v1/queues/open?limit=2', cursor))).status).toBe(200);
  });

  it('chains the pages of one queue asked a moment apart, though its "now" moved', async () => {
    const first = await get('/v1/queues/breaching?limit=3');
    expect(first.status).toBe(200);
    t.clock.advance(1_000);
    const second = await get(withCursor('/v1/queues/breaching?limit=3', first.json().nextCursor));
    expect(second.status).toBe(200);
    expect(second.json().nextCursor).toBeUndefined();
    expect([...ids(first.json()), ...ids(second.json())].sort()).toEqual([...breachingIds].sort());
  });

  it('refuses a case-list cursor under another status or severity filter', async () => {
    const first = await get('/v1/cases?status=new&limit=2');
    expect(first.status).toBe(200);
    const cursor = first.json().nextCursor as string;
    await expectCursorRefused(withCursor('/v1/cases?limit=2', cursor));
    await expectCursorRefused(withCursor('/v1/cases?status=in-progress&limit=2', cursor));
    await expectCursorRefused(withCursor('/v1/cases?status=new&severity=2&limit=2', cursor));
    const next = await get(withCursor('/v1/cases?status=new&limit=2', cursor));
    expect(next.status).toBe(200);
    const seen = ids(first.json());
    expect(ids(next.json()).filter((id) => seen.includes(id))).toEqual([]);
  });

  for (const url of ['/v1/queues/open?limit=2', '/v1/cases?limit=2']) {
    it(`refuses ${url.split('?')[0]}'s cursor with its values changed, and pages on with the one it issued`, async () => {
      const first = await get(url);
      expect(first.status).toBe(200);
      const cursor = first.json().nextCursor as string;
      expect(cursor).toEqual(expect.any(String));
      const arity = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).v.length as number;

      await expectCursorRefused(
        withCursor(url, editValues(cursor, ['not a date', ...Array(arity - 1).fill('x')])),
      );
      await expectCursorRefused(withCursor(url, editValues(cursor, Array(arity).fill(null))));
      expect((await get(withCursor(url, cursor))).status).toBe(200);
    });
  }
});
