import type { SlaDailyReport } from './sla-daily-report';

/** Enough of a product's name to tell exports apart; names run to 200 characters. */
const MAX_PART_LENGTH = 80;

/**
 * The `Content-Disposition` of a CSV export, naming what it covers:
 * `sla-daily-<from>-<to>[-product-<product>][-account-<accountId>|-accounts-of-<csm>].csv`, so
 * exports of one period for different accounts or products do not all arrive as the same file, and
 * a CSM's export of their accounts is not named as the whole desk's. Each part keeps letters,
 * digits, `.`, `_` and `-` only (any other run becomes one `-`): no quote, slash or control
 * character reaches the header or a file system. `filename` keeps ASCII letters; `filename*`
 * (RFC 6266, preferred by browsers) keeps every script's, so "Продукт" is not lost to `-`.
 */
export function slaDailyContentDisposition(
  report: Pick<SlaDailyReport, 'from' | 'to' | 'filters' | 'scope'>,
): string {
  const ascii = fileName(report, (text) => safePart(text, /[^A-Za-z0-9._-]+/g));
  const unicode = fileName(report, (text) => safePart(text, /[^\p{L}\p{M}\p{N}._-]+/gu));
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(unicode)}`;
}

function fileName(
  { from, to, filters, scope }: Pick<SlaDailyReport, 'from' | 'to' | 'filters' | 'scope'>,
  safe: (text: string) => string,
): string {
  const parts = ['sla-daily', from, to];
  if (filters.product !== undefined) parts.push('product', safe(filters.product) || 'unnamed');
  if (filters.accountId !== undefined) parts.push('account', safe(filters.accountId));
  if (scope.accounts === 'your-accounts') {
    const whose = 'csm' in scope ? scope.csm : scope.auditor;
    parts.push('accounts-of', safe(whose) || ('csm' in scope ? 'csm' : 'auditor'));
  }
  return `${parts.join('-')}.csv`;
}

/** Runs of other characters as one `-`, without leading or trailing `-` or `.`, and not too long. */
function safePart(text: string, unsafe: RegExp): string {
  // Cut by code points: half of a surrogate pair would make encodeURIComponent throw.
  const shortened = Array.from(text.replace(unsafe, '-')).slice(0, MAX_PART_LENGTH).join('');
  return shortened.replace(/^[-.]+|[-.]+$/g, '');
}
