import { html, nothing, TemplateResult } from 'lit-html';
import type { CaseView, Page as ResultPage } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { PendingInvitations } from '../licences/pending-invitations';
import { endedLicenceNotices } from '../licences/ended-licence-notices';
import { offersNewCase } from './opening-cases-role';
import { Route, routeHref } from '../app/routes';
import { STATUS_LABEL } from '../shared/labels';
import { caseTable } from '../queues/case-table';
import { CursorPages } from '../queues/cursor-pages';
import { pager } from '../queues/pager';
import { loading, pageHeading, problemAlert } from '../shared/ui';

const PAGE_SIZE = 25;

type CasesRoute = Extract<Route, { page: 'cases' }>;

/** Every case the signed-in person may see (GET /v1/cases), newest first. */
export class CaseListPage implements Page {
  readonly ticking = true;
  private response?: ResultPage<CaseView>;
  private problem: unknown;
  private busy = false;
  private readonly pages = new CursorPages();
  private readonly invitations: PendingInvitations;

  constructor(
    private readonly context: ConsoleContext,
    private readonly route: CasesRoute,
  ) {
    // A newly invited customer lands here with no case: the way to complete the invitation is shown first.
    this.invitations = new PendingInvitations(context, () => this.load());
    void this.load();
    if (!context.user.staff) void this.loadInvitations();
  }

  get title(): string {
    return this.context.user.staff ? 'Cases' : 'My cases';
  }

  template(): TemplateResult {
    const response = this.response;
    const newCase = offersNewCase(this.context.user, this.context.licences.items);
    return html`${pageHeading(this.title, newCase ? html`<a class="button primary" href=${routeHref({ page: 'new-case' })}>New case</a>` : nothing)}
      ${this.invitations.template()}
      ${this.context.user.staff ? nothing : endedLicenceNotices(this.context.licences.items, this.context.user.email)}
      <form
        class="filters"
        role="search"
        aria-label="Filter cases"
        @submit=${(event: SubmitEvent) => this.applyFilters(event)}
      >
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" name="status">
            <option value="" ?selected=${!this.route.status}>Any</option>
            ${Object.entries(STATUS_LABEL).map(
              ([status, label]) =>
                html`<option value=${status} ?selected=${this.route.status === status}>${label}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="filter-severity">Severity</label>
          <select id="filter-severity" name="severity">
            <option value="" ?selected=${!this.route.severity}>Any</option>
            ${[1, 2, 3].map((severity) => html`<option value=${severity} ?selected=${this.route.severity === severity}>S${severity}</option>`)}
          </select>
        </div>
        <div class="filter-actions"><button class="button" type="submit">Apply filters</button></div>
      </form>
      ${problemAlert(this.problem)}
      ${
        !response
          ? this.problem
            ? nothing
            : loading('cases')
          : response.items.length === 0
            ? html`<p class="empty">No cases to show.</p>`
            : caseTable(response.items, this.context.clock.now(), { caption: `${this.title}, newest first` })
      }
      ${pager(this.pages, this.busy, (direction) => this.turn(direction))}`;
  }

  private applyFilters(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.context.navigate({
      page: 'cases',
      status: String(form.get('status') ?? '') || undefined,
      severity: Number(form.get('severity')) || undefined,
    });
  }

  private turn(direction: 1 | -1): void {
    if (direction === 1) this.pages.forward();
    else this.pages.back();
    void this.load();
  }

  private async loadInvitations(): Promise<void> {
    try {
      this.invitations.show(await this.context.licences.load());
      this.context.requestRender();
    } catch {
      // The list works without them; New case says why no licence is offered.
    }
  }

  private async load(): Promise<void> {
    this.busy = true;
    this.context.requestRender();
    try {
      this.response = await this.context.api.get<ResultPage<CaseView>>('/v1/cases', {
        status: this.route.status,
        severity: this.route.severity,
        limit: PAGE_SIZE,
        cursor: this.pages.current,
      });
      const first = this.response.items[0];
      if (first) this.context.clock.observeCase(first);
      this.pages.loaded(this.response.nextCursor);
      this.problem = undefined;
    } catch (error) {
      this.problem = error;
    } finally {
      this.busy = false;
      this.context.requestRender();
    }
  }
}
