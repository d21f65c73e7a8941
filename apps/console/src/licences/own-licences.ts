import type { LicenceListItem } from '../api/api-types';

/** The one call this needs of the API client, so a test can answer it. */
export interface OwnLicencesSource {
  get<T>(path: string): Promise<T>;
}

/**
 * A customer's own licences (GET /v1/licences: those they hold or are invited to, all at once),
 * asked once per sign-in and shared by the navigation (New case, Licences) and the pages that need
 * them (the New case form, the case's actions, the pending invitation card), instead of each asking
 * again. `reload` after something that changes them (a completed registration, a hand-over).
 */
export class OwnLicences {
  private loaded?: LicenceListItem[];
  private failed = false;
  private loading?: Promise<LicenceListItem[]>;

  constructor(
    private readonly api: OwnLicencesSource,
    /** Called when the list arrives or changes, so the navigation follows. */
    private readonly changed: () => void,
  ) {}

  /**
   * The licences once known; undefined while the first answer is on its way; null when the API
   * could not be asked (the console then offers what it would without them and the API decides).
   */
  get items(): readonly LicenceListItem[] | null | undefined {
    return this.failed ? null : this.loaded;
  }

  /** The licences, asked for the first time or given as already known. Throws as the API refused. */
  load(): Promise<LicenceListItem[]> {
    if (this.loaded) return Promise.resolve(this.loaded);
    return this.loading ?? this.reload();
  }

  /** Asks again (after a change to the licences). */
  reload(): Promise<LicenceListItem[]> {
    const loading = this.api
      .get<{ items: LicenceListItem[] }>('/v1/licences')
      .then(({ items }) => {
        this.loaded = items;
        this.failed = false;
        return items;
      })
      .catch((error: unknown) => {
        if (!this.loaded) this.failed = true;
        throw error;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = undefined;
        this.changed();
      });
    this.loading = loading;
    return loading;
  }
}
