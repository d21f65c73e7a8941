import { slaDailyColumns, type SlaDailyReport } from './sla-daily-report';

/**
 * RFC 4180 CSV: a header of the row's field names (`slaDailyColumns`, as in the JSON rows), CRLF
 * line ends, empty cells for nulls. Figures are dates, numbers or null; a field is quoted when it
 * holds a comma, a quote or a line break, as a product's name may. A CSM's accounts (`accountIds`)
 * share one cell, separated by spaces, as no id holds one.
 */
export function slaDailyCsv(report: Pick<SlaDailyReport, 'filters' | 'scope' | 'rows'>): string {
  const columns = slaDailyColumns(report);
  const lines = [
    columns.join(','),
    ...report.rows.map((row) => columns.map((column) => cell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * What a spreadsheet would read as a formula (OWASP "CSV Injection"): a product named
 * `=HYPERLINK("http://x")` must open as text, not as a link or a command.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | string[] | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return cell(value.join(' '));
  // Numbers are figures (a negative one must stay a number); only text can smuggle a formula, and
  // OWASP's remedy is a leading `'`, which spreadsheets take as "this cell is text".
  const text = typeof value === 'number' ? String(value) : asText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function asText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
