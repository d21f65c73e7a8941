import { html, nothing, TemplateResult } from 'lit-html';
import type { CaseDetailView, CaseHistory, LicenceListItem } from '../api/api-types';
import { ApiProblem } from '../api/api-problem';
import type { ConsoleContext } from '../app/page';
import { ESCALATION_REASON_LABEL, REDIRECT_LABEL, severityName } from '../shared/labels';
import { focusFirstField, focusFirstProblem, focusHeadingAfterChange } from '../shared/focus';
import { fieldError, invalid, problemAlert, textField } from '../shared/ui';
import { allowedActions, CaseAction, mayUnshare, Viewer } from './case-actions';
import { caseChangedMeanwhile } from './changed-meanwhile';

/** What a licence-expired refusal says a customer may no longer do on the case (see `licenceLapsed`). */
const LAPSED_LICENCE_REFUSES: ReadonlySet<CaseAction> = new Set(['reopen', 'share']);

interface ActionRequest {
  method: 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  done: string;
}

/**
 * The actions the signed-in person may take on the case, each a disclosure with its form. Every
 * command carries the revision the person saw (If-Match: a case changed meanwhile is refused with
 * 412, never silently overwritten) and an Idempotency-Key kept until it succeeds (a retry or a
 * double click appends once). Refusals are shown as the API's problem details, beside the fields
 * it names.
 */
export class CaseActionsPanel {
  private readonly problems = new Map<CaseAction, unknown>();
  private readonly keys = new Map<CaseAction, string>();
  private readonly open = new Set<CaseAction>();
  private busy?: CaseAction;
  /**
   * The API's licence-expired refusal of something done on this case: the licence ended after the
   * case was loaded (its `allowedActions` were judged before), or an older API gave no list. A
   * customer who is not its user (a sharee or case-team member of another company) cannot read that
   * licence. From then on it is shown at the top of the actions, and Reopen and Share, which it
   * refuses, are no longer offered, instead of a form that can only be refused again.
   */
  private licenceLapsed?: ApiProblem;
  /** A customer's licences, once GET /v1/licences answered. */
  private licences?: readonly LicenceListItem[];

  constructor(
    private readonly context: ConsoleContext,
    /** Reloads the case; gives its history, to say what changed when a command came too late. */
    private readonly afterChange: () => Promise<CaseHistory | undefined>,
  ) {
    if (!context.user.staff) void this.loadLicences();
  }

  template(view: CaseDetailView): TemplateResult {
    const actions = this.offered(view);
    if (actions.length === 0) {
      return html`<section class="panel" aria-labelledby="actions-heading">
        <h2 id="actions-heading" tabindex="-1">Actions</h2>
        ${this.licenceLapsedNote()}
        <p class="muted">
          ${this.context.user.staff ? 'Your role reads cases; it does not change them.' : 'Nothing to do on this case now.'}
        </p>
      </section>`;
    }
    const has = (action: CaseAction) => actions.includes(action);
    return html`<section class="panel actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading" tabindex="-1">Actions</h2>
      ${this.licenceLapsedNote()}
      ${has('comment') || has('internal-note') ? this.commentForm(view, has('comment'), has('internal-note')) : nothing}
      ${has('change-severity') ? this.severityForm(view) : nothing}
      ${has('escalate') ? this.escalateForm(view) : nothing}
      ${has('acknowledge-escalation') ? this.confirmForm(view, 'acknowledge-escalation', 'Acknowledge the escalation', 'Tells the customer their escalation is being handled; status updates are then due on the escalation cadence.', 'Acknowledge', { method: 'POST', path: '/escalations/acknowledgement', done: 'Escalation acknowledged' }) : nothing}
      ${has('post-status-update') ? this.textForm(view, 'post-status-update', 'Post an escalation status update', 'body', 'Status update', { path: '/escalations/status-updates', done: 'Status update posted' }) : nothing}
      ${has('de-escalate') ? this.textForm(view, 'de-escalate', 'De-escalate', 'reason', 'Reason', { path: '/escalations/de-escalation', done: 'Case de-escalated' }) : nothing}
      ${has('request-information') ? this.textForm(view, 'request-information', 'Request information from the customer', 'body', 'Message (optional)', { path: '/information-request', done: 'Information requested; the resolution clock is paused', optional: true }) : nothing}
      ${has('assign') ? this.assignForm(view) : nothing}
      ${has('unassign') ? this.unassignForm(view) : nothing} ${has('share') ? this.shareForm(view) : nothing}
      ${has('resolve') ? this.textForm(view, 'resolve', 'Resolve', 'summary', 'Resolution summary', { path: '/resolution', done: 'Resolution proposed' }) : nothing}
      ${has('close') ? this.confirmForm(view, 'close', 'Close the case', 'Confirms the proposed resolution and closes the case.', 'Close case', { method: 'POST', path: '/closure', done: 'Case closed' }) : nothing}
      ${has('reopen') ? this.textForm(view, 'reopen', 'Reopen', 'reason', 'Why is it not solved?', { path: '/reopening', done: 'Case reopened' }) : nothing}
      ${has('redirect') ? this.redirectForm(view) : nothing}
    </section>`;
  }

