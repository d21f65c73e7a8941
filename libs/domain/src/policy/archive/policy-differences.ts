import canonicalize from 'canonicalize';
import { DEFAULT_CALENDAR_TEMPLATE } from '../../sla/calendar/business-calendar';
import { DEFAULT_SUPPORT_POLICY } from '../default-support-policy';
import type { SupportPolicy } from '../support-policy';

/** One setting whose value differs between the recorded policy and the policy in force. */
export interface PolicyDifference {
  /** Its JSON path, as the policy file's validation names settings (`severities.2.responseGoal.amount`). */
  path: string;
  /** Undefined when the recorded policy has no such setting. */
  recorded: unknown;
  /** Undefined when the policy in force has no such setting. */
  inForce: unknown;
}

/**
 * Where a recorded policy and the policy in force (both merged over the built-in policy) differ,
 * compared as RFC 8785 canonical JSON, so neither the order of keys nor the spacing of the file
 * counts, and a setting written out at its default value reads as one left out. A setting the
 * recorded policy lacks is no difference while the policy in force holds it at its built-in value:
 * a release that adds a setting to the built-in policy fills it into every file, and must not stop a
 * process that kept its version. Lists are compared whole, in order (they replace the default's).
 */
export function policyDifferences(recorded: SupportPolicy, inForce: SupportPolicy): PolicyDifference[] {
  return differencesOf(recorded, inForce, DEFAULT_SUPPORT_POLICY, '');
}

function differencesOf(
  recorded: unknown,
  inForce: unknown,
  builtIn: unknown,
  path: string,
): PolicyDifference[] {
  if (!isObject(recorded) || !isObject(inForce)) {
    return sameJson(recorded, inForce) ? [] : [{ path, recorded, inForce }];
  }
  const keys = [...new Set([...Object.keys(recorded), ...Object.keys(inForce)])].sort();
  return keys.flatMap((key) => {
    const defaults = builtInOf(builtIn, path, key);
    if (recorded[key] === undefined && inForce[key] !== undefined && sameJson(inForce[key], defaults))
      return [];
    return differencesOf(recorded[key], inForce[key], defaults, path === '' ? key : `${path}.${key}`);
  });
}

/** The built-in value under `key`; each named calendar is read over the built-in calendar. */
function builtInOf(builtIn: unknown, path: string, key: string): unknown {
  if (path === 'calendars') return DEFAULT_CALENDAR_TEMPLATE;
  return isObject(builtIn) ? builtIn[key] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}

/** How many differences a refusal gives with their values; any beyond are named by setting only. */
const SHOWN_WITH_VALUES = 8;

/**
 * The differences in words, for a refusal an operator reads in one line: the goals first (they move
 * every due time, and an edited calendar's per-weekday differences must not push them out of view),
 * then the escalation windows, then the rest; the first few with their recorded and new values,
 * every other one still named.
 */
export function describePolicyDifferences(
  differences: readonly PolicyDifference[],
  shown = SHOWN_WITH_VALUES,
): string {
  const ordered = [...differences].sort((a, b) => weightOf(a.path) - weightOf(b.path));
  const listed = ordered
    .slice(0, shown)
    .map(({ path, recorded, inForce }) => `${path} was ${valueOf(recorded)}, is now ${valueOf(inForce)}`);
  const rest = ordered.slice(shown).map(({ path }) => path);
  return rest.length > 0
    ? `${listed.join('; ')}; and ${rest.length} more: ${rest.join(', ')}`
    : listed.join('; ');
}

/** Goals (severities.*) before escalation windows before everything else; ties keep their path order. */
function weightOf(path: string): number {
  if (path.startsWith('severities.')) return 0;
  if (path.startsWith('escalation.')) return 1;
  return 2;
}

function valueOf(value: unknown): string {
  if (value === undefined) return 'not set';
  const json = canonicalize(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
