import type { GlobalPosition, ScanForTypesOptions, TypeScan } from '@casetrail/eventstore';

/** Most events one look through the log covers; a longer stretch is finished by later looks. */
const MAX_SCAN = 5_000;

/**
 * For a projection that handles only some event types (licences, accounts): which position must
 * it have applied for its read model to show the log up to a given head? Not the head itself, but
 * the last event of its types at or before it: while cases are being opened, that is an old
 * position the projection has long applied, and a read need not wait for it to skip the newest
 * case events.
 *
 * What it has looked through is remembered (`scannedFrom`..`scannedThrough`, and the last event of
 * the types there), so each event of the log is looked at about once per process, not once per
 * read. The log only grows, so what was looked through stays true.
 */
export class HandledEventsWatch {
  private scannedFrom = 0;
  private scannedThrough = 0;
  private lastMatch = 0;

  constructor(
    /** The event store's scanForTypes. */
    private readonly scanForTypes: (options: ScanForTypesOptions) => Promise<TypeScan>,
    private readonly types: readonly string[],
  ) {}

  /** The position to wait for, given the projection's checkpoint and the head; undefined: no wait. */
  async positionToWaitFor(
    checkpoint: GlobalPosition,
    head: GlobalPosition,
  ): Promise<GlobalPosition | undefined> {
    if (checkpoint >= head) return undefined;
    const lastHandled = await this.lastHandledThrough(checkpoint, head);
    // Not looked through up to the head yet: wait for all of it.
    if (lastHandled === undefined) return head;
    return checkpoint >= lastHandled ? undefined : lastHandled;
  }

  /**
   * The position of the last event of the types at or before `head` (0: none since the watch
   * started looking, at or below `checkpoint`); undefined while the stretch up to the head is too
   * long to look through at once. It changes whenever an event of the types is appended, so it
   * also serves as the version of the projection's read model as of the head.
   */
  async lastHandledThrough(
    checkpoint: GlobalPosition,
    head: GlobalPosition,
  ): Promise<GlobalPosition | undefined> {
    // Below what was looked through (a rebuild reset the checkpoint, or the first look): start here.
    if (checkpoint < this.scannedFrom || this.scannedThrough === 0)
      this.restartAt(Math.min(checkpoint, head));
    const base = this.scannedFrom;
    const through = this.scannedThrough;
    const known = this.lastMatch;
    if (through >= head) return known;
    const scan = await this.scanForTypes({ after: through, types: this.types, maxCount: MAX_SCAN });
    // (through, scan.through] follows on from what was known: this look's own answer.
    const lastMatch = scan.lastMatch ?? known;
    this.remember(base, through, scan.through, lastMatch);
    return scan.through < head ? undefined : lastMatch;
  }

  /** Keeps a look's result unless the known stretch was restarted or has moved past it meanwhile. */
  private remember(
    base: GlobalPosition,
    from: GlobalPosition,
    through: GlobalPosition,
    lastMatch: GlobalPosition,
  ) {
    if (base !== this.scannedFrom || from > this.scannedThrough || through <= this.scannedThrough) return;
    this.scannedThrough = through;
    this.lastMatch = Math.max(this.lastMatch, lastMatch);
  }

  private restartAt(checkpoint: GlobalPosition): void {
    this.scannedFrom = checkpoint;
    this.scannedThrough = checkpoint;
    this.lastMatch = 0;
  }
}
