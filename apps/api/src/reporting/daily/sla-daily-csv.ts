import { SLA_DAILY_COLUMNS, type SlaDailyRow } from './sla-daily-report';

/**
 * RFC 4180 CSV: a header of the row's field names, CRLF line ends, empty cells for nulls. Every
 * value is a date, a number or null, so nothing needs quoting; a field is quoted anyway if it ever
 * holds a comma, a quote or a line break.
 */
export function slaDailyCsv(rows: readonly SlaDailyRow[]): string {
  const lines = [
    SLA_DAILY_COLUMNS.join(','),
    ...rows.map((row) => SLA_DAILY_COLUMNS.map((column) => cell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
