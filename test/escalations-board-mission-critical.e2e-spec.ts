import { ProjectionRunner } from '@casetrail/readmodels';
import { encodeCursor } from '@casetrail/readmodels/documents/keyset-cursor';
import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

interface BoardItem {
  id: string;
  caseId: string;
  missionCritical: boolean;
  nextDue: string | null;
  nextDueAt: string | null;
}

/**
 * DOMAIN.md: a Mission Critical account's cases "have the highest priority in every queue". The
 * escalations board is the list engineers and CSMs work escalations from, so its open and overdue
 * views list Mission Critical escalations first, then by what is owed soonest (an acknowledgement
 * or the next status update), as the case queues do; the history (`state=all`) stays latest first.
 *
 * Monday 2026-03-02, default calendar: an acknowledgement is due one business hour after the
 * escalation, a status update one business day after the acknowledgement.
 *  - G1 (Globex, enterprise) escalated 09:10: acknowledgement due 10:10, the soonest of all;
 *  - A1 (Acme, Mission Critical) escalated 09:20: acknowledgement due 10:20;
 *  - A2 (Acme, Mission Critical) escalated 09:30, acknowledged 09:40: status update due Tuesday;
 *  - G2 (Globex, enterprise) escalated 09:50: acknowledgement due 10:50.
 */
describe('Escalations board: Mission Critical escalations first', () => {
  let t: TestApp;
  let api: ApiClient;
  const tokens: Record<'admin' | 'engineer', string> = {} as never;
  const cases: Record<'A1' | 'A2' | 'G1' | 'G2', string> = {} as never;

  const board = async (query: string): Promise<{ items: BoardItem[]; nextCursor?: string }> =>
    (await api.expect(200, { method: 'GET', url: `/v1/escalations?${query}` }, tokens.engineer)).json();
  const names = (items: BoardItem[]) =>
    items.map((item) => Object.entries(cases).find(([, id]) => id === item.caseId)![0]);
  const at = (time: string) => t.clock.set(`2026-03-02T${time}:00.000Z`);

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    tokens.admin = await t.token('admin@vendor.example', ['admin']);
    tokens.engineer = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    const jane = await t.token('jane@acme.example', [], 'Jane');
    const bob = await t.token('bob@globex.example', [], 'Bob');
    const setup = new SetupSteps(api, tokens.admin, tokens.engineer);

    const acme = await setup.registerAccount('Acme');
    await setup.assignCsm(acme, 'carla@vendor.example');
    const acmeLicence = await setup.issueLicence(acme, {
      plan: 'mission-critical',
      holderEmail: 'jane@acme.example',
    });
    await setup.addLicensedUser(acmeLicence, 'jane@acme.example', undefined, jane);
    const globex = await setup.registerAccount('Globex');
    const globexLicence = await setup.issueLicence(globex, {
      plan: 'enterprise',
      holderEmail: 'bob@globex.example',
    });
    await setup.addLicensedUser(globexLicence, 'bob@globex.example', undefined, bob);

    at('09:00');
    cases.A1 = await setup.openWebCase(acmeLicence, jane, 'A1: Checkout fails');
    cases.A2 = await setup.openWebCase(acmeLicence, jane, 'A2: Search is slow');
    cases.G1 = await setup.openWebCase(globexLicence, bob, 'G1: Grid paging');
    cases.G2 = await setup.openWebCase(globexLicence, bob, 'G2: Chart colours');
    const escalate = (caseId: string) =>
      api.expect(
        201,
        {
          method: 'POST',
          url: `/v1/cases/${caseId}/escalations`,
          payload: { reason: 'production-impact', details: 'Launch tomorrow' },
        },
        tokens.engineer,
      );
    at('09:10');
    await escalate(cases.G1);
    at('09:20');
    await escalate(cases.A1);
    at('09:30');
    await escalate(cases.A2);
    at('09:40');
    await api.expect(
      200,
      { method: 'POST', url: `/v1/cases/${cases.A2}/escalations/acknowledgement` },
      tokens.engineer,
    );
    at('09:50');
    await escalate(cases.G2);
    expect(await t.app.get(ProjectionRunner).catchUp()).toBe(true);
  });

  afterAll(() => t.close());

  it('lists a Mission Critical escalation due later before one due earlier that is not, earliest due first within each', async () => {
    at('10:00');
    const { items } = await board('state=open');
    expect(names(items)).toEqual(['A1', 'A2', 'G1', 'G2']);
    expect(items.map((item) => [item.missionCritical, item.nextDue, item.nextDueAt])).toEqual([
      [true, 'acknowledgement', '2026-03-02T10:20:00.000Z'],
      [true, 'status-update', '2026-03-03T09:40:00.000Z'],
      [false, 'acknowledgement', '2026-03-02T10:10:00.000Z'],
      [false, 'acknowledgement', '2026-03-02T10:50:00.000Z'],
    ]);
    // The default view is the open one.
    expect((await board('')).items).toEqual(items);
  });

  it('orders the overdue view the same way, and leaves the history latest first', async () => {
    at('11:00');
    expect(names((await board('state=overdue')).items)).toEqual(['A1', 'G1', 'G2']);
    expect(names((await board('state=all')).items)).toEqual(['G2', 'A2', 'A1', 'G1']);
  });

  it.each([1, 2, 3])(
    'walks the open board %i at a time across the Mission Critical boundary, without gaps or repeats',
    async (limit) => {
      at('10:00');
      const seen: BoardItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await board(`state=open&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(names(seen)).toEqual(['A1', 'A2', 'G1', 'G2']);
    },
  );

  it('refuses with 400 naming cursor a cursor the board gave when it ordered by due time alone', async () => {
    at('10:00');
    const [first] = (await board('state=open&limit=1')).items;
    const dueTimeAlone = [
      { field: 'nextDueAt', direction: 'asc' as const },
      { field: 'id', direction: 'asc' as const },
    ];
    const before = encodeCursor(dueTimeAlone, { open: true }, [first.nextDueAt, first.id]);
    const response = await api.send(
      { method: 'GET', url: `/v1/escalations?state=open&cursor=${before}` },
      tokens.engineer,
    );
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().errors.map((problem: { field: string }) => problem.field)).toEqual(['cursor']);
  });
});
