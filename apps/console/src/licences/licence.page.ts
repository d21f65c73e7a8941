import { html, nothing, TemplateResult } from 'lit-html';
import type {
  LicenceUserChange,
  LicenceUserChangesView,
  LicenceView,
  LicensedUserView,
  PendingInvitationsView,
} from '../api/api-types';
import { ApiProblem } from '../api/api-problem';
import type { ConsoleContext, Page } from '../app/page';
import { focusAfterRender, focusFirstProblem, focusHeadingAfterChange } from '../shared/focus';
import { checkForm } from '../shared/form-check';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import { managesUsers, permissionsSummary, seatsSentence, userChangeSentence } from './licence-admin-labels';
import { licenceChangedMeanwhile } from './licence-changed-meanwhile';
import { FormHost, handOverForm, inviteForm, userForms } from './licence-forms';
import { LicenceRequest, licenceRequestFor } from './licence-requests';
import {
  InvitationSending,
  invitationSending,
  resendRefusedUntil,
  resendWaits,
  sentAgainNote,
  flaggedOverdue,
} from './invitation-sending';
import { licenceLabel } from './licence-label';
import { formatWithUtc } from '../shared/format';
import { licenceTerm } from './licence-term';
import {
  LicenceOffers,
  licenceEndedNotice,
  licenceOffers,
  licenceReaderNotice,
  LicenceViewer,
  manageUsersReservedHint,
  userEntryOffers,
} from './licence-offers';

const CHANGES_PAGE = 20;

/**
 * A licence's user administration, for its holder and users who manage users (DOMAIN.md
 * "Licences and licensed users"): its users and pending invitations (those past the follow-up time
 * flagged, with Send again), inviting, changing permissions, removing a user or withdrawing an
 * invitation, handing the licence over (the holder), and the log of who changed what. Every change
 * carries the licence revision the page showed (If-Match: a licence changed meanwhile is refused
 * with 412 and shown as it is now) and an Idempotency-Key kept until it succeeds.
 */
export class LicencePage implements Page, FormHost {
  private licence?: LicenceView;
  private overdue = new Set<string>();
  /** The hours after which the API lists an invitation as overdue (pending-invitations' olderThanHours). */
  private followUpHours = 48;
  /** Resends this page made or was refused (409 retryAfter), for an API whose entries do not say. */
  private readonly sentAgain = new Map<string, InvitationSending>();
  /** The account's time zone (null: UTC; undefined: not readable to this reader, so UTC alone). */
  private timeZone?: string | null;
  private changes: LicenceUserChange[] = [];
  private changesCursor?: string;
  private loadProblem: unknown;
  private readonly problems = new Map<string, unknown>();
  private readonly keys = new Map<string, string>();
  private readonly opened = new Set<string>();
  busy: string | undefined = undefined;

  constructor(
    private readonly context: ConsoleContext,
    private readonly licenceId: string,
  ) {
    void this.load();
  }

  get title(): string {
    const licence = this.licence;
    if (!licence) return 'Licence';
    const listed = this.context.licences.items?.find((item) => item.id === licence.id);
    return listed ? licenceLabel(listed) : `${licence.product} · ${licence.edition} (${licence.plan})`;
  }

  template(): TemplateResult {
    const licence = this.licence;
    if (!licence)
      return html`${pageHeading('Licence')}
      ${this.loadProblem ? problemAlert(this.loadProblem) : loading('the licence')}`;
    const offers = licenceOffers(licence, this.viewer);
    const manageUsersReserved = offers.grantManageUsers
      ? undefined
      : manageUsersReservedHint(licence.holderEmail);
    return html`${pageHeading(this.title)} ${problemAlert(this.loadProblem)}
      <p class="licence-terms">
        ${licenceTerm(licence, this.zone)} · Holder: ${licence.holderEmail} ·
        ${seatsSentence(licence.seatsUsed, licence.seatsLeft)}
      </p>
      ${licence.active || !offers.administers ? nothing : html`<p class="notice licence-ended">${licenceEndedNotice(licence, offers, this.zone)}</p>`}
      ${offers.administers ? this.administration(licence, offers, manageUsersReserved) : this.ownEntry(licence, offers)}`;
  }

  /** A user who does not administer the licence: its terms (above), their own entry and whom to ask. */
  private ownEntry(licence: LicenceView, offers: LicenceOffers): TemplateResult {
    return html`<p class="notice licence-reader">${licenceReaderNotice(licence, this.viewer, this.zone)}</p>
      <section class="panel" aria-labelledby="users-heading">
        <h2 id="users-heading" tabindex="-1">Your entry</h2>
        <ul class="licence-users">
          ${licence.users.map((user, index) => this.userItem(user, index, offers, undefined))}
        </ul>
      </section>`;
  }

