import type { LicenceListItem } from '../api/api-types';

/** The one call this needs of the API client, so a test can answer it. */
export interface LicencePagesSource {
  get<T>(path: string, query: Record<string, string | number | undefined>): Promise<T>;
}

const PAGE_SIZE = 100;

/**
 * Every licence a support engineer may log a phone case on (GET /v1/licences gives staff every
 * licence, a page at a time): the first page at once, the next each time the person types in the
 * licence field until none is left, so a caller's licence is found by account or product without
 * pasting its id, however many licences there are. The API filters by account id only, not by
 * name, so the browser's list matches what is typed against the pages loaded.
 */
export class StaffLicences {
  private loaded: LicenceListItem[] = [];
  private nextCursor?: string;
  private started = false;
  private loading?: Promise<void>;

  constructor(private readonly api: LicencePagesSource) {}

  get items(): readonly LicenceListItem[] {
    return this.loaded;
  }

  /** Whether more pages remain to load. */
  get more(): boolean {
    return !this.started || this.nextCursor !== undefined;
  }

  /** Loads the next page, if any; a call while one is on its way waits for it instead of asking twice. */
  loadNext(): Promise<void> {
    if (this.loading) return this.loading;
    if (!this.more) return Promise.resolve();
    this.loading = this.api
      .get<{ items: LicenceListItem[]; nextCursor?: string }>('/v1/licences', {
        limit: PAGE_SIZE,
        cursor: this.nextCursor,
      })
      .then((page) => {
        this.started = true;
        this.loaded = [...this.loaded, ...page.items];
        this.nextCursor = page.nextCursor;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
