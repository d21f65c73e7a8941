import { html, nothing, TemplateResult } from 'lit-html';
import type { EscalationsBoardView } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { ESCALATION_BOARDS, EscalationBoard, Route, routeHref } from '../app/routes';
import { PagedListing } from '../queues/paged-listing';
import { pager } from '../queues/pager';
import { pageSizeField, productFilterField, severityFilterField } from '../queues/filter-fields';
import { coverageNote } from '../shared/report-coverage';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import { escalationBoardTable } from './escalation-board-table';
import { overdueNow } from './escalation-row-words';

const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

type EscalationsRoute = Extract<Route, { page: 'escalations' }>;

const BOARD_LABEL: Readonly<Record<EscalationBoard, string>> = {
  open: 'Open',
  overdue: 'Overdue',
  all: 'All, ended too',
};

const BOARD_ORDER: Readonly<Record<EscalationBoard, string>> = {
  open: 'Mission Critical first, then soonest due (most overdue first)',
  overdue: 'Mission Critical first, then most overdue first',
  all: 'latest raised first',
};

/**
 * The escalations board (GET /v1/escalations) for the duty manager: open, overdue or every
 * escalation in the API's order, what each owes next and by when (in the case's zone with UTC
 * beside it), who owes it, with the API's filters and cursor paging, and a link to each case.
 */
export class EscalationsPage implements Page {
  readonly title = 'Escalations';
  readonly ticking = true;
  /** Escalations fall due while the page is open: its quiet refresh keeps the first page current. */
  private readonly listing: PagedListing<EscalationsBoardView>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly route: EscalationsRoute,
  ) {
    this.listing = new PagedListing(
      context,
      (cursor) =>
        context.api.get<EscalationsBoardView>('/v1/escalations', {
          state: route.state,
          severity: route.severity,
          product: route.product,
          accountId: route.accountId,
          limit: this.pageSize,
          cursor,
        }),
      route.product,
    );
  }

  private get board(): EscalationBoard {
    return this.route.state ?? 'open';
  }

  private get pageSize(): number {
    return this.route.limit ?? DEFAULT_PAGE_SIZE;
  }

  private get filtered(): boolean {
    return !!(this.route.severity || this.route.product || this.route.accountId);
  }

  dispose(): void {
    this.listing.dispose();
  }

  template(): TemplateResult {
    const { response, problem, busy, pages } = this.listing;
    const nowMs = this.context.clock.now();
    return html`${pageHeading(
        this.title,
        html`<button
          class="button subtle"
          type="button"
          @click=${() => this.listing.load()}
          ?disabled=${busy}
        >
          Refresh
        </button>`,
      )}
      ${this.boardTabs()} ${this.filters()} ${coverageNote(response?.scope)} ${problemAlert(problem)}
      <p class="board-summary" role="status">${response ? this.summary(response, nowMs) : ''}</p>
      ${
        !response
          ? problem
            ? nothing
            : loading('the escalations')
          : response.items.length === 0
            ? html`<p class="empty">
                No
                ${this.board === 'all' ? '' : `${this.board} `}escalations${this.filtered ? ' with these filters' : ''}.
              </p>`
            : escalationBoardTable(response.items, nowMs, {
                firstRank: (pages.pageNumber - 1) * this.pageSize + 1,
                caption: `${BOARD_LABEL[this.board]} escalations, page ${pages.pageNumber}, ${BOARD_ORDER[this.board]}`,
              })
      }
      ${pager(pages, busy, (direction) => this.listing.turn(direction))}`;
  }

  /** The page in one sentence, read out when it changes (how many, how many overdue). */
  private summary(response: EscalationsBoardView, nowMs: number): string {
    const count = response.items.length;
    const overdue = response.items.filter((item) => overdueNow(item, nowMs)).length;
    const what = `${count} ${count === 1 ? 'escalation' : 'escalations'} on page ${this.listing.pages.pageNumber}`;
    return this.board === 'overdue' || count === 0 ? `${what}.` : `${what}, ${overdue} overdue.`;
  }

  private boardTabs(): TemplateResult {
    return html`<nav class="tabs" aria-label="Escalation boards">
      <ul>
        ${ESCALATION_BOARDS.map(
          (board) =>
            html`<li>
              <a
                href=${routeHref({ ...this.route, state: board === 'open' ? undefined : board })}
                aria-current=${board === this.board ? 'page' : nothing}
                >${BOARD_LABEL[board]}</a
              >
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  private filters(): TemplateResult {
    return html`<form
      class="filters"
      role="search"
      aria-label="Filter the escalations"
      @submit=${(event: SubmitEvent) => this.applyFilters(event)}
    >
      ${severityFilterField(this.route.severity)}
      ${productFilterField(this.route.product, this.listing.products)}
      <div class="field">
        <label for="filter-account">Account id</label>
        <input
          id="filter-account"
          name="accountId"
          .value=${this.route.accountId ?? ''}
          placeholder="Any account"
          autocomplete="off"
          spellcheck="false"
        />
      </div>
      ${pageSizeField(this.pageSize, PAGE_SIZES)}
      <div class="filter-actions">
        <button class="button" type="submit">Apply filters</button>
        ${
          this.filtered
            ? html`<a
                class="button subtle"
                href=${routeHref({ page: 'escalations', state: this.route.state })}
                >Clear</a
              >`
            : nothing
        }
      </div>
    </form>`;
  }

  private applyFilters(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const limit = Number(form.get('limit'));
    this.context.navigate({
      page: 'escalations',
      state: this.route.state,
      severity: Number(form.get('severity')) || undefined,
      product: String(form.get('product') ?? '').trim() || undefined,
      accountId: String(form.get('accountId') ?? '').trim() || undefined,
      ...(limit && limit !== DEFAULT_PAGE_SIZE ? { limit } : {}),
    });
  }
}