  private administration(
    licence: LicenceView,
    offers: LicenceOffers,
    manageUsersReserved: string | undefined,
  ): TemplateResult {
    return html`<div class="licence-columns">
      <section class="panel" aria-labelledby="users-heading">
        <h2 id="users-heading" tabindex="-1">Users</h2>
        ${
          licence.users.length === 0
            ? html`<p class="muted">No users yet: invite the first one below.</p>`
            : html`<ul class="licence-users">
                ${licence.users.map((user, index) => this.userItem(user, index, offers, manageUsersReserved))}
              </ul>`
        }
        <div class="actions">
          ${offers.invite ? inviteForm(this, manageUsersReserved) : nothing}
          ${offers.handOver ? handOverForm(this) : nothing}
        </div>
      </section>
      ${this.changesSection()}
    </div>`;
  }

  // FormHost: the forms' state, kept here so a re-render keeps what is open and what was refused.
  problem(key: string): unknown {
    return this.problems.get(key);
  }

  isOpen(key: string): boolean {
    return this.opened.has(key);
  }

  toggled(key: string, open: boolean): void {
    if (open === this.opened.has(key)) return;
    if (open) this.opened.add(key);
    else this.opened.delete(key);
    this.context.requestRender();
  }

  submit(key: string, event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const unfilled = checkForm(form);
    if (unfilled) return this.refused(key, unfilled, form);
    const request = licenceRequestFor(key, new FormData(form), this.licence);
    if (request) void this.send(key, request, form);
  }

  private get viewer(): LicenceViewer {
    return { email: this.context.user.email, roles: this.context.user.roles };
  }

  private userItem(
    user: LicensedUserView,
    index: number,
    offers: LicenceOffers,
    manageUsersReserved: string | undefined,
  ): TemplateResult {
    const licence = this.licence as LicenceView;
    const now = this.context.clock.now();
    const sending = invitationSending(user, this.sentAgain.get(user.email));
    const overdue = flaggedOverdue(
      user,
      this.overdue.has(user.email),
      licence.active,
      sending,
      this.followUpHours,
      now,
    );
    const entryOffers = userEntryOffers(
      licence,
      offers,
      this.viewer,
      user,
      overdue && !resendWaits(sending, now),
    );
    const sentAgain =
      user.status === 'pending' ? sentAgainNote(sending, now, (iso) => this.time(iso)) : undefined;
    return html`<li class="licence-user">
      <div class="licence-user-who">
        <strong>${user.firstName} ${user.lastName}</strong>
        <span class="muted">${user.email}</span>
        ${
          user.status === 'active'
            ? html`<span class="chip">Active since ${this.time(user.registeredAt)}</span>`
            : html`<span class="chip">Invited ${this.time(user.invitedAt)}</span>`
        }
        ${overdue ? html`<span class="badge badge-overdue">Overdue: not registered in time</span>` : nothing}
        ${
          user.status === 'pending' && !licence.active
            ? html`<span class="badge invitation-waits-renewal"
                >Waits for the licence’s renewal to register</span
              >`
            : nothing
        }
        ${sentAgain ? html`<span class="chip invitation-sent-again">${sentAgain}</span>` : nothing}
        ${user.email === this.licence?.holderEmail ? html`<span class="badge">Holder</span>` : nothing}
      </div>
      <p class="licence-user-permissions">${permissionsSummary(user.permissions)}</p>
      <div class="actions">${userForms(this, user, index, entryOffers, manageUsersReserved)}</div>
    </li>`;
  }

  private changesSection(): TemplateResult {
    return html`<section class="panel" aria-labelledby="changes-heading">
      <h2 id="changes-heading" tabindex="-1">Changes to users</h2>
      ${
        this.changes.length === 0
          ? html`<p class="muted">No changes yet.</p>`
          : html`<ol class="user-changes">
              ${this.changes.map(
                (change) =>
                  html`<li tabindex="-1">
                    <span class="muted">${this.time(change.at)}</span> ${userChangeSentence(change)}
                    ${change.reason ? html`<span class="user-change-reason">Reason: ${change.reason}</span>` : nothing}
                  </li>`,
              )}
            </ol>`
      }
      ${
        this.changesCursor
          ? html`<button class="button subtle small" type="button" @click=${() => this.loadOlderChanges()}>
              Show older changes
            </button>`
          : nothing
      }
    </section>`;
  }