  /**
   * The actions offered: the API's list (or the console's guess), without those a licence-expired
   * refusal since the case was loaded has ruled out (the list was the API's word before it).
   */
  private offered(view: CaseDetailView): CaseAction[] {
    const actions = allowedActions(view, this.viewer(view));
    return this.licenceLapsed ? actions.filter((action) => !LAPSED_LICENCE_REFUSES.has(action)) : actions;
  }

  /** Whether the person is offered the action on the case now. */
  offers(view: CaseDetailView, action: CaseAction): boolean {
    return this.offered(view).includes(action);
  }

  /**
   * Opens an action's form (from a notice elsewhere on the page pointing to it) and takes the
   * keyboard to its first field once rendered, so the person can act on what the notice said.
   */
  openForm(action: CaseAction): void {
    this.open.add(action);
    this.context.requestRender();
    focusFirstField(`details[data-action="${action}"] .action-body`);
  }

  /** Unsharing is offered next to each shared person, to whoever may unshare. */
  canUnshare(view: CaseDetailView): boolean {
    return mayUnshare(view, this.viewer(view));
  }

  private viewer(view: CaseDetailView): Viewer {
    const licences = this.licences;
    // Refused as expired: not in force, whatever else is known of it.
    const lapsed = this.licenceLapsed ? { caseLicenceActive: false } : {};
    if (!licences) return { ...this.context.user, ...lapsed };
    const caseLicence = licences.find((licence) => licence.id === view.licenceId);
    return {
      ...this.context.user,
      caseLicenceActive: caseLicence?.active,
      ...lapsed,
      sharesTickets: caseLicence?.permissions?.shareTickets === true,
      licensedOnAccount: licences.some(
        (licence) => licence.accountId === view.accountId && licence.mayOpenCases,
      ),
    };
  }

  /**
   * Sharing is offered to an opener who holds share tickets on the case's licence (API.md:
   * ShareCase); escalating to a licensed user of the case's account (Escalate).
   */
  private async loadLicences(): Promise<void> {
    try {
      this.licences = await this.context.licences.load();
      this.context.requestRender();
    } catch {
      // Unknown: the action stays offered and the API decides, saying why if it refuses.
    }
  }

  /** The licence-expired refusal, kept where the actions it refuses were. */
  private licenceLapsedNote(): TemplateResult | typeof nothing {
    return this.licenceLapsed
      ? html`<div class="licence-lapsed">${problemAlert(this.licenceLapsed)}</div>`
      : nothing;
  }

  async unshare(view: CaseDetailView, email: string): Promise<void> {
    await this.execute(view, 'share', {
      method: 'DELETE',
      path: `/shares/${encodeURIComponent(email)}`,
      done: `Stopped sharing with ${email}`,
    });
  }

