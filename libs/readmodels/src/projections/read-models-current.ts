import type { ReadModelStore } from '../read-model-store.port';
import type { Projection } from './projection';
import { builtVersion, projectionVersion } from './projection-version';

/** A projection whose stored read models another version of its code built. */
export interface OutdatedReadModels {
  projection: string;
  built: number;
  current: number;
}

/** The projections of `projections` whose stored read models another version of their code built. */
export async function outdatedReadModels(
  projections: readonly Projection[],
  store: Pick<ReadModelStore, 'getCheckpoint' | 'getProjectionVersion'>,
): Promise<OutdatedReadModels[]> {
  const outdated: OutdatedReadModels[] = [];
  for (const projection of projections) {
    const current = projectionVersion(projection);
    const checkpoint = await store.getCheckpoint(projection.name);
    const built = builtVersion(await store.getProjectionVersion(projection.name), checkpoint, current);
    if (built !== current) outdated.push({ projection: projection.name, built, current });
  }
  return outdated;
}

/**
 * Read models an older (or newer) release built, found before anything starts. Each projection's
 * runner refuses them too, but only once the API is up: it then took writes it could never show
 * (a new case answered 201, then 503 on every read of it) until an operator read `/health`. One
 * message names them all, with the one command that rebuilds them.
 */
export class OutdatedReadModelsError extends Error {
  constructor(readonly outdated: readonly OutdatedReadModels[]) {
    const which = outdated
      .map(
        ({ projection, built, current }) => `${projection} (version ${built}; this release has ${current})`,
      )
      .join(', ');
    const names = outdated.map(({ projection }) => projection).join(' ');
    super(
      `The read models of ${which} were built by another release, so nothing was started: ` +
        `run \`casetrail rebuild ${names}\` (the API and projector stopped), then start again`,
    );
    this.name = 'OutdatedReadModelsError';
  }
}

/** Refuses read models another version of the projections built (see `OutdatedReadModelsError`). */
export async function assertReadModelsCurrent(
  projections: readonly Projection[],
  store: Pick<ReadModelStore, 'getCheckpoint' | 'getProjectionVersion'>,
): Promise<void> {
  const outdated = await outdatedReadModels(projections, store);
  if (outdated.length > 0) throw new OutdatedReadModelsError(outdated);
}