  private async send(key: string, request: LicenceRequest, form: HTMLFormElement): Promise<void> {
    const licence = this.licence;
    if (!licence) return;
    const idempotencyKey = this.keys.get(key) ?? crypto.randomUUID();
    this.keys.set(key, idempotencyKey);
    this.busy = key;
    this.problems.delete(key);
    this.context.requestRender();
    const path = `/v1/licences/${encodeURIComponent(this.licenceId)}${request.path}`;
    const options = { ifMatch: licence.revision, idempotencyKey };
    const { api } = this.context;
    try {
      if (request.method === 'POST') await api.post(path, request.body, options);
      else if (request.method === 'PATCH') await api.patch(path, request.body, options);
      else if (request.method === 'PUT') await api.put(path, request.body, options);
      else await api.delete(path, options, request.body);
      this.keys.delete(key);
      this.opened.delete(key);
      form.reset();
      if (key.startsWith('resend:'))
        this.noteSentAgain(key.slice('resend:'.length), {
          lastSentAt: new Date(this.context.clock.now()).toISOString(),
        });
      this.context.announce(request.done);
      // The licences list (seats, invitations, who holds what) follows, and so does the navigation.
      await this.context.licences.reload().catch(() => undefined);
      if (
        key === 'holder' &&
        !this.context.licences.items?.some((item) => item.id === this.licenceId && managesUsers(item))
      )
        return this.context.navigate({ page: 'licences' });
      await this.load();
      focusHeadingAfterChange('users-heading');
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) {
        // Someone changed the licence since the page loaded it: show it as it is now and say what changed.
        this.keys.delete(key);
        await this.load();
        this.problems.set(key, licenceChangedMeanwhile(licence.revision, this.changes));
      } else if (resendRefusedUntil(error)) {
        // Sent again too recently (by someone else meanwhile): the entry says from when, in local time.
        const email = key.slice('resend:'.length);
        const nextResendAt = resendRefusedUntil(error);
        this.keys.delete(key);
        this.opened.delete(key);
        this.noteSentAgain(email, { nextResendAt });
        this.context.announce(
          `The invitation of ${email} was sent again recently: it can be sent again from ${this.time(nextResendAt)}`,
        );
        await this.load();
        focusHeadingAfterChange('users-heading');
        return;
      } else {
        this.problems.set(key, error);
      }
      this.refused(key, this.problems.get(key), form);
    } finally {
      this.busy = undefined;
      this.context.requestRender();
    }
  }

  /** An instant in the account's zone with UTC beside it, as the mails say it. */
  private time(iso: string | null | undefined): string {
    return formatWithUtc(iso, this.zone);
  }

  /**
   * The account's zone: read from the account, else (a reader the account is refused, such as a user
   * of a licence that ended) as the licences list gives it, so the end reads as their mail said it.
   */
  private get zone(): string | null | undefined {
    if (this.timeZone !== undefined) return this.timeZone;
    return this.context.licences.items?.find((item) => item.id === this.licenceId)?.accountTimeZone;
  }

  private noteSentAgain(email: string, sending: InvitationSending): void {
    this.sentAgain.set(email, { ...this.sentAgain.get(email), ...sending });
  }

  /** Shows the refusal beside the fields and takes the focus to the first field in error, or the alert. */
  private refused(key: string, problem: unknown, form: HTMLFormElement): void {
    this.problems.set(key, problem);
    this.opened.add(key);
    this.context.requestRender();
    focusFirstProblem(form.isConnected ? form : `details[data-form="${CSS.escape(key)}"] .action-body`);
  }

  /** The licence, its overdue invitations and the newest changes to its users. */
  private async load(): Promise<void> {
    const base = `/v1/licences/${encodeURIComponent(this.licenceId)}`;
    try {
      const licence = await this.context.api.get<LicenceView>(base);
      if (this.timeZone === undefined) this.timeZone = await this.accountTimeZone(licence.accountId);
      // A user who does not administer it reads only its terms and their own entry (its overdue
      // invitations and the log of changes are refused them): the page shows those, not a 403.
      if (licenceOffers(licence, this.viewer).administers) {
        const [pending, changes] = await Promise.all([
          this.context.api.get<PendingInvitationsView>(`${base}/pending-invitations`),
          this.context.api.get<LicenceUserChangesView>(`${base}/user-changes`, { limit: CHANGES_PAGE }),
        ]);
        this.overdue = new Set(pending.invitations.map((user) => user.email));
        this.followUpHours = pending.olderThanHours;
        this.changes = changes.changes;
        this.changesCursor = changes.nextCursor;
      }
      this.licence = licence;
      this.loadProblem = undefined;
    } catch (error) {
      this.loadProblem = error;
    } finally {
      this.context.requestRender();
    }
  }

  /** Its account's time zone, when the reader may read the account (a lapsed user may not: UTC then). */
  private async accountTimeZone(accountId: string): Promise<string | null | undefined> {
    try {
      const account = await this.context.api.get<{ timeZone: string | null }>(
        `/v1/accounts/${encodeURIComponent(accountId)}`,
      );
      return account.timeZone;
    } catch {
      return undefined;
    }
  }

  private async loadOlderChanges(): Promise<void> {
    try {
      const older = await this.context.api.get<LicenceUserChangesView>(
        `/v1/licences/${encodeURIComponent(this.licenceId)}/user-changes`,
        { limit: CHANGES_PAGE, cursor: this.changesCursor },
      );
      const firstNew = this.changes.length;
      this.changes = [...this.changes, ...older.changes];
      this.changesCursor = older.nextCursor;
      // The button that held the focus may be gone: the keyboard goes on at the first entry loaded.
      focusAfterRender(`ol.user-changes > li:nth-child(${firstNew + 1})`, 'changes-heading');
    } catch (error) {
      this.loadProblem = error;
      focusFirstProblem(null);
    } finally {
      this.context.requestRender();
    }
  }
}
