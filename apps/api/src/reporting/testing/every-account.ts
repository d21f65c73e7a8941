import type { ReportingAccess, ReportFilters } from '../access/reporting-scope';

/** Reporting access as staff have it, without the read models behind the checks: filters as given. */
export const everyAccount = {
  scope: async (_actor: unknown, filters: ReportFilters) => ({
    accountId: filters.accountId,
    product: filters.product,
    coverage:
      filters.accountId === undefined
        ? { accounts: 'all' }
        : { accounts: 'requested', accountIds: [filters.accountId] },
  }),
} as unknown as ReportingAccess;
