import { html, nothing, TemplateResult } from 'lit-html';
import type { ReportCoverageView } from '../api/api-types';

/**
 * Whose accounts a report's figures cover, said beside them when they are not the whole desk: a CSM
 * and a customer's compliance auditor see only their accounts, and a screenshot or CSV of theirs
 * must not read as desk-wide figures. The API's `scope` names the accounts by id only.
 */
export function coverageNote(scope: ReportCoverageView | undefined): TemplateResult | typeof nothing {
  if (!scope || scope.accounts === 'all') return nothing;
  const ids = scope.accountIds ?? [];
  return html`<p class="range-note coverage-note" data-note="coverage">
    <strong>${coverageWords(scope, ids.length)}</strong>${
      ids.length > 0
        ? html` (${ids.length === 1 ? 'account' : 'accounts'}
          ${ids.map((id, index) => html`${index > 0 ? ', ' : ''}<code>${id}</code>`)})`
        : nothing
    }.
  </p>`;
}

function coverageWords(scope: ReportCoverageView, count: number): string {
  if (scope.accounts === 'requested') return 'Figures for one account only, not the whole desk';
  const yours = 'Figures for your accounts only, not the whole desk: ';
  if (scope.auditor) {
    return count === 0
      ? `${yours}your auditor access names no account`
      : `${yours}the ${accounts(count)} your auditor access names`;
  }
  return count === 0
    ? `${yours}you are the designated CSM of no account`
    : `${yours}the ${accounts(count)} you are the designated CSM of`;
}

const accounts = (count: number) => (count === 1 ? 'account' : `${count} accounts`);
