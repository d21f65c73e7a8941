import type { ConsoleContext } from '../app/page';
import { CursorPages } from './cursor-pages';

/** What a cursor-paged listing of the API answers: a page of items of a product, and where it goes on. */
export interface ListingPage {
  items: readonly { product: string }[];
  nextCursor?: string;
  asOf: string;
}

/** Quiet refreshes of the first page while the listing is shown: its rows change under the reader. */
const REFRESH_MS = 30_000;

/**
 * The loading half of a page that lists one cursor-paged API resource (a queue, the escalations
 * board): the latest answer or problem, the pages seen (for Previous), the products seen (the
 * product filter's suggestions), a refresh every 30 s, and an answer overtaken by a later request
 * dropped. The page keeps its own filters and template, and fetches a page with `fetchPage`.
 */
export class PagedListing<Page extends ListingPage> {
  response?: Page;
  problem: unknown;
  busy = false;
  readonly pages = new CursorPages();
  readonly products = new Set<string>();
  private request = 0;
  private readonly refreshTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly fetchPage: (cursor: string | undefined) => Promise<Page>,
    product?: string,
  ) {
    if (product) this.products.add(product);
    void this.load();
    this.refreshTimer = setInterval(() => void this.load(), REFRESH_MS);
  }

  dispose(): void {
    clearInterval(this.refreshTimer);
  }

  /** The next (1) or previous (-1) page, then the focus on the page's title. */
  turn(direction: 1 | -1): void {
    if (direction === 1) this.pages.forward();
    else this.pages.back();
    void this.load().then(() => document.getElementById('page-title')?.focus());
  }

  async load(): Promise<void> {
    const request = ++this.request;
    this.busy = true;
    this.context.requestRender();
    try {
      const response = await this.fetchPage(this.pages.current);
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
