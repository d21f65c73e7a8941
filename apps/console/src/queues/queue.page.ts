import { html, nothing, TemplateResult } from 'lit-html';
import type { QueuePage as QueueResponse } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { QueueName, QUEUES, Route, routeHref } from '../app/routes';
import { QUEUE_LABEL } from '../shared/labels';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import { caseTable } from './case-table';
import { PagedListing } from './paged-listing';
import { pager } from './pager';
import { pageSizeField, productFilterField, severityFilterField } from './filter-fields';

const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

type QueueRoute = Extract<Route, { page: 'queue' }>;

/** An engineer queue (API.md), in the API's priority order, with filters and cursor paging. */
export class QueuePage implements Page {
  readonly ticking = true;
  private readonly listing: PagedListing<QueueResponse>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly route: QueueRoute,
  ) {
    this.listing = new PagedListing(
      context,
      (cursor) =>
        context.api.get<QueueResponse>(`/v1/queues/${route.queue}`, {
          severity: route.severity,
          product: route.product,
          limit: this.pageSize,
          cursor,
        }),
      route.product,
    );
  }

  get title(): string {
    return `${QUEUE_LABEL[this.route.queue]} queue`;
  }

  private get pageSize(): number {
    return this.route.limit ?? DEFAULT_PAGE_SIZE;
  }

  dispose(): void {
    this.listing.dispose();
  }

  template(): TemplateResult {
    const { response, problem, busy, pages } = this.listing;
    return html`${pageHeading(this.title, html`<button class="button subtle" type="button" @click=${() => this.listing.load()} ?disabled=${busy}>Refresh</button>`)}
    ${this.queueTabs()} ${this.filters()} ${problemAlert(problem)}
    ${
      !response
        ? problem
          ? nothing
          : loading('the queue')
        : response.items.length === 0
          ? html`<p class="empty">
              No cases in this queue${this.route.severity || this.route.product ? ' with these filters' : ''}.
            </p>`
          : caseTable(response.items, this.context.clock.now(), {
              firstRank: (pages.pageNumber - 1) * this.pageSize + 1,
              caption: `${this.title}, page ${pages.pageNumber}, in priority order`,
            })
    }
    ${pager(pages, busy, (direction) => this.listing.turn(direction))}`;
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
      ${severityFilterField(this.route.severity)}
      ${productFilterField(this.route.product, this.listing.products)}
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
}
