import { html, nothing, TemplateResult } from 'lit-html';
import type { AssigneeVouching } from '../cases/assignee-not-vouched';
import { notVouchedReasonText } from '../cases/assignee-not-vouched';

/**
 * The mark under an assignee nothing vouches for, on a queue or case-list row (and the escalations
 * board): the API holds back every mail that would reach them as the assignee, so a duty manager
 * scanning the queue must see which cases nobody is told about without opening each one. Words,
 * not colour alone; the API's reason (without the request it quotes for API clients) one click
 * away, so the row stays short.
 */
export function unvouchedAssigneeMark(
  row: AssigneeVouching & { assignee: string | null },
): TemplateResult | typeof nothing {
  if (row.assigneeVouched !== false || !row.assignee) return nothing;
  const reason = notVouchedReasonText(row.assigneeNotVouchedReason);
  return html`<div class="assignee-not-vouched-mark">
    <span class="badge badge-warning"><span aria-hidden="true">⚠</span> Not vouched for</span>
    <details class="assignee-why">
      <summary>
        Gets none of the case's mail<span class="visually-hidden"> (${row.assignee})</span>: why
      </summary>
      <p>
        ${reason ?? 'Nothing vouches for them as staff who may see this case; reassign it to an engineer.'}
      </p>
    </details>
  </div>`;
}
