import type { Projection } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';

/** The projections' names, for the commands' help: `rebuild`'s and `verify-projections`' arguments. */
export const PROJECTION_NAMES = ALL_PROJECTIONS.map((projection) => projection.name).join(', ');

/** Projections earlier releases had, and the one that now builds what they built. */
const MERGED_INTO = new Map([['sla-timers', 'cases']]);

/**
 * The projections named (in the order they run, each once), or all of them when none is; an
 * unknown name is an error that lists the known ones (and names the successor of a projection an
 * upgrade note may still mention).
 */
export function selectProjections(names?: string | readonly string[]): Projection[] {
  const asked = names === undefined ? [] : typeof names === 'string' ? [names] : names;
  if (asked.length === 0) return [...ALL_PROJECTIONS];
  asked.forEach(requireKnown);
  return ALL_PROJECTIONS.filter((projection) => asked.includes(projection.name));
}

function requireKnown(name: string): void {
  if (ALL_PROJECTIONS.some((candidate) => candidate.name === name)) return;
  const successor = MERGED_INTO.get(name);
  const known = ALL_PROJECTIONS.map((candidate) => candidate.name).join(', ');
  throw new Error(
    successor
      ? `No projection ${name} (what it built is built by ${successor} now); projections: ${known}`
      : `No projection ${name}; projections: ${known}`,
  );
}
