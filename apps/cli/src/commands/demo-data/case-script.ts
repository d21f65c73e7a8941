import type { EscalationReason, Severity } from '@casetrail/domain';
import type { SeededRandom } from './seeded-random';

/** Something a person does on a case; turned into a command against the case as it stands then. */
export type CaseStep =
  | { kind: 'assign' }
  | { kind: 'engineer-comment'; internal: boolean }
  | { kind: 'customer-comment' }
  | { kind: 'request-information' }
  | { kind: 'resolve' }
  | { kind: 'redirect' }
  | { kind: 'change-severity'; severity: Severity }
  | { kind: 'escalate'; byEngineer: boolean; reason: EscalationReason }
  | { kind: 'close' }
  | { kind: 'reopen' }
  | { kind: 'share' };

export interface PlannedStep {
  /** Epoch milliseconds. */
  at: number;
  step: CaseStep;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Mean wall-clock hours from the first response to the resolution, per severity. */
const RESOLUTION_MEAN_HOURS: Record<Severity, number> = { 1: 30, 2: 90, 3: 150 };

/**
 * A plausible life for a case opened at `openedAt`: assignment, a first reply (a comment, a
 * question, an immediate fix or a referral), conversation and internal notes, sometimes a question
 * to the customer, a severity change, an escalation (handled as the case goes, see
 * escalation-handling.ts), sharing, a resolution and then a confirmation, a reopening or silence
 * (the auto-close timer). Late replies and forgotten cases happen too, so targets are breached.
 * Steps that no longer make sense when their time comes (a comment on a closed case) are refused
 * by the decider and skipped.
 */
export function planCase(random: SeededRandom, severity: Severity, openedAt: number): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const add = (at: number, step: CaseStep) => steps.push({ at: Math.round(at), step });

  if (random.chance(0.8)) add(openedAt + 5 * MINUTE + random.exponential(0.7 * HOUR), { kind: 'assign' });
  const firstResponseAt = openedAt + MINUTE + random.exponential(severity === 1 ? 0.6 * HOUR : 14 * HOUR);
  const via = random.weighted([
    ['comment', 65],
    ['question', 20],
    ['fix', 8],
    ['referral', 4],
    ['forgotten', 3],
  ] as const);
  if (via === 'forgotten') return withSideSteps(random, steps, severity, openedAt, openedAt + 10 * 24 * HOUR);
  if (via === 'referral') {
    add(firstResponseAt, { kind: 'redirect' });
    return steps;
  }
  add(
    firstResponseAt,
    via === 'question' ? { kind: 'request-information' } : { kind: 'engineer-comment', internal: false },
  );
  if (via === 'question' && random.chance(0.88)) {
    add(firstResponseAt + random.exponential(16 * HOUR), { kind: 'customer-comment' });
  }

  const resolvedAt =
    via === 'fix'
      ? firstResponseAt + MINUTE
      : firstResponseAt + random.exponential(RESOLUTION_MEAN_HOURS[severity] * HOUR);
  for (let count = random.int(0, 4); count > 0; count--) {
    const at = random.between(firstResponseAt, resolvedAt);
    add(
      at,
      random.weighted([
        [{ kind: 'engineer-comment', internal: false }, 40],
        [{ kind: 'engineer-comment', internal: true }, 20],
        [{ kind: 'customer-comment' }, 40],
      ] as const),
    );
  }
  if (random.chance(0.2)) {
    const askedAt = random.between(firstResponseAt, resolvedAt);
    add(askedAt, { kind: 'request-information' });
    if (random.chance(0.85)) add(askedAt + random.exponential(20 * HOUR), { kind: 'customer-comment' });
  }
  withSideSteps(random, steps, severity, openedAt, resolvedAt);
  if (random.chance(0.05)) return steps; // never resolved: the case is left to breach

  add(resolvedAt, { kind: 'resolve' });
  const afterResolution = random.weighted([
    ['confirmed', 45],
    ['reopened', 7],
    ['silence', 48],
  ] as const);
  if (afterResolution === 'confirmed') add(resolvedAt + random.exponential(30 * HOUR), { kind: 'close' });
  if (afterResolution === 'reopened') {
    const reopenedAt = resolvedAt + random.between(HOUR, 72 * HOUR);
    add(reopenedAt, { kind: 'reopen' });
    const resolvedAgainAt = reopenedAt + random.exponential(48 * HOUR);
    add(resolvedAgainAt, { kind: 'resolve' });
    if (random.chance(0.5)) add(resolvedAgainAt + random.exponential(30 * HOUR), { kind: 'close' });
  }
  return steps;
}

/** Severity changes, escalations and sharing, somewhere in the case's working life. */
function withSideSteps(
  random: SeededRandom,
  steps: PlannedStep[],
  severity: Severity,
  openedAt: number,
  until: number,
): PlannedStep[] {
  const add = (at: number, step: CaseStep) => steps.push({ at: Math.round(at), step });
  if (random.chance(0.08)) {
    const others = ([1, 2, 3] as const).filter((candidate) => candidate !== severity);
    add(openedAt + random.between(0.5 * HOUR, 48 * HOUR), {
      kind: 'change-severity',
      severity: random.pick(others),
    });
  }
  // Escalations are raised here; acknowledging, updating and ending them is the escalation handlers'
  // work, done as the case stands (escalation-handling.ts), not planned ahead blind to its deadlines.
  if (random.chance(0.07)) {
    const raisedAt =
      openedAt + random.between(HOUR, Math.max(2 * HOUR, Math.min(96 * HOUR, until - openedAt)));
    add(raisedAt, escalation(random));
    // Sometimes the customer's management escalates again, while the first is open or after it
    // ended: the case's second escalation is level 2.
    if (random.chance(0.15)) add(raisedAt + random.between(4 * HOUR, 4 * DAY), escalation(random));
  }
  if (random.chance(0.03)) add(openedAt + random.between(HOUR, 24 * HOUR), { kind: 'share' });
  return steps;
}

function escalation(random: SeededRandom): CaseStep {
  return {
    kind: 'escalate',
    byEngineer: random.chance(0.3),
    reason: random.pick(['business-operations-risk', 'production-impact', 'low-satisfaction'] as const),
  };
}
