import { html, nothing, TemplateResult } from 'lit-html';
import type { LicenceListItem } from '../api/api-types';
import type { ConsoleContext } from '../app/page';
import { focusFirstProblem, focusHeadingAfterChange } from '../shared/focus';
import { problemAlert } from '../shared/ui';
import { licenceLabel } from './licence-label';

/**
 * A customer's pending invitations to licences in force, each with a "Complete registration"
 * button that sends the activation request (POST …/activation, no body, the signed-in user's own
 * token) the invitation mail describes. Without it an invited customer who is not a developer
 * could do nothing in the console until someone sent the request for them. Pages hand it the
 * caller's GET /v1/licences items and, once a registration completes, reload what the customer may
 * now do (`completed`).
 */
export class PendingInvitations {
  private invitations: LicenceListItem[] = [];
  /** The licence whose activation is being sent. */
  private busy?: string;
  private problem: unknown;

  constructor(
    private readonly context: ConsoleContext,
    private readonly completed: () => Promise<void> | void,
  ) {}

  /** The caller's licences (GET /v1/licences); only pending invitations to licences in force show. */
  show(items: readonly LicenceListItem[]): void {
    this.invitations = pendingInvitations(items);
  }

  template(): TemplateResult | typeof nothing {
    if (this.invitations.length === 0) return nothing;
    return html`<section
      class="panel pending-invitations narrow"
      aria-labelledby="pending-invitations-heading"
    >
      <h2 id="pending-invitations-heading">
        ${this.invitations.length === 1 ? 'Your invitation is pending' : 'Your invitations are pending'}
      </h2>
      <p>
        Complete your registration to log cases on
        ${this.invitations.length === 1 ? 'this licence' : 'these licences'}:
      </p>
      ${problemAlert(this.problem)}
      <ul class="pending-invitation-list">
        ${this.invitations.map(
          (licence) =>
            html`<li>
              <span>${licenceLabel(licence)}</span>
              <button
                class="button primary small"
                type="button"
                ?disabled=${this.busy !== undefined}
                @click=${() => this.complete(licence)}
              >
                ${this.busy === licence.id ? 'Completing…' : 'Complete registration'}
              </button>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private async complete(licence: LicenceListItem): Promise<void> {
    if (!licence.activation) return;
    this.busy = licence.id;
    this.problem = undefined;
    this.context.requestRender();
    try {
      await this.context.api.post(licence.activation);
      this.invitations = this.invitations.filter((item) => item.id !== licence.id);
      this.context.announce('Registration completed: you may now log cases on this licence');
      // The navigation and the pages follow the new standing (New case, the licence field).
      await this.context.licences.reload().catch(() => undefined);
      await this.completed();
      // The card and its button are gone: the page's heading keeps the keyboard's place.
      focusHeadingAfterChange('page-title');
    } catch (error) {
      this.problem = error;
      // The button was disabled while it ran: the refusal takes the focus, so it is read out.
      focusFirstProblem('section.pending-invitations');
    } finally {
      this.busy = undefined;
      this.context.requestRender();
    }
  }
}

/** Invitations the customer can complete now: to a licence still in force, with its request. */
export function pendingInvitations(items: readonly LicenceListItem[]): LicenceListItem[] {
  return items.filter(
    (licence) => licence.active && licence.standing.includes('pending-invitation') && !!licence.activation,
  );
}
