import { html, nothing, TemplateResult } from 'lit-html';
import type { LicenceListItem } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { routeHref } from '../app/routes';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import { holderSeatHint, noSeatLeft } from './holder-seat-hint';
import { lapsedDelegate, managesUsers, seatsSentence } from './licence-admin-labels';
import { licenceLabel } from './licence-label';
import { licenceTerm } from './licence-term';

/**
 * The licences whose users the signed-in customer administers (its holder, or a user who manages
 * users), from their GET /v1/licences: seats, invitations waiting and those past the follow-up
 * time (the 48-hour access promise), each leading to its users.
 */
export class LicencesPage implements Page {
  readonly title = 'Licences';
  private licences?: LicenceListItem[];
  private problem: unknown;

  constructor(private readonly context: ConsoleContext) {
    void this.load();
  }

  template(): TemplateResult {
    const licences = this.licences;
    return html`${pageHeading(this.title)} ${problemAlert(this.problem)}
    ${
      !licences
        ? this.problem
          ? nothing
          : loading('your licences')
        : licences.length === 0
          ? html`<p class="empty">
              You administer no licence: its holder, or a user who manages its users, invites and removes its
              users.
            </p>`
          : html`<ul class="licence-cards">
              ${licences.map((licence) => licenceCard(licence))}
            </ul>`
    }`;
  }

  private async load(): Promise<void> {
    try {
      // Also the ended licences whose users they manage once renewed, saying so, rather than none.
      this.licences = (await this.context.licences.load()).filter(
        (licence) => managesUsers(licence) || lapsedDelegate(licence),
      );
      this.problem = undefined;
    } catch (error) {
      this.problem = error;
    } finally {
      this.context.requestRender();
    }
  }
}

/** To a holder who is not one of its users: how to log cases on it, or that it has no free seat (holderSeatHint). */
function holderNote(licence: LicenceListItem): TemplateResult | typeof nothing {
  const hint = holderSeatHint(licence);
  if (hint === undefined) return nothing;
  return html`<p class=${noSeatLeft(licence) ? 'overdue-note holder-seat-hint' : 'muted holder-seat-hint'}>
    ${hint}
  </p>`;
}

function licenceCard(licence: LicenceListItem): TemplateResult {
  // An ended licence's invitations wait for its renewal (nobody can register meanwhile): none is overdue.
  const overdue = licence.active ? (licence.pendingInvitationsOverdue ?? 0) : 0;
  const pending = licence.pendingInvitations ?? 0;
  return html`<li class="panel licence-card">
    <h2><a href=${routeHref({ page: 'licence', licenceId: licence.id })}>${licenceLabel(licence)}</a></h2>
    <p class="muted">
      ${licenceTerm(licence, licence.accountTimeZone)}
      ${licence.seatsUsed === undefined ? nothing : html` · ${seatsSentence(licence.seatsUsed, licence.seatsLeft ?? '')}`}
    </p>
    ${
      pending > 0
        ? html`<p class=${overdue > 0 ? 'overdue-note' : 'muted'}>
            ${pending} invitation${pending === 1 ? '' : 's'} waiting for
            registration${licence.active ? '' : ', which can be completed once the licence is renewed'}${overdue > 0 ? html`, <strong>${overdue} overdue</strong> (waiting longer than access is promised)` : nothing}
          </p>`
        : nothing
    }
    ${
      lapsedDelegate(licence)
        ? html`<p class="muted licence-lapsed-manager">
            Ended: your manage-users permission applies again once it is renewed. Until then its holder
            ${licence.holderEmail ? `(${licence.holderEmail}) ` : ''}or an admin manages its users; ask your
            account manager to renew it.
          </p>`
        : nothing
    }
    ${holderNote(licence)}
  </li>`;
}
