import type { Projection } from './projection';

/** The version of read models built before versions were recorded, and of a projection that names none. */
const FIRST_VERSION = 1;

export function projectionVersion(projection: Projection): number {
  return projection.version ?? FIRST_VERSION;
}

/**
 * The version a projection's stored documents were built by: the recorded one, or the first for
 * read models built before versions were recorded. Nothing built yet (checkpoint 0) is anyone's.
 */
export function builtVersion(recorded: number | undefined, checkpoint: number, current: number): number {
  if (checkpoint === 0) return current;
  return recorded ?? FIRST_VERSION;
}

/** What differs, in the words a runner's error and `verify-projections` share. */
export function versionMismatch(built: number, current: number): string {
  return `built by version ${built} of the projection and this release has version ${current}`;
}

/** A runner found read models built by another version of the projection's code. */
export class ProjectionVersionError extends Error {
  constructor(
    readonly projection: string,
    readonly built: number,
    readonly current: number,
  ) {
    super(
      `The read models of ${projection} were ${versionMismatch(built, current)}: stop the API (or projector) and run \`casetrail rebuild ${projection}\``,
    );
    this.name = 'ProjectionVersionError';
  }
}