  /** `fields`: those the form shows with their complaint beside them (the alert leaves them out). */
  private disclosure(
    action: CaseAction,
    summary: string,
    body: TemplateResult,
    fields: readonly string[] = [],
  ): TemplateResult {
    return html`<details
      class="action"
      data-action=${action}
      ?open=${this.open.has(action)}
      @toggle=${(event: Event) => this.remember(action, (event.target as HTMLDetailsElement).open)}
    >
      <summary>${summary}</summary>
      <div class="action-body">${problemAlert(this.problems.get(action), fields)} ${body}</div>
    </details>`;
  }

  private commentForm(
    view: CaseDetailView,
    publicAllowed: boolean,
    internalAllowed: boolean,
  ): TemplateResult {
    const problem = this.problems.get('comment');
    return this.disclosure(
      'comment',
      publicAllowed ? 'Add a comment' : 'Add an internal note',
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) => this.submitComment(event, view, publicAllowed)}
      >
        ${textField(problem, {
          id: 'comment-body',
          name: 'body',
          label: publicAllowed ? 'Comment' : 'Internal note',
          rows: 4,
        })}
        ${
          internalAllowed && publicAllowed
            ? html`<label class="inline"
                ><input type="checkbox" name="internal" /> Internal note (staff only, never shown to
                customers)</label
              >`
            : nothing
        }
        ${this.submitButton('comment', publicAllowed ? 'Post comment' : 'Add note')}
      </form>`,
      ['body'],
    );
  }

  private severityForm(view: CaseDetailView): TemplateResult {
    const problem = this.problems.get('change-severity');
    return this.disclosure(
      'change-severity',
      'Change severity',
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) => this.submitFields(event, view, 'change-severity', '/severity', 'Severity changed', (form) => ({ severity: Number(form.get('severity')), reason: text(form, 'reason') }))}
      >
        <div class="field">
          <label for="severity-new">New severity</label>
          <select
            id="severity-new"
            name="severity"
            aria-invalid=${invalid(problem, 'severity')}
            aria-describedby="severity-new-error"
          >
            ${[1, 2, 3].map(
              (severity) =>
                html`<option
                  value=${severity}
                  ?disabled=${severity === view.severity}
                  ?selected=${severity === (view.severity === 1 ? 2 : view.severity - 1)}
                >
                  S${severity} · ${severityName(severity)}${severity === view.severity ? ' (current)' : ''}
                </option>`,
            )}
          </select>
          ${fieldError(problem, 'severity', 'severity-new-error')}
        </div>
        ${this.reasonField('change-severity', 'severity-reason', 'Reason', 'reason')}
        ${this.submitButton('change-severity', 'Change severity')}
      </form>`,
      ['severity', 'reason'],
    );
  }

  private escalateForm(view: CaseDetailView): TemplateResult {
    const problem = this.problems.get('escalate');
    const again = view.escalation && view.escalation.status !== 'de-escalated';
    return this.disclosure(
      'escalate',
      again ? `Escalate further (level ${(view.escalation?.level ?? 0) + 1})` : 'Escalate',
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) => this.submitFields(event, view, 'escalate', '/escalations', 'Case escalated', (form) => ({ reason: text(form, 'reason'), details: text(form, 'details') }))}
      >
        <div class="field">
          <label for="escalate-reason">Reason</label>
          <select
            id="escalate-reason"
            name="reason"
            aria-invalid=${invalid(problem, 'reason')}
            aria-describedby="escalate-reason-error"
          >
            ${Object.entries(ESCALATION_REASON_LABEL).map(([reason, label]) => html`<option value=${reason}>${label}</option>`)}
          </select>
          ${fieldError(problem, 'reason', 'escalate-reason-error')}
        </div>
        ${this.reasonField('escalate', 'escalate-details', 'Details', 'details')}
        ${this.submitButton('escalate', 'Escalate')}
      </form>`,
      ['reason', 'details'],
    );
  }

  private assignForm(view: CaseDetailView): TemplateResult {
    const problem = this.problems.get('assign');
    return this.disclosure(
      'assign',
      view.assignee ? 'Reassign' : 'Assign',
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) => this.submitFields(event, view, 'assign', '/assignment', 'Case assigned', (form) => ({ engineer: text(form, 'engineer') }))}
      >
        <div class="field">
          <label for="assign-engineer">Engineer’s email</label>
          <input
            id="assign-engineer"
            name="engineer"
            type="email"
            required
            .value=${this.context.user.email}
            aria-invalid=${invalid(problem, 'engineer')}
            aria-describedby="assign-engineer-error"
          />
          ${fieldError(problem, 'engineer', 'assign-engineer-error')}
        </div>
        ${this.submitButton('assign', 'Assign')}
      </form>`,
      ['engineer'],
    );
  }

  /** Gives the case back to the unassigned queue; the reason (optional) is for staff, as an assignment's. */
  private unassignForm(view: CaseDetailView): TemplateResult {
    return this.disclosure(
      'unassign',
      'Unassign',
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          const form = event.target as HTMLFormElement;
          const reason = text(new FormData(form), 'reason');
          void this.execute(
            view,
            'unassign',
            {
              method: 'DELETE',
              path: '/assignment',
              ...(reason ? { body: { reason } } : {}),
              done: 'Case unassigned; it is back in the unassigned queue',
            },
            form,
          );
        }}
      >
        <p class="muted">
          Puts the case back in the unassigned queue (${view.assignee} is told); only staff see the reason.
        </p>
        ${this.reasonField('unassign', 'unassign-reason', 'Reason (optional)', 'reason', true)}
        ${this.submitButton('unassign', 'Unassign')}
      </form>`,
      ['reason'],
    );
  }

  private shareForm(view: CaseDetailView): TemplateResult {
    const problem = this.problems.get('share');
    return this.disclosure(
      'share',
      'Share with someone',
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) => this.submitFields(event, view, 'share', '/shares', 'Case shared', (form) => ({ email: text(form, 'email'), name: text(form, 'name') }))}
      >
        ${textField(problem, { id: 'share-email', name: 'email', label: 'Email', type: 'email' })}
        ${textField(problem, { id: 'share-name', name: 'name', label: 'Name' })}
        ${this.submitButton('share', 'Share')}
      </form>`,
      ['email', 'name'],
    );
  }

  private redirectForm(view: CaseDetailView): TemplateResult {
    const problem = this.problems.get('redirect');
    return this.disclosure(
      'redirect',
      'Redirect out of support scope',
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) => this.submitFields(event, view, 'redirect', '/redirection', 'Case redirected', (form) => ({ to: text(form, 'to'), referral: text(form, 'referral') }))}
      >
        <div class="field">
          <label for="redirect-to">Redirect to</label>
          <select id="redirect-to" name="to" aria-invalid=${invalid(problem, 'to')}>
            ${Object.entries(REDIRECT_LABEL).map(([to, label]) => html`<option value=${to}>${label}</option>`)}
          </select>
        </div>
        ${this.reasonField('redirect', 'redirect-referral', 'Referral for the customer', 'referral')}
        ${this.submitButton('redirect', 'Redirect and close')}
      </form>`,
      ['referral'],
    );
  }

  private textForm(
    view: CaseDetailView,
    action: CaseAction,
    summary: string,
    field: string,
    label: string,
    request: { path: string; done: string; optional?: boolean },
  ): TemplateResult {
    return this.disclosure(
      action,
      summary,
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) =>
          this.submitFields(event, view, action, request.path, request.done, (form) => {
            const value = text(form, field);
            return request.optional && !value ? {} : { [field]: value };
          })}
      >
        ${this.reasonField(action, `${action}-${field}`, label, field, request.optional)}
        ${this.submitButton(action, summary)}
      </form>`,
      [field],
    );
  }

  private confirmForm(
    view: CaseDetailView,
    action: CaseAction,
    summary: string,
    explanation: string,
    button: string,
    request: ActionRequest,
  ): TemplateResult {
    return this.disclosure(
      action,
      summary,
      html`<form
        class="form"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          void this.execute(view, action, request);
        }}
      >
        <p class="muted">${explanation}</p>
        ${this.submitButton(action, button)}
      </form>`,
    );
  }

  private reasonField(
    action: CaseAction,
    id: string,
    label: string,
    field: string,
    optional = false,
  ): TemplateResult {
    const problem = this.problems.get(action);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <textarea
        id=${id}
        name=${field}
        rows="3"
        ?required=${!optional}
        aria-invalid=${invalid(problem, field)}
        aria-describedby=${`${id}-error`}
      ></textarea>
      ${fieldError(problem, field, `${id}-error`)}
    </div>`;
  }

  private submitButton(action: CaseAction, label: string): TemplateResult {
    const busy = this.busy === action;
    return html`<div class="form-actions">
      <button class="button primary" type="submit" ?disabled=${this.busy !== undefined}>
        ${busy ? 'Working…' : label}
      </button>
    </div>`;
  }

  private remember(action: CaseAction, open: boolean): void {
    if (open === this.open.has(action)) return;
    if (open) this.open.add(action);
    else this.open.delete(action);
    // Re-render so lit-html's record of the `open` attribute matches what the person did.
    this.context.requestRender();
  }

  private submitComment(event: SubmitEvent, view: CaseDetailView, publicAllowed: boolean): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const internal = !publicAllowed || data.get('internal') === 'on';
    void this.execute(
      view,
      'comment',
      {
        method: 'POST',
        path: '/comments',
        body: { body: text(data, 'body'), internal },
        done: internal ? 'Internal note added' : 'Comment posted',
      },
      form,
    );
  }

  private submitFields(
    event: SubmitEvent,
    view: CaseDetailView,
    action: CaseAction,
    path: string,
    done: string,
    body: (form: FormData) => Record<string, unknown>,
  ): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    void this.execute(view, action, { method: 'POST', path, body: body(new FormData(form)), done }, form);
  }

  private async execute(
    view: CaseDetailView,
    action: CaseAction,
    request: ActionRequest,
    form?: HTMLFormElement,
  ): Promise<void> {
    const key = this.keys.get(action) ?? crypto.randomUUID();
    this.keys.set(action, key);
    this.busy = action;
    this.problems.delete(action);
    this.context.requestRender();
    const path = `/v1/cases/${encodeURIComponent(view.id)}${request.path}`;
    const options = { ifMatch: view.revision, idempotencyKey: key };
    try {
      if (request.method === 'DELETE') await this.context.api.delete(path, options, request.body);
      else await this.context.api.post(path, request.body, options);
      this.keys.delete(action);
      this.open.delete(action);
      form?.reset();
      this.context.announce(request.done);
      await this.afterChange();
      focusHeadingAfterChange('actions-heading');
    } catch (error) {
      this.problems.set(action, error);
      // An unshare has no form and its disclosure may be closed: open it, so the refusal is seen.
      this.open.add(action);
      if (error instanceof ApiProblem && error.hasCode('licence-expired') && !this.context.user.staff) {
        // The action goes with the refusal's reason; the refusal stays, above the actions left.
        this.licenceLapsed = error;
        this.problems.delete(action);
        focusFirstProblem('.licence-lapsed');
      } else {
        focusFirstProblem(form ?? `details[data-action="${action}"] .action-body`);
      }
      if (error instanceof ApiProblem && error.status === 412) {
        // Someone changed the case since it was loaded: show what it is now and what changed, keep
        // the person's text (the form is not reset); they decide again.
        this.keys.delete(action);
        this.problems.set(action, caseChangedMeanwhile(view.revision, await this.afterChange()));
      }
    } finally {
      this.busy = undefined;
      this.context.requestRender();
    }
  }
}

function text(form: FormData, key: string): string {
  return String(form.get(key) ?? '').trim();
}
