import { html, nothing, TemplateResult } from 'lit-html';
import type { CommandResult, LicenceListItem } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { routeHref } from '../app/routes';
import { hasRole } from '../auth/session';
import { heldLicencesHint } from '../licences/holder-seat-hint';
import { licenceLabel } from '../licences/licence-label';
import { PendingInvitations } from '../licences/pending-invitations';
import { endedLicenceNotices } from '../licences/ended-licence-notices';
import { askToRenewAll } from '../licences/ended-licence-notes';
import { StaffLicences } from '../licences/staff-licences';
import { focusFirstProblem } from '../shared/focus';
import { checkForm } from '../shared/form-check';
import { severityName } from '../shared/labels';
import { webSeverityHint } from './severity-hint';
import { fieldError, invalid, pageHeading, problemAlert, textField } from '../shared/ui';

/** The fields the form shows, each with its complaint beside it. */
const NEW_CASE_FIELDS = ['licenceId', 'onBehalfOf', 'title', 'description', 'severity'];

interface KnownLicence {
  id: string;
  label: string;
}

/**
 * Opening a case (POST /v1/cases): a licensed user on the web (severity 2 or 3), or an engineer
 * logging a phone call on a licensed user's behalf (any severity).
 */
export class NewCasePage implements Page {
  readonly title = 'Open a case';
  private problem: unknown;
  private busy = false;
  private licences: KnownLicence[] = [];
  /** Engineers: every licence, loaded a page at a time as they type (GET /v1/licences). */
  private staffLicences?: StaffLicences;
  /** What the hint says of the caller's licences (customers: from GET /v1/licences). */
  private licencesNote = '';
  /** A customer's licences they may log cases on, by id: their plan, for the severity hint. */
  private ownPlans = new Map<string, string>();
  /** What the licence field holds, as typed or picked. */
  private chosenLicenceId = '';
  private readonly channel: 'web' | 'phone';
  // One key per filled-in form: a double submit or a retry opens one case, not two.
  private idempotencyKey = crypto.randomUUID();
  private readonly invitations: PendingInvitations;
  /** A customer who is party to no licence at all (a case-team member, a person cases are shared with). */
  private noLicence = false;

  constructor(private readonly context: ConsoleContext) {
    this.channel = this.engineer ? 'phone' : 'web';
    // Completing one reloads the licences: the field, its hint and the severity hint follow.
    this.invitations = new PendingInvitations(context, () => this.loadOwnLicences());
    void this.loadKnownLicences();
  }

  /** The plan of the licence chosen in the field, or every plan the customer may log cases on. */
  private get severityHintPlans(): string[] {
    const chosen = this.ownPlans.get(this.chosenLicenceId.trim());
    return chosen ? [chosen] : [...this.ownPlans.values()];
  }

  private get engineer(): boolean {
    return hasRole(this.context.user, 'engineer');
  }

