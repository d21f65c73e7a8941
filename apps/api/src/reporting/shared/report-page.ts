/**
 * Rows a report reads (and tallies) at a time. findEach gives the event loop a turn between pages,
 * so this bounds how long a report holds other requests: about 10 ms for 500 SLA rows measured on
 * the calendar (2,000 held them ~40 ms, a quarter's dashboard over 5,000 cases ~90 ms at once).
 */
export const REPORT_PAGE = 500;
