import type { EscalationBoardItemView } from '../api/api-types';
import { formatDuration, formatWithUtc } from '../shared/format';

/** What an open escalation owes next, in words (the board's `nextDue`). */
const NEXT_DUE_LABEL: Readonly<Record<string, string>> = {
  acknowledgement: 'Acknowledgement',
  'status-update': 'Status update',
};

/** The board's `statusUpdatesOwedBy` when nobody who worked the escalation can still see the case. */
const SUPPORT_TEAM = 'support-team';

/**
 * Whether a board row is overdue now: the API's verdict at its `asOf`, or, between refreshes, the
 * console's clock passing its `nextDueAt` (the countdown beside it must not say "in 0s" for long).
 */
export function overdueNow(row: EscalationBoardItemView, nowMs: number): boolean {
  if (!row.open || !row.nextDueAt) return false;
  return row.overdue || Date.parse(row.nextDueAt) <= nowMs;
}

/** What is owed next and by when, in the case's zone with UTC beside it, and how late or how soon. */
export function nextDueWords(
  row: EscalationBoardItemView,
  nowMs: number,
): { what: string; when: string; countdown: string } | undefined {
  if (!row.open || !row.nextDue || !row.nextDueAt) return undefined;
  const dueMs = Date.parse(row.nextDueAt);
  return {
    what: NEXT_DUE_LABEL[row.nextDue] ?? row.nextDue,
    when: formatWithUtc(row.nextDueAt, row.timeZone ?? 'UTC'),
    countdown: overdueNow(row, nowMs)
      ? `overdue by ${formatDuration(nowMs - dueMs)}`
      : `due in ${formatDuration(dueMs - nowMs)}`,
  };
}

/**
 * Who owes the next update, as the overdue alerts' "Owed by" line names them: the board's
 * `statusUpdatesOwedBy` once acknowledged; before that nobody in particular has taken it on, so
 * whoever is on duty owes the acknowledgement.
 */
export function owedByWords(row: EscalationBoardItemView): string {
  if (!row.open) return '—';
  if (row.nextDue === 'acknowledgement') return 'Whoever is on duty (not acknowledged yet)';
  if (row.statusUpdatesOwedBy === SUPPORT_TEAM)
    return 'The support team (nobody who worked it can see the case now)';
  return row.statusUpdatesOwedBy ?? '—';
}

/** How often what it owes has been alerted: its own recorded lapses, and those it took over when raised. */
export function overdueAlertsWords(row: EscalationBoardItemView): string {
  const own = row.overdueRecorded;
  const carried = row.overdueCarried;
  if (own === 0 && carried === 0) return 'None';
  return carried > 0 ? `${own} (+${carried} from earlier levels)` : String(own);
}
