import { html, nothing, TemplateResult } from 'lit-html';
import type { CaseDetailView } from '../api/api-types';

/**
 * What staff read on a case's live detail about its assignee (API since 4965853; absent for
 * customers, with ?asOf= and while nobody is assigned): whether the records vouch for them as staff
 * who may see the case. Kept here rather than in api-types.ts until the case page is its only reader.
 */
export interface AssigneeVouching {
  assigneeVouched?: boolean;
  /** With `assigneeVouched: false`: why, and what to do. */
  assigneeNotVouchedReason?: string;
}

/** An API request the reason quotes for API clients ("(POST /v1/cases/…/assignment)"): the notice offers the button. */
const QUOTED_REQUEST = /\s*\((?:GET|POST|PUT|PATCH|DELETE) \/v1\/[^)]*\)/g;

/**
 * The warning on a case whose assignee nothing vouches for (an assignment stored before the vouching
 * rules, a CSM designation since ended, a person since known as a customer): the API holds back every
 * mail that would reach them as the assignee, so nobody working the case would otherwise know the
 * assignee hears nothing. `reassign` opens the Assign form where the person may reassign the case;
 * without it (a CSM, who may not) the notice says who can.
 */
export function assigneeNotVouchedNotice(
  view: CaseDetailView & AssigneeVouching,
  reassign?: () => void,
): TemplateResult | typeof nothing {
  if (view.assigneeVouched !== false || !view.assignee) return nothing;
  const reason = view.assigneeNotVouchedReason
    ?.replace(QUOTED_REQUEST, '')
    .trim()
    .replace(/([^.!?])$/, '$1.');
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
