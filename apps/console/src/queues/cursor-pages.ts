/**
 * Keyset paging as the API offers it (a `nextCursor` per page, no offsets): remembers the cursor
 * of every page seen so "Previous" can go back.
 */
export class CursorPages {
  private readonly cursors: (string | undefined)[] = [undefined];
  private index = 0;
  private next?: string;

  /** The cursor to request the current page with. */
  get current(): string | undefined {
    return this.cursors[this.index];
  }

  get pageNumber(): number {
    return this.index + 1;
  }

  get hasPrevious(): boolean {
    return this.index > 0;
  }

  get hasNext(): boolean {
    return this.next !== undefined;
  }

  /** The current page arrived with this `nextCursor`. */
  loaded(nextCursor: string | undefined): void {
    this.next = nextCursor;
  }

  forward(): void {
    if (this.next === undefined) return;
    this.cursors.splice(this.index + 1, this.cursors.length, this.next);
    this.index += 1;
    this.next = undefined;
  }

  back(): void {
    if (this.index > 0) this.index -= 1;
  }

  reset(): void {
    this.cursors.splice(1);
    this.index = 0;
    this.next = undefined;
  }
}
