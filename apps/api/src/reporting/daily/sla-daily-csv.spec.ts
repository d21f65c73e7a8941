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
const EVERY_ACCOUNT = { accounts: 'all' } as const;

describe('the daily report as CSV', () => {
  it('has the figures’ columns alone when not filtered', () => {
    expect(slaDailyCsv({ scope: EVERY_ACCOUNT, filters: {}, rows: [row] })).toBe(
      `${FIGURES}\r\n2026-03-02,2,1,1,1,100,1800000,1800000,0,0,,,,0,1,0\r\n`,
    );
  });

  it('states each filter given in a column after the figures, in the order of the JSON row', () => {
    const filters = { product: 'Kendo UI, "Pro"', accountId: 'acc-1' };
    const filtered = { ...row, ...filters };
    const [header, line] = slaDailyCsv({ scope: EVERY_ACCOUNT, filters, rows: [filtered] }).split('\r\n');
    expect(header).toBe(`${FIGURES},product,accountId`);
    expect(Object.keys(filtered).join(',')).toBe(header);
    expect(line).toBe('2026-03-02,2,1,1,1,100,1800000,1800000,0,0,,,,0,1,0,"Kendo UI, ""Pro""",acc-1');
    expect(slaDailyCsv({ scope: EVERY_ACCOUNT, filters: { accountId: 'acc-1' }, rows: [] })).toBe(
      `${FIGURES},accountId\r\n`,
    );
  });

  it('states a CSM’s accounts in an accountIds column, so their export does not read as the whole desk', () => {
    const scope = {
      accounts: 'your-accounts' as const,
      csm: 'carl@vendor.example',
      accountIds: ['acc-1', 'acc-2'],
    };
    const [header, line] = slaDailyCsv({
      filters: {},
      scope,
      rows: [{ ...row, accountIds: scope.accountIds }],
    }).split('\r\n');
    expect(header).toBe(`${FIGURES},accountIds`);
    expect(line).toBe('2026-03-02,2,1,1,1,100,1800000,1800000,0,0,,,,0,1,0,acc-1 acc-2');
    expect(slaDailyCsv({ filters: { product: 'Kendo UI' }, scope, rows: [] })).toBe(
      `${FIGURES},product,accountIds\r\n`,
    );
    // With no account at all, the column says so by being empty rather than missing.
    expect(
      slaDailyCsv({ filters: {}, scope: { ...scope, accountIds: [] }, rows: [{ ...row, accountIds: [] }] }),
    ).toBe(`${FIGURES},accountIds\r\n2026-03-02,2,1,1,1,100,1800000,1800000,0,0,,,,0,1,0,\r\n`);
  });

  describe('a product a spreadsheet would run as a formula (CSV injection)', () => {
    const productCell = (product: string) =>
      slaDailyCsv({ scope: EVERY_ACCOUNT, filters: { product }, rows: [{ ...row, product }] })
        .split('\r\n')[1]
        .slice('2026-03-02,2,1,1,1,100,1800000,1800000,0,0,,,,0,1,0,'.length);

    it('is written as text, behind a quote mark, then quoted as any cell with a quote', () => {
      expect(productCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    });

    it.each([
      ['+1+2', "'+1+2"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\t=1', "'\t=1"],
      ['\r=1', `"'\r=1"`],
    ])('neutralises %p as %p', (product, written) => {
      expect(productCell(product)).toBe(written);
    });

    it('leaves other text alone, a formula sign inside a name included', () => {
      expect(productCell('Kendo UI')).toBe('Kendo UI');
      expect(productCell('A=B')).toBe('A=B');
    });

    it('never touches a number, a negative one included', () => {
      const line = slaDailyCsv({
        scope: EVERY_ACCOUNT,
        filters: {},
        rows: [{ ...row, firstResponseMedianBusinessMs: -5 }],
      }).split('\r\n')[1];
      expect(line).toBe('2026-03-02,2,1,1,1,100,-5,1800000,0,0,,,,0,1,0');
    });
  });
});
