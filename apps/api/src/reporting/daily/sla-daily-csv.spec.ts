import { slaDailyCsv } from './sla-daily-csv';
import { SLA_DAILY_COLUMNS, type SlaDailyRow } from './sla-daily-report';

const row: SlaDailyRow = {
  date: '2026-03-02',
  severity: 2,
  opened: 1,
  firstResponses: 1,
  firstResponsesMet: 1,
  firstResponseMetPercent: 100,
  firstResponseMedianBusinessMs: 1_800_000,
  firstResponseP90BusinessMs: 1_800_000,
  resolutions: 0,
  resolutionsMet: 0,
  resolutionMetPercent: null,
  resolutionMedianBusinessMs: null,
  resolutionP90BusinessMs: null,
  breaches: 0,
  escalations: 1,
  redirections: 0,
};
const FIGURES = SLA_DAILY_COLUMNS.join(',');

describe('the daily report as CSV', () => {
  it('has the figures’ columns alone when not filtered', () => {
    expect(slaDailyCsv({ filters: {}, rows: [row] })).toBe(
      `${FIGURES}\r\n2026-03-02,2,1,1,1,100,1800000,1800000,0,0,,,,0,1,0\r\n`,
    );
  });

  it('states each filter given in a column after the figures, in the order of the JSON row', () => {
    const filters = { product: 'Kendo UI, "Pro"', accountId: 'acc-1' };
    const filtered = { ...row, ...filters };
    const [header, line] = slaDailyCsv({ filters, rows: [filtered] }).split('\r\n');
    expect(header).toBe(`${FIGURES},product,accountId`);
    expect(Object.keys(filtered).join(',')).toBe(header);
    expect(line).toBe('2026-03-02,2,1,1,1,100,1800000,1800000,0,0,,,,0,1,0,"Kendo UI, ""Pro""",acc-1');
    expect(slaDailyCsv({ filters: { accountId: 'acc-1' }, rows: [] })).toBe(`${FIGURES},accountId\r\n`);
  });
});
