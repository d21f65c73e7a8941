import { html, nothing, TemplateResult } from 'lit-html';
import type { EscalationView } from '../api/api-types';
import { ApiProblem } from '../api/api-problem';
import { plainFieldMessage, problemDisplay } from './problem-display';
import { ESCALATION_STATUS_LABEL, severityName, STATUS_LABEL } from './labels';

/** Small pieces every page uses: chips and badges, problems, loading states. */
export function severityChip(severity: number): TemplateResult {
  return html`<span class="chip severity severity-${severity}" title=${severityName(severity)}
    >S${severity}</span
  >`;
}

export function statusChip(status: string): TemplateResult {
  return html`<span class="chip status status-${status}">${STATUS_LABEL[status] ?? status}</span>`;
}

/** null: the reader may not see the account's cover (a sharee from another company), so no badge either way. */
export function missionCriticalBadge(missionCritical: boolean | null): TemplateResult | typeof nothing {
  return missionCritical
    ? html`<span class="badge badge-mc" title="Mission Critical account">Mission Critical</span>`
    : nothing;
}

export function escalationBadge(
  escalation: EscalationView | null,
  escalated = !!escalation,
): TemplateResult | typeof nothing {
  if (!escalated || !escalation || escalation.status === 'de-escalated') {
    return escalated ? html`<span class="badge badge-escalated">Escalated</span>` : nothing;
  }
  return html`<span
    class="badge badge-escalated"
    title=${ESCALATION_STATUS_LABEL[escalation.status] ?? escalation.status}
    >Escalated L${escalation.level}</span
  >`;
}

/**
 * An API problem as the API worded it. A form passes the fields it shows: their complaints are
 * printed beside them (fieldError), so the alert keeps its title and lists only the others.
 */
export function problemAlert(
  problem: unknown,
  besideFields: readonly string[] = [],
): TemplateResult | typeof nothing {
  if (!problem) return nothing;
  const { title, detail, status, listed } = problemDisplay(problem, besideFields);
  // The status code is for developers (kept in data-status); the title says what happened.
  // tabindex: a refusal naming no shown field takes the focus itself (focusFirstProblem).
  return html`<div class="problem" role="alert" tabindex="-1" data-status=${status ?? nothing}>
    <strong class="problem-title">${title}</strong>
    ${detail ? html`<p class="problem-detail">${detail}</p>` : nothing}
    ${
      listed.length > 0
        ? html`<ul class="problem-fields">
            ${listed.map((error) => html`<li><code>${error.field}</code>: ${error.message}</li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}

/** The message under an input the API complained about (wired to it with aria-describedby). */
export function fieldError(problem: unknown, field: string, id: string): TemplateResult | typeof nothing {
  const error = problem instanceof ApiProblem ? problem.errors.find((e) => e.field === field) : undefined;
  return error ? html`<p class="field-error" id=${id}>${plainFieldMessage(error)}</p>` : nothing;
}

export function invalid(problem: unknown, field: string): 'true' | 'false' {
  return problem instanceof ApiProblem && problem.fieldMessage(field) ? 'true' : 'false';
}

export interface TextFieldOptions {
  /** The control's id; its error message gets `<id>-error`. */
  id: string;
  /** The form field, and the name the API's problem uses for it. */
  name: string;
  label: string;
  type?: 'email';
  maxlength?: number;
  /** A multi-line text area of this many rows instead of a one-line input. */
  rows?: number;
}

/** A required text field with its label and, after a refused submit, the API's message for it. */
export function textField(problem: unknown, field: TextFieldOptions): TemplateResult {
  const errorId = `${field.id}-error`;
  const control =
    field.rows === undefined
      ? html`<input
          id=${field.id}
          name=${field.name}
          type=${field.type ?? nothing}
          required
          maxlength=${field.maxlength ?? nothing}
          aria-invalid=${invalid(problem, field.name)}
          aria-describedby=${errorId}
        />`
      : html`<textarea
          id=${field.id}
          name=${field.name}
          rows=${field.rows}
          required
          aria-invalid=${invalid(problem, field.name)}
          aria-describedby=${errorId}
        ></textarea>`;
  return html`<div class="field">
    <label for=${field.id}>${field.label}</label>
    ${control} ${fieldError(problem, field.name, errorId)}
  </div>`;
}

export function loading(what: string): TemplateResult {
  return html`<p class="loading" role="status">
    <span class="spinner" aria-hidden="true"></span> Loading ${what}…
  </p>`;
}

export function pageHeading(title: string, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
  return html`<div class="page-heading">
    <h1 id="page-title" tabindex="-1">${title}</h1>
    ${extra}
  </div>`;
}
