import { html, nothing, TemplateResult } from 'lit-html';
import type { EscalationsBoardView } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { ESCALATION_BOARDS, EscalationBoard, Route, routeHref } from '../app/routes';
import { CursorPages } from '../queues/cursor-pages';
import { pager } from '../queues/pager';
import { pageSizeField, productFilterField, severityFilterField } from '../queues/filter-fields';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import { escalationBoardTable } from './escalation-board-table';
import { overdueNow } from './escalation-row-words';

const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;
const REFRESH_MS = 30_000;

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
  private response?: EscalationsBoardView;
  private problem: unknown;
  private busy = false;
  private readonly pages = new CursorPages();
  private readonly products = new Set<string>();
  private readonly refreshTimer: ReturnType<typeof setInterval>;
  private request = 0;

  constructor(
    private readonly context: ConsoleContext,
    private readonly route: EscalationsRoute,
  ) {
    if (route.product) this.products.add(route.product);
    void this.load();
    // Escalations fall due while the page is open; a quiet refresh keeps the first page current.
    this.refreshTimer = setInterval(() => void this.load(), REFRESH_MS);
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
    clearInterval(this.refreshTimer);
  }

  template(): TemplateResult {
    const response = this.response;
    const nowMs = this.context.clock.now();
    return html`${pageHeading(
        this.title,
        html`<button class="button subtle" type="button" @click=${() => this.load()} ?disabled=${this.busy}>
          Refresh
        </button>`,
      )}
      ${this.boardTabs()} ${this.filters()} ${problemAlert(this.problem)}
      <p class="board-summary" role="status">${response ? this.summary(response, nowMs) : ''}</p>
      ${
        !response
          ? this.problem
            ? nothing
            : loading('the escalations')
          : response.items.length === 0
            ? html`<p class="empty">
                No
                ${this.board === 'all' ? '' : `${this.board} `}escalations${this.filtered ? ' with these filters' : ''}.
              </p>`
            : escalationBoardTable(response.items, nowMs, {
                firstRank: (this.pages.pageNumber - 1) * this.pageSize + 1,
                caption: `${BOARD_LABEL[this.board]} escalations, page ${this.pages.pageNumber}, ${BOARD_ORDER[this.board]}`,
              })
      }
      ${pager(this.pages, this.busy, (direction) => this.turn(direction))}`;
  }

  /** The page in one sentence, read out when it changes (how many, how many overdue). */
  private summary(response: EscalationsBoardView, nowMs: number): string {
    const count = response.items.length;
    const overdue = response.items.filter((item) => overdueNow(item, nowMs)).length;
    const what = `${count} ${count === 1 ? 'escalation' : 'escalations'} on page ${this.pages.pageNumber}`;
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
      ${severityFilterField(this.route.severity)} ${productFilterField(this.route.product, this.products)}
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

  private turn(direction: 1 | -1): void {
    if (direction === 1) this.pages.forward();
    else this.pages.back();
    void this.load().then(() => document.getElementById('page-title')?.focus());
  }

  private async load(): Promise<void> {
    const request = ++this.request;
    this.busy = true;
    this.context.requestRender();
    try {
      const response = await this.context.api.get<EscalationsBoardView>('/v1/escalations', {
        state: this.route.state,
        severity: this.route.severity,
        product: this.route.product,
        accountId: this.route.accountId,
        limit: this.pageSize,
        cursor: this.pages.current,
      });
      if (request !== this.request) return;
      this.context.clock.observe(response.asOf);
      this.response = response;
      this.pages.loaded(response.nextCursor);
      for (const item of response.items) this.products.add(item.product);
      this.problem = undefined;
    } catch (error) {
      if (request === this.request) this.problem = error;
    } finally {
      if (request === this.request) this.busy = false;
      this.context.requestRender();
    }
  }
}
