import { html, nothing, TemplateResult } from 'lit-html';
import type { CaseDetailView, CaseView } from '../api/api-types';

/**
 * What staff read about a case's assignee on its live detail and on queue and case-list rows (API
 * since 4965853; absent for customers, with ?asOf= and while nobody is assigned): whether the
 * records vouch for them as staff who may see the case.
 */
export type AssigneeVouching = Pick<CaseView, 'assigneeVouched' | 'assigneeNotVouchedReason'>;

/** An API request the reason quotes for API clients ("(POST /v1/cases/…/assignment)"): the console offers its own way. */
const QUOTED_REQUEST = /\s*\((?:GET|POST|PUT|PATCH|DELETE) \/v1\/[^)]*\)/g;

/** The API's reason as the console words it: without the request it quotes, ending as a sentence. */
export function notVouchedReasonText(reason: string | undefined): string | undefined {
  return reason
    ?.replace(QUOTED_REQUEST, '')
    .trim()
    .replace(/([^.!?])$/, '$1.');
}

/**
 * The warning on a case whose assignee nothing vouches for (an assignment stored before the vouching
 * rules, a CSM designation since ended, a person since known as a customer): the API holds back every
 * mail that would reach them as the assignee, so nobody working the case would otherwise know the
 * assignee hears nothing. `reassign` opens the Assign form where the person may reassign the case;
 * without it (a CSM, who may not) the notice says who can.
 */
export function assigneeNotVouchedNotice(
  view: CaseDetailView,
  reassign?: () => void,
): TemplateResult | typeof nothing {
  if (view.assigneeVouched !== false || !view.assignee) return nothing;
  const reason = notVouchedReasonText(view.assigneeNotVouchedReason);
  return html`<div class="notice warning assignee-not-vouched" role="status">
    <p>
      <strong
        >Not vouched for: ${view.assignee} gets none of this case's mail (comments, internal notes, alerts)
        until it is reassigned.</strong
      >
    </p>
    ${reason ? html`<p>${reason}</p>` : nothing}
    ${
      reassign
        ? html`<button class="button primary small" type="button" @click=${reassign}>
            Reassign the case
          </button>`
        : html`<p>Ask an engineer to reassign it.</p>`
    }
  </div>`;
}
