import { DEFAULT_SUPPORT_POLICY } from '@casetrail/domain';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { REPORTING_COLLECTIONS } from '@casetrail/readmodels/reporting/reporting-collections';
import type { Actor } from '../../auth/actor';
import { ValidationProblemException } from '../../problems/validation-problem.exception';
import { everyAccount } from '../testing/every-account';
import { SlaDailyReportService } from './sla-daily-report.service';

const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };
const TODAY = '2026-03-05';

describe('the daily SLA report period', () => {
  let store: SqliteReadModelStore;
  let service: SlaDailyReportService;

  beforeEach(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections(REPORTING_COLLECTIONS);
    service = new SlaDailyReportService(
      store,
      DEFAULT_SUPPORT_POLICY,
      { now: () => new Date(`${TODAY}T15:00:00.000Z`) },
      everyAccount,
    );
  });
  afterEach(() => store.close());

  const period = async (query: { from?: string; to?: string }) => {
    const report = await service.report(engineer, query);
    return { from: report.from, to: report.to };
  };
  const refusal = (query: { from?: string; to?: string }) =>
    service.report(engineer, query).then(
      () => undefined,
      (error: unknown) => (error as ValidationProblemException).fieldProblems,
    );

  it('without from or to: the 30 days up to today', async () => {
    expect(await period({})).toEqual({ from: '2026-02-04', to: TODAY });
  });

  it('with from alone: up to today', async () => {
    expect(await period({ from: '2026-03-01' })).toEqual({ from: '2026-03-01', to: TODAY });
  });

  it('with from alone, in the future: that one day, not "to must not be before from"', async () => {
    expect(await period({ from: '2027-01-01' })).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });

  it('with from alone, more than a year back: the longest period from it, not "at most 366 days"', async () => {
    expect(await period({ from: '2025-01-01' })).toEqual({ from: '2025-01-01', to: '2026-01-01' });
  });

  it('with from alone that names no day: refused, naming from', async () => {
    expect(await refusal({ from: '2026-02-30' })).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it('still refuses a to the client sent before from, or too far after it', async () => {
    expect(await refusal({ from: '2027-01-01', to: TODAY })).toEqual([
      { field: 'to', message: 'to must not be before from' },
    ]);
    expect(await refusal({ from: '2025-01-01', to: TODAY })).toEqual([
      { field: 'to', message: 'a report covers at most 366 days' },
    ]);
  });
});