  template(): TemplateResult {
    const problem = this.problem;
    // The default policy's channels per severity: 1 by phone, 2 by phone or web, 3 on the web.
    const severities = this.channel === 'phone' ? [1, 2] : [2, 3];
    if (this.noLicence) return this.cannotOpenTemplate();
    return html`${pageHeading(this.title)} ${this.invitations.template()}
      ${this.engineer ? nothing : endedLicenceNotices(this.context.licences.items, this.context.user.email)}
      <form class="form card narrow" @submit=${(event: SubmitEvent) => this.submit(event)} novalidate>
        ${problemAlert(problem, NEW_CASE_FIELDS)}
        <div class="field">
          <label for="case-licence">Licence</label>
          <input
            id="case-licence"
            name="licenceId"
            required
            list="case-licences"
            autocomplete="off"
            value=${
              // The attribute, not the property: it fills an untouched field only, never what was typed.
              !this.engineer && this.licences.length === 1 ? this.licences[0].id : ''
            }
            aria-invalid=${invalid(problem, 'licenceId')}
            aria-describedby="case-licence-hint case-licence-error"
            @input=${(event: Event) => this.licenceTyped(event)}
          />
          <datalist id="case-licences">
            ${this.licences.map((licence) => html`<option value=${licence.id}>${licence.label}</option>`)}
          </datalist>
          <p class="hint" id="case-licence-hint">
            ${
              this.licencesNote ||
              html`The licence id from your licence
              records${this.licences.length ? '; licences of your earlier cases are suggested' : ''}.`
            }
          </p>
          ${fieldError(problem, 'licenceId', 'case-licence-error')}
        </div>
        ${
          // Engineers open cases only for a licensed user who phoned (API.md: `onBehalfOf`, phone);
          // a web case is the customer's own.
          this.engineer
            ? textField(problem, {
                id: 'case-caller',
                name: 'onBehalfOf',
                label: 'Caller’s email (the licensed user who phoned)',
                type: 'email',
              })
            : nothing
        }
        ${textField(problem, { id: 'case-title', name: 'title', label: 'Title', maxlength: 200 })}
        ${textField(problem, {
          id: 'case-description',
          name: 'description',
          label: 'What happens, and what did you expect?',
          rows: 6,
        })}
        <div class="field">
          <label for="case-severity">Severity</label>
          <select
            id="case-severity"
            name="severity"
            aria-invalid=${invalid(problem, 'severity')}
            aria-describedby="case-severity-hint case-severity-error"
          >
            ${severities.map((severity) => html`<option value=${severity} ?selected=${severity === (this.channel === 'phone' ? 1 : 2)}>S${severity} · ${severityName(severity)}</option>`)}
          </select>
          ${
            this.channel === 'web'
              ? html`<p class="hint" id="case-severity-hint">${webSeverityHint(this.severityHintPlans)}</p>`
              : nothing
          }
          ${fieldError(problem, 'severity', 'case-severity-error')}
        </div>
        <div class="field">
          <label for="case-category">Category <span class="optional">(optional)</span></label>
          <input id="case-category" name="category" maxlength="100" />
        </div>
        <div class="form-actions">
          <button class="button primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? 'Opening…' : 'Open case'}
          </button>
        </div>
      </form>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    // Required fields are checked here, before sending, and said beside each field.
    const unfilled = checkForm(formElement);
    if (unfilled) return this.refused(unfilled, formElement);
    const form = new FormData(formElement);
    const text = (key: string) => String(form.get(key) ?? '').trim();
    const body = {
      licenceId: text('licenceId'),
      title: text('title'),
      description: text('description'),
      severity: Number(form.get('severity')),
      channel: this.channel,
      ...(text('category') ? { category: text('category') } : {}),
      ...(this.channel === 'phone' ? { onBehalfOf: text('onBehalfOf') } : {}),
    };
    this.busy = true;
    this.problem = undefined;
    this.context.requestRender();
    try {
      const opened = await this.context.api.post<CommandResult>('/v1/cases', body, {
        idempotencyKey: this.idempotencyKey,
      });
      this.idempotencyKey = crypto.randomUUID();
      this.context.announce('Case opened');
      this.context.navigate({ page: 'case', caseId: opened.id });
    } catch (error) {
      this.busy = false;
      this.refused(error, formElement);
    }
  }

  /** Shows the refusal beside the fields and takes the focus to the first field in error. */
  private refused(problem: unknown, form: HTMLFormElement): void {
    this.problem = problem;
    this.context.requestRender();
    focusFirstProblem(form);
  }

  /** No form: without a licence every opening is refused, and no licence holder of theirs can invite them. */
  private cannotOpenTemplate(): TemplateResult {
    return html`${pageHeading(this.title)}
      <p class="role-note">${NO_LICENCE_NOTE}</p>
      <p><a href=${routeHref({ page: 'cases' })}>Go to My cases</a></p>`;
  }

  private licenceTyped(event: Event): void {
    this.chosenLicenceId = (event.target as HTMLInputElement).value;
    // The severity hint follows the chosen licence's plan.
    if (!this.engineer) this.context.requestRender();
    void this.loadMoreStaffLicences();
  }

  private async loadKnownLicences(): Promise<void> {
    if (!this.engineer) return this.loadOwnLicences();
    this.staffLicences = new StaffLicences(this.context.api);
    this.licencesNote =
      'Type the caller’s account or product and pick their licence (account · product · edition (plan)).';
    await this.loadMoreStaffLicences();
  }

  /** Engineers: the next page of every licence, each named by account, product, edition and plan. */
  private async loadMoreStaffLicences(): Promise<void> {
    const licences = this.staffLicences;
    if (!licences?.more) return;
    try {
      await licences.loadNext();
      this.licences = licences.items.map((licence) => ({
        id: licence.id,
        label: `${licenceLabel(licence)}${licence.active ? '' : ' – expired'}`,
      }));
      this.context.requestRender();
    } catch {
      // Suggestions only: the form works without them (an id may be pasted).
    }
  }

  /**
   * A customer's own licences (GET /v1/licences): those they may log cases on now are offered (and
   * filled in when there is one); otherwise the hint says why there is none to offer.
   */
  private async loadOwnLicences(): Promise<void> {
    try {
      const items = await this.context.licences.load();
      const usable = items.filter((licence) => licence.mayOpenCases);
      this.licences = usable.map((licence) => ({ id: licence.id, label: licenceLabel(licence) }));
      this.licencesNote = ownLicencesNote(items, usable, this.context.user.email);
      this.noLicence = items.length === 0;
      this.ownPlans = new Map(usable.map((licence) => [licence.id, licence.plan]));
      this.invitations.show(items);
      this.context.requestRender();
    } catch {
      // Suggestions only: the form works without them.
    }
  }
}

/** The hint under the licence field for a customer, from what GET /v1/licences told of them. */
function ownLicencesNote(items: LicenceListItem[], usable: LicenceListItem[], ownEmail: string): string {
  if (usable.length === 1) return `Your licence: ${licenceLabel(usable[0])}.`;
  if (usable.length > 1) return 'Choose one of your licences (suggested as you type), or paste its id.';
  if (items.some((licence) => licence.standing.includes('pending-invitation') && licence.active))
    return 'Your invitation to a licence is pending: complete your registration (above) first.';
  if (items.some((licence) => licence.standing.includes('pending-invitation')))
    return 'Your invitation waits for its licence’s renewal (see above): once it is renewed, complete your registration to log cases.';
  const held = heldLicencesHint(items);
  if (held !== undefined) return held;
  // Whom to ask as the notices above it name them, not other advice of its own.
  return `Your licences have ended. ${askToRenewAll(items, ownEmail)}`;
}

/**
 * For someone party to no licence: a case-team member or a person a case is shared with follows
 * another company's cases, which that company's licensed users open; they have no holder to ask.
 */
const NO_LICENCE_NOTE =
  'You are not a user of any licence, so you cannot open cases. Cases are opened by the licensed users of a customer; the cases you follow (as a member of a case team, or shared with you) are under My cases, where you can read them and comment on open ones. If your own company has a support licence, its holder can invite you as a user.';
