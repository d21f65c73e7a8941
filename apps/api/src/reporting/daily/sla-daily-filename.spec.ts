import { slaDailyContentDisposition } from './sla-daily-filename';

const period = { from: '2026-03-01', to: '2026-03-31', scope: { accounts: 'all' } as const };
const ACME = '0190a5c2-0000-7000-8000-000000000001';

/** The two names a Content-Disposition gives: `filename` (ASCII) and `filename*` (decoded). */
function names(disposition: string) {
  const match = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(disposition);
  if (!match) throw new Error(`unexpected: ${disposition}`);
  return { ascii: match[1], unicode: decodeURIComponent(match[2]) };
}

describe('the CSV export of the daily report is named after what it covers', () => {
  it('names the period alone when not filtered', () => {
    expect(slaDailyContentDisposition({ ...period, filters: {} })).toBe(
      `attachment; filename="sla-daily-2026-03-01-2026-03-31.csv"; filename*=UTF-8''sla-daily-2026-03-01-2026-03-31.csv`,
    );
  });

  it('names the product and the account, so two accounts’ exports of one period differ', () => {
    const acme = names(
      slaDailyContentDisposition({ ...period, filters: { product: 'Kendo UI', accountId: ACME } }),
    );
    expect(acme).toEqual({
      ascii: `sla-daily-2026-03-01-2026-03-31-product-Kendo-UI-account-${ACME}.csv`,
      unicode: `sla-daily-2026-03-01-2026-03-31-product-Kendo-UI-account-${ACME}.csv`,
    });
    const other = names(
      slaDailyContentDisposition({ ...period, filters: { accountId: ACME.replace(/1$/, '2') } }),
    );
    expect(other.ascii).toBe(`sla-daily-2026-03-01-2026-03-31-account-${ACME.replace(/1$/, '2')}.csv`);
  });

  it('names a CSM’s export of their accounts after the CSM, not as the whole desk’s', () => {
    const scope = { accounts: 'your-accounts' as const, csm: 'carl@vendor.example', accountIds: [ACME] };
    expect(names(slaDailyContentDisposition({ ...period, scope, filters: {} }))).toEqual({
      ascii: 'sla-daily-2026-03-01-2026-03-31-accounts-of-carl-vendor.example.csv',
      unicode: 'sla-daily-2026-03-01-2026-03-31-accounts-of-carl-vendor.example.csv',
    });
    expect(
      names(slaDailyContentDisposition({ ...period, scope, filters: { product: 'Kendo UI' } })).ascii,
    ).toBe('sla-daily-2026-03-01-2026-03-31-product-Kendo-UI-accounts-of-carl-vendor.example.csv');
  });

  it('keeps letters, digits, dots, dashes and underscores only: no quote, slash or control character', () => {
    const disposition = slaDailyContentDisposition({
      ...period,
      filters: { product: '../"Telerik UI" for ASP.NET\\Core;\r\nx=1' },
    });
    expect(names(disposition).ascii).toBe(
      'sla-daily-2026-03-01-2026-03-31-product-Telerik-UI-for-ASP.NET-Core-x-1.csv',
    );
    expect(disposition).not.toMatch(/[\r\n\\]/);
    expect(names(disposition).unicode).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('keeps other scripts’ letters in filename*, where browsers look first', () => {
    const { ascii, unicode } = names(
      slaDailyContentDisposition({ ...period, filters: { product: 'Продукт Über' } }),
    );
    expect(unicode).toBe('sla-daily-2026-03-01-2026-03-31-product-Продукт-Über.csv');
    expect(ascii).toBe('sla-daily-2026-03-01-2026-03-31-product-ber.csv');
    expect(names(slaDailyContentDisposition({ ...period, filters: { product: '日本' } })).ascii).toBe(
      'sla-daily-2026-03-01-2026-03-31-product-unnamed.csv',
    );
  });

  it('shortens a long product name, without splitting a character', () => {
    const { ascii, unicode } = names(
      slaDailyContentDisposition({
        ...period,
        filters: { product: `${'x'.repeat(79)}😀${'y'.repeat(100)}` },
      }),
    );
    expect(ascii).toBe(`sla-daily-2026-03-01-2026-03-31-product-${'x'.repeat(79)}.csv`);
    expect(unicode).toBe(`sla-daily-2026-03-01-2026-03-31-product-${'x'.repeat(79)}.csv`);
  });
});
