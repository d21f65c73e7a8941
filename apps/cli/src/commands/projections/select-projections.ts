import type { Projection } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';

/** Projections earlier releases had, and the one that now builds what they built. */
const MERGED_INTO = new Map([['sla-timers', 'cases']]);

/**
 * The projection named, or all of them; an unknown name is an error that lists the known ones (and
 * names the successor of a projection an upgrade note may still mention).
 */
export function selectProjections(name?: string): Projection[] {
  if (name === undefined) return [...ALL_PROJECTIONS];
  const projection = ALL_PROJECTIONS.find((candidate) => candidate.name === name);
  if (!projection) {
    const successor = MERGED_INTO.get(name);
    const known = ALL_PROJECTIONS.map((candidate) => candidate.name).join(', ');
    throw new Error(
      successor
        ? `No projection ${name} (what it built is built by ${successor} now); projections: ${known}`
        : `No projection ${name}; projections: ${known}`,
    );
  }
  return [projection];
}
