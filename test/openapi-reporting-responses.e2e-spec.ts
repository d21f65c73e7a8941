import { SLA_DAILY_COLUMNS } from '../apps/api/src/reporting/daily/sla-daily-report';
import { OpenApiDocument, type Schema } from './support/openapi/openapi-document';

/**
 * The OpenAPI document defines every figure of the SLA dashboard, the daily SLA report (JSON and
 * CSV), the escalations board and the queues, so an analyst can explain "70 % met, 18 measured of
 * 19 goals" from /docs instead of reverse-engineering it. Before, their 200 answers had no schema.
 */
describe('OpenAPI: the reporting reads describe their answers', () => {
  let docs: OpenApiDocument;

  beforeAll(async () => {
    docs = await OpenApiDocument.served();
  });

  const described = (schema: Schema | undefined, path: string) => {
    const field = docs.property(schema, path);
    expect({ path, documented: field !== undefined }).toEqual({ path, documented: true });
    return field?.description ?? '';
  };

  it('defines the SLA dashboard: measured, metPercent, breachedNow, percentiles and the default period', () => {
    const dashboard = docs.okSchema('/v1/dashboards/sla');
    expect(described(dashboard, 'filters')).toContain('every case ever opened (all of history)');
    const goal = 'severities.[].firstResponse';
    expect(described(dashboard, `${goal}.metPercent`)).toContain('met / (met + missed)');
    expect(described(dashboard, `${goal}.measured`)).toContain('Not met + missed');
    expect(described(dashboard, `${goal}.measured`)).toContain('missed but has no time to');
    expect(described(dashboard, `${goal}.missed`)).toContain('still owed past their due time');
    expect(described(dashboard, `${goal}.medianBusinessMs`)).toContain('Nearest-rank');
    expect(described(dashboard, `${goal}.p90BusinessMs`)).toContain('Nearest-rank');
    expect(described(dashboard, `${goal}.medianBusinessMs`)).toContain("account's calendar");
    expect(described(dashboard, `${goal}.medianBusinessMs`)).toContain('awaiting the customer');
    expect(described(dashboard, 'severities.[].breachedNow')).toContain('Open cases (not goals)');
    for (const field of ['open', 'atRisk', 'openEscalations', 'resolution.met'])
      expect(described(dashboard, `severities.[].${field}`)).not.toBe('');
  });

  it('defines the daily report: UTC days, each figure, and the CSV columns', () => {
    const report = docs.okSchema('/v1/reports/sla-daily');
    expect(described(report, 'rows.[].date')).toContain('UTC');
    for (const column of SLA_DAILY_COLUMNS.filter((name) => name !== 'severity'))
      expect(described(report, `rows.[].${column}`)).not.toBe('');
    expect(described(report, 'rows.[].firstResponseMetPercent')).toContain(
      'firstResponsesMet / firstResponses',
    );
    const csv = docs.okSchema('/v1/reports/sla-daily', 'text/csv');
    expect(csv?.description).toContain(SLA_DAILY_COLUMNS.join(', '));
    expect(csv?.description).toContain('CRLF');
  });

  it('defines the escalations board: what is owed next, when, lapses recorded, order and cursor', () => {
    const board = docs.okSchema('/v1/escalations');
    for (const field of ['nextDue', 'nextDueAt', 'overdue', 'dueInMs', 'overdueRecorded', 'missionCritical'])
      expect(described(board, `items.[].${field}`)).not.toBe('');
    expect(described(board, 'items.[].endedBy')).toContain('Who ended it');
    expect(described(board, 'items.[].nextStatusUpdateDueAt')).toContain('once ended');
    expect(described(board, 'items')).toContain('Mission Critical ones first');
    expect(described(board, 'nextCursor')).toContain('`cursor`');
  });

  it('defines the queues: case details in priority order, the rank, the cursor', () => {
    const queue = docs.okSchema('/v1/queues/{queue}');
    expect(described(queue, 'items')).toContain('priority order');
    expect(described(queue, 'items.[].priority.rank')).toContain('(Mission Critical ? 0 : 100)');
    expect(described(queue, 'items.[].sla.firstResponse.state')).not.toBe('');
    expect(described(queue, 'nextCursor')).toContain('`cursor`');
  });
});
