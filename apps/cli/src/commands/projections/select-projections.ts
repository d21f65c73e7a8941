import type { Projection } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';

/** The projection named, or all of them; an unknown name is an error that lists the known ones. */
export function selectProjections(name?: string): Projection[] {
  if (name === undefined) return [...ALL_PROJECTIONS];
  const projection = ALL_PROJECTIONS.find((candidate) => candidate.name === name);
  if (!projection) {
    throw new Error(
      `No projection ${name}; projections: ${ALL_PROJECTIONS.map((known) => known.name).join(', ')}`,
    );
  }
  return [projection];
}
