import { html, nothing, TemplateResult } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import type { CaseView } from '../api/api-types';
import { routeHref } from '../app/routes';
import { formatShortInstant } from '../shared/format';
import { escalationBadge, missionCriticalBadge, severityChip, statusChip } from '../shared/ui';
import { slaTargetsCell } from './sla-targets-cell';
import { unvouchedAssigneeMark } from './unvouched-assignee-mark';
import { escalationOverdueBadge } from '../escalations/escalation-owed';

/**
 * Cases as a table (queues and case lists). On narrow screens the CSS turns each row into a card,
 * using the `data-label`s as captions.
 */
export function caseTable(
  items: readonly CaseView[],
  nowMs: number,
  options: { firstRank?: number; caption: string },
): TemplateResult {
  const firstRank = options.firstRank;
  return html`<div class="table-wrap">
    <table class="cases">
      <caption class="visually-hidden">
        ${options.caption}
      </caption>
      <thead>
        <tr>
          ${firstRank !== undefined ? html`<th scope="col" class="col-rank">#</th>` : nothing}
          <th scope="col">Case</th>
          <th scope="col">Severity</th>
          <th scope="col">Status</th>
          <th scope="col">Product</th>
          <th scope="col">Assignee</th>
          <th scope="col">SLA targets</th>
          <th scope="col">Opened</th>
        </tr>
      </thead>
      <tbody>
        ${repeat(
          items,
          (item) => item.id,
          (item, index) => caseRow(item, nowMs, firstRank !== undefined ? firstRank + index : undefined),
        )}
      </tbody>
    </table>
  </div>`;
}

function caseRow(item: CaseView, nowMs: number, rank: number | undefined): TemplateResult {
  return html`<tr class=${item.priority.missionCritical ? 'row-mc' : ''} data-case-id=${item.id}>
    ${rank !== undefined ? html`<td class="col-rank" data-label="Priority">${rank}</td>` : nothing}
    <td class="col-case" data-label="Case">
      <a class="case-link" href=${routeHref({ page: 'case', caseId: item.id })}>${item.title}</a>
      <div class="case-meta">
        ${missionCriticalBadge(item.priority.missionCritical)}
        ${escalationBadge(item.escalation, item.priority.escalated)}
        ${escalationOverdueBadge(item.escalation, nowMs)}
        <span class="muted">${item.openedByName ?? item.openedBy}</span>
      </div>
    </td>
    <td data-label="Severity">${severityChip(item.severity)}</td>
    <td data-label="Status">${statusChip(item.status)}</td>
    <td data-label="Product">${item.product}</td>
    <td data-label="Assignee">
      <div class="assignee-cell">
        ${item.assignee ? person(item.assignee) : html`<span class="muted">Unassigned</span>`}
        ${unvouchedAssigneeMark(item)}
      </div>
    </td>
    <td data-label="SLA targets">${slaTargetsCell(item, nowMs)}</td>
    <td data-label="Opened" class="col-opened">
      <time datetime=${item.openedAt}>${formatShortInstant(item.openedAt)}</time>
    </td>
  </tr>`;
}

/** An email shown by its local part to save width; screen readers still hear all of it. */
export function person(email: string): TemplateResult {
  const at = email.indexOf('@');
  if (at < 0) return html`${email}`;
  return html`<span title=${email}
    >${email.slice(0, at)}<span class="visually-hidden">${email.slice(at)}</span></span
  >`;
}
