import { html, nothing, TemplateResult } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import type { EscalationBoardItemView } from '../api/api-types';
import { routeHref } from '../app/routes';
import { person } from '../queues/case-table';
import { unvouchedAssigneeMark } from '../queues/unvouched-assignee-mark';
import { formatWithUtc } from '../shared/format';
import { ESCALATION_REASON_LABEL, ESCALATION_STATUS_LABEL } from '../shared/labels';
import { missionCriticalBadge, severityChip } from '../shared/ui';
import { nextDueWords, overdueAlertsWords, overdueNow, owedByWords } from './escalation-row-words';

/**
 * The escalations board as a table, in the API's order (the ranks say so). On narrow screens the
 * case tables' CSS turns each row into a card (`cases`), using the `data-label`s as captions.
 */
export function escalationBoardTable(
  items: readonly EscalationBoardItemView[],
  nowMs: number,
  options: { firstRank: number; caption: string },
): TemplateResult {
  return html`<div class="table-wrap">
    <table class="cases escalation-board">
      <caption class="visually-hidden">
        ${options.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col" class="col-rank">#</th>
          <th scope="col">Case and escalation</th>
          <th scope="col">Severity</th>
          <th scope="col">Next due</th>
          <th scope="col">Owed by</th>
          <th scope="col">Acknowledged</th>
          <th scope="col">Assignee</th>
          <th scope="col">Overdue alerts</th>
        </tr>
      </thead>
      <tbody>
        ${repeat(
          items,
          (item) => item.id,
          (item, index) => boardRow(item, nowMs, options.firstRank + index),
        )}
      </tbody>
    </table>
  </div>`;
}

function boardRow(item: EscalationBoardItemView, nowMs: number, rank: number): TemplateResult {
  const overdue = overdueNow(item, nowMs);
  const classes = [item.missionCritical ? 'row-mc' : '', overdue ? 'row-overdue' : ''].join(' ').trim();
  return html`<tr class=${classes} data-escalation-id=${item.id} data-case-id=${item.caseId}>
    <td class="col-rank" data-label="Priority">${rank}</td>
    <td class="col-case" data-label="Case">
      <a class="case-link" href=${routeHref({ page: 'case', caseId: item.caseId })}>${item.title}</a>
      <div class="case-meta">
        ${missionCriticalBadge(item.missionCritical)}
        <span class="badge badge-escalated">Level ${item.level}</span>
        <span class="muted">${ESCALATION_STATUS_LABEL[item.status] ?? item.status}</span>
      </div>
      <div class="escalation-reason">
        ${ESCALATION_REASON_LABEL[item.reason] ?? item.reason}
        <span class="muted"
          >· raised ${formatWithUtc(item.escalatedAt, item.timeZone ?? 'UTC')} by ${item.escalatedBy}</span
        >
      </div>
    </td>
    <td data-label="Severity">${severityChip(item.severity)}</td>
    <td data-label="Next due" class="col-next-due">${nextDueCell(item, nowMs, overdue)}</td>
    <td data-label="Owed by"><span class="owed-by">${owedByWords(item)}</span></td>
    <td data-label="Acknowledged">
      ${
        item.acknowledgedAt
          ? html`<span
              >${formatWithUtc(item.acknowledgedAt, item.timeZone ?? 'UTC')}
              ${item.acknowledgedBy ? html`by ${item.acknowledgedBy}` : nothing}</span
            >`
          : html`<span class="muted">Not yet</span>`
      }
    </td>
    <td data-label="Assignee">
      <div class="assignee-cell">
        ${item.assignee ? person(item.assignee) : html`<span class="muted">Unassigned</span>`}
        ${unvouchedAssigneeMark(item)}
      </div>
    </td>
    <td data-label="Overdue alerts">${overdueAlertsWords(item)}</td>
  </tr>`;
}

/** What is owed next and when (overdue in words and colour), or, once ended, how it ended. */
function nextDueCell(item: EscalationBoardItemView, nowMs: number, overdue: boolean): TemplateResult {
  const due = nextDueWords(item, nowMs);
  if (!due) {
    return html`<span class="muted"
      >Ended
      ${item.endedAt ? formatWithUtc(item.endedAt, item.timeZone ?? 'UTC') : ''}${
        item.endReason ? html`: ${item.endReason}` : nothing
      }${item.endedBy ? html` (${item.endedBy})` : nothing}</span
    >`;
  }
  return html`<div class="next-due ${overdue ? 'is-overdue' : ''}">
    ${overdue ? html`<span class="badge badge-late"><span aria-hidden="true">!</span> Overdue</span>` : nothing}
    <strong>${due.what}</strong>
    <time datetime=${item.nextDueAt ?? nothing}>${due.when}</time>
    <span class="next-due-countdown">${due.countdown}</span>
  </div>`;
}
