import { slaDailyColumns, type SlaDailyReport } from './sla-daily-report';

/**
 * RFC 4180 CSV: a header of the row's field names (`slaDailyColumns`, as in the JSON rows), CRLF
 * line ends, empty cells for nulls. Figures are dates, numbers or null; a field is quoted when it
 * holds a comma, a quote or a line break, as a product's name may.
 */
export function slaDailyCsv(report: Pick<SlaDailyReport, 'filters' | 'rows'>): string {
  const columns = slaDailyColumns(report.filters);
  const lines = [
    columns.join(','),
    ...report.rows.map((row) => columns.map((column) => cell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
