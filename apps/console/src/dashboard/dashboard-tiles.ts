import { html, TemplateResult } from 'lit-html';
import type { GoalFiguresView, SeverityFiguresView } from '../api/api-types';
import { routeHref } from '../app/routes';
import { formatDuration, formatPercent } from '../shared/format';
import { severityName } from '../shared/labels';
import { severityChip } from '../shared/ui';

/**
 * What the page's two kinds of "goals met" count (README, "SLA clocks": the dashboard follows a
 * cohort, the daily report the days things happened on). Said on the page because a manager puts
 * the tile and the CSV side by side: after a reopening the tile has no resolution to judge while
 * the CSV's row for the day still counts the resolution given then, and both are right.
 */
export function figuresDefinition(range: { from: string; to: string; product?: string }): TemplateResult {
  return html`<p class="range-note">
      Cases opened ${range.from} to ${range.to}${range.product ? `, ${range.product}` : ', all products'} (UTC
      days). Times are business time.
    </p>
    <p class="range-note" data-note="goals-met">
      <strong>Goals met</strong> judges these cases' targets as they stand now: a target not yet due is not
      counted, and a reopened case's resolution counts once it is resolved again (— means none judged yet).
      The <strong>daily report (CSV)</strong> and the breaches per day count what happened on each day
      instead, every response and resolution on the day it was given, even one a reopening later undid, so its
      percentages can differ from the tiles.
    </p>`;
}

/**
 * Said where the dashboard links to the board: the board is not limited to the cases opened in the
 * period, so it can list more overdue escalations than the figure counts.
 */
const OVERDUE_BOARD_TITLE =
  'The overdue escalations board (every overdue escalation, not only those of cases opened in this period)';

/** The escalations board's overdue tab, with the dashboard's severity and product. */
export function overdueBoardHref(filters: { severity?: number; product?: string }): string {
  return routeHref({ page: 'escalations', state: 'overdue', ...filters });
}

/** The dashboard's escalations overdue now, all severities, with a link to the overdue board. */
export function overdueEscalationsNote(total: number, product?: string): TemplateResult {
  return html`<p class="range-note" data-note="overdue-escalations">
    Escalations overdue now (acknowledgement or status update past due):
    <strong data-figure="overdue-escalations-total">${total}</strong>.
    <a href=${overdueBoardHref({ product })} title=${OVERDUE_BOARD_TITLE}>Open the overdue escalations</a>
  </p>`;
}

/** One severity's tile: open, breached now, at risk, open and overdue escalations, goals met, times. */
export function severityTile(row: SeverityFiguresView, product?: string): TemplateResult {
  return html`<section
    class="tile tile-${row.severity}"
    aria-labelledby=${`tile-${row.severity}`}
    data-severity=${row.severity}
  >
    <h2 id=${`tile-${row.severity}`}>${severityChip(row.severity)} ${severityName(row.severity)}</h2>
    <dl class="tile-numbers">
      <div>
        <dt>Open</dt>
        <dd data-figure="open">${row.open}</dd>
      </div>
      <div class=${row.breachedNow > 0 ? 'alert' : ''}>
        <dt title="Open cases with a target past due now">Breached</dt>
        <dd data-figure="breached-now">${row.breachedNow}</dd>
      </div>
      <div class=${row.atRisk > 0 ? 'warn' : ''}>
        <dt>At risk</dt>
        <dd data-figure="at-risk">${row.atRisk}</dd>
      </div>
      <div class=${row.openEscalations > 0 ? 'alert' : ''}>
        <dt title="Escalations not yet de-escalated">Escalated</dt>
        <dd data-figure="open-escalations">${row.openEscalations}</dd>
      </div>
      <div class=${row.overdueEscalations > 0 ? 'alert' : ''}>
        <dt title="Of these escalations, those whose acknowledgement or next status update is past due now">
          Esc. overdue
        </dt>
        <dd data-figure="overdue-escalations">
          ${
            row.overdueEscalations > 0
              ? html`<a
                  href=${overdueBoardHref({ severity: row.severity, product })}
                  title=${OVERDUE_BOARD_TITLE}
                  >${row.overdueEscalations}</a
                >`
              : row.overdueEscalations
          }
        </dd>
      </div>
    </dl>
    <dl class="tile-goals">
      <div>
        <dt>First response goals met (cases opened)</dt>
        <dd data-figure="first-response-met">${goalsMet(row.firstResponse)}</dd>
      </div>
      <div>
        <dt>Resolution goals met (cases opened)</dt>
        <dd data-figure="resolution-met">${goalsMet(row.resolution)}</dd>
      </div>
      <div>
        <dt>First response median / p90</dt>
        <dd data-figure="first-response-times">${medianAndP90(row.firstResponse)}</dd>
      </div>
      <div>
        <dt>Resolution median / p90</dt>
        <dd data-figure="resolution-times">${medianAndP90(row.resolution)}</dd>
      </div>
    </dl>
  </section>`;
}

/**
 * "67% of 3" over the goals judged (met + missed), or "— none judged yet" (not 0%: nothing has been
 * missed either). Not `measured`: that counts the times behind the median and p90, and a goal breached
 * and still unanswered is judged (missed) with no time to measure, so it would drop out of "of N" and
 * a severity whose only judged goals are such misses would read as none judged.
 */
export function goalsMet(goal: GoalFiguresView): string {
  const judged = goal.met + goal.missed;
  return judged === 0 || goal.metPercent === null
    ? '— none judged yet'
    : `${formatPercent(goal.metPercent)} of ${judged}`;
}

/**
 * "4m / 9m over 2 times": the median and p90 are taken over the times measured, which can be fewer
 * than the goals judged (a breach still unanswered has no time yet), so the count is said here.
 */
export function medianAndP90(goal: GoalFiguresView): string {
  const times = `${duration(goal.medianBusinessMs)} / ${duration(goal.p90BusinessMs)}`;
  return goal.measured === 0
    ? times
    : `${times} over ${goal.measured} ${goal.measured === 1 ? 'time' : 'times'}`;
}

export function duration(ms: number | null): string {
  return ms === null ? '—' : formatDuration(ms);
}
