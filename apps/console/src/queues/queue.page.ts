import { html, nothing, TemplateResult } from 'lit-html';
import type { QueuePage as QueueResponse } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { QueueName, QUEUES, Route, routeHref } from '../app/routes';
import { QUEUE_LABEL } from '../shared/labels';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import { caseTable } from './case-table';
import { CursorPages } from './cursor-pages';
import { pager } from './pager';
import { pageSizeField, productFilterField, severityFilterField } from './filter-fields';

const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;
const REFRESH_MS = 30_000;

type QueueRoute = Extract<Route, { page: 'queue' }>;

/** An engineer queue (API.md), in the API's priority order, with filters and cursor paging. */
export class QueuePage implements Page {
  readonly ticking = true;
  private response?: QueueResponse;
  private problem: unknown;
  private busy = false;
  private readonly pages = new CursorPages();
  private readonly products = new Set<string>();
  private readonly refreshTimer: ReturnType<typeof setInterval>;
  private request = 0;

  constructor(
    private readonly context: ConsoleContext,
    private readonly route: QueueRoute,
  ) {
    if (route.product) this.products.add(route.product);
    void this.load();
    // Queues change under the engineer's feet; a quiet refresh keeps the first page current.
    this.refreshTimer = setInterval(() => void this.load(), REFRESH_MS);
  }

  get title(): string {
    return `${QUEUE_LABEL[this.route.queue]} queue`;
  }

  private get pageSize(): number {
    return this.route.limit ?? DEFAULT_PAGE_SIZE;
  }

  dispose(): void {
    clearInterval(this.refreshTimer);
  }

  template(): TemplateResult {
    const response = this.response;
    return html`${pageHeading(this.title, html`<button class="button subtle" type="button" @click=${() => this.load()} ?disabled=${this.busy}>Refresh</button>`)}
    ${this.queueTabs()} ${this.filters()} ${problemAlert(this.problem)}
    ${
      !response
        ? this.problem
          ? nothing
          : loading('the queue')
        : response.items.length === 0
          ? html`<p class="empty">
              No cases in this queue${this.route.severity || this.route.product ? ' with these filters' : ''}.
            </p>`
          : caseTable(response.items, this.context.clock.now(), {
              firstRank: (this.pages.pageNumber - 1) * this.pageSize + 1,
              caption: `${this.title}, page ${this.pages.pageNumber}, in priority order`,
            })
    }
    ${pager(this.pages, this.busy, (direction) => this.turn(direction))}`;
  }

  private queueTabs(): TemplateResult {
    return html`<nav class="tabs" aria-label="Queues">
      <ul>
        ${QUEUES.map(
          (queue) =>
            html`<li>
              <a
                href=${routeHref(this.withQueue(queue))}
                aria-current=${queue === this.route.queue ? 'page' : nothing}
                >${QUEUE_LABEL[queue]}</a
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
      aria-label="Filter the queue"
      @submit=${(event: SubmitEvent) => this.applyFilters(event)}
    >
      ${severityFilterField(this.route.severity)} ${productFilterField(this.route.product, this.products)}
      ${pageSizeField(this.pageSize, PAGE_SIZES)}
      <div class="filter-actions">
        <button class="button" type="submit">Apply filters</button>
        ${
          this.route.severity || this.route.product
            ? html`<a class="button subtle" href=${routeHref({ page: 'queue', queue: this.route.queue })}
                >Clear</a
              >`
            : nothing
        }
      </div>
    </form>`;
  }

  private withQueue(queue: QueueName): QueueRoute {
    return {
      page: 'queue',
      queue,
      severity: this.route.severity,
      product: this.route.product,
      limit: this.route.limit,
    };
  }

  private applyFilters(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const severity = Number(form.get('severity')) || undefined;
    const product = String(form.get('product') ?? '').trim() || undefined;
    const limit = Number(form.get('limit'));
    this.context.navigate({
      page: 'queue',
      queue: this.route.queue,
      severity,
      product,
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
      const response = await this.context.api.get<QueueResponse>(`/v1/queues/${this.route.queue}`, {
        severity: this.route.severity,
        product: this.route.product,
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
