import { DEFAULT_SUPPORT_POLICY } from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import type { SqliteReadModelStore } from '@casetrail/readmodels';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { DESK_CASES, DESK_NOW, projectedDesk } from '@casetrail/readmodels/testing/at-risk-desk';
import type { Actor } from '../auth/actor';
import type { ActorReachReader } from '../cases/access/actor-reach';
import type { CaseAccess } from '../cases/access/case-access';
import { CaseQueries } from '../cases/queries/case-queries';
import type { LicensedProducts } from '../reporting/access/licensed-products';
import type { RegisteredAccounts } from '../reporting/access/registered-accounts';
import { QueuesController } from './queues.controller';

/**
 * What an item of a queue says about each SLA target, evaluated when the queue is read: the
 * console's queue table shows from it why a case is listed (which target is at risk, which is
 * breached) without another request.
 */
describe('queue items at query time', () => {
  const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };
  let store: SqliteReadModelStore;

  beforeAll(async () => {
    store = await projectedDesk(casesProjection);
  });
  afterAll(() => store.close());

  /** A queue's item for one case, the queue read at `now`. */
  const item = async (queue: string, caseId: string, now = DESK_NOW) => {
    const clock = { now: () => new Date(now) };
    // A queue reads only the cases read model: the event store and access checks are not asked.
    const cases = new CaseQueries(store, {} as EventStore, {} as CaseAccess, DEFAULT_SUPPORT_POLICY, clock);
    const controller = new QueuesController(
      cases,
      // An engineer's queues cover every account.
      { staffAccountsOf: () => Promise.resolve(undefined) } as unknown as ActorReachReader,
      clock,
      {} as LicensedProducts,
      {} as RegisteredAccounts,
    );
    const page = await controller.queue(queue, { limit: 50 }, engineer);
    const found = page.items.find((each) => each.id === caseId);
    if (!found) throw new Error(`${caseId} is not in the ${queue} queue at ${now}`);
    return found;
  };

  it('gives each target of an at-risk case its own state and at-risk flag, evaluated at the queue instant', async () => {
    const { sla } = await item('at-risk', DESK_CASES.firstResponseOverdueResolutionAtRisk);
    expect(sla.firstResponse).toMatchObject({
      state: 'breached',
      atRisk: false,
      dueAt: '2024-06-04T09:00:00.000Z',
      breachedAt: '2024-06-04T09:00:00.000Z',
    });
    expect(sla.resolution).toMatchObject({ state: 'running', atRisk: true });
    expect(sla.resolution.atRiskAt <= DESK_NOW && DESK_NOW < sla.resolution.dueAt).toBe(true);
    expect(sla.resolution.remainingMs).toBe(Date.parse(sla.resolution.dueAt) - Date.parse(DESK_NOW));
  });

  it('says at risk of a first response not yet due, before any timer has recorded a warning', async () => {
    const { sla } = await item('at-risk', DESK_CASES.firstResponseAtRisk);
    expect(sla.firstResponse).toMatchObject({
      state: 'running',
      atRisk: true,
      dueAt: '2024-06-26T12:00:00.000Z',
    });
    expect(sla.resolution).toMatchObject({ state: 'running', atRisk: false });
  });

  it('reads a breach from the due time on, before the timer records it', async () => {
    const noon = '2024-06-26T12:00:00.000Z';
    const { sla } = await item('breaching', DESK_CASES.firstResponseAtRisk, noon);
    expect(sla.firstResponse).toMatchObject({ state: 'breached', atRisk: false, remainingMs: 0 });
  });
});
