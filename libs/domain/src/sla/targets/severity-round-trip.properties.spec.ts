import fc from 'fast-check';
import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import type { SupportPolicy } from '../../policy/support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { addBusinessDurationMs, amountBetweenMs } from '../calendar/business-time';
import { instantToMillis, millisToInstant } from '../time/iso-instant';
import { deadlinesFrom } from './goal-clock';
import { pauseTarget, resumeTarget } from './pause-resume';
import { recomputeTargetsOnSeverityChange } from './severity-change';
import type { SlaTarget, SlaTargets } from './sla-target';
import { startTargets } from './start-targets';
import { atRiskWarningOwed, markTargetAtRisk, markTargetBreached } from './stop-targets';

/**
 * Properties of severity changes and pauses over many instants, played the way the case decider
 * plays them: before each step the SLA timers that came due fire (at-risk warnings, breaches), then
 * the step applies (pause or resume the resolution clock, raise or lower the severity).
 */
const ALL_DAY = ['00:00-24:00'];
const NINE_TO_FIVE = ['09:00-17:00'];
const CALENDARS: Readonly<Record<string, BusinessCalendar>> = {
  'all day UTC': {
    timeZone: 'UTC',
    workingHours: {
      monday: ALL_DAY,
      tuesday: ALL_DAY,
      wednesday: ALL_DAY,
      thursday: ALL_DAY,
      friday: ALL_DAY,
    },
  },
  '09:00-17:00 Sofia, short Fridays, a holiday': {
    timeZone: 'Europe/Sofia',
    workingHours: {
      monday: NINE_TO_FIVE,
      tuesday: NINE_TO_FIVE,
      wednesday: NINE_TO_FIVE,
      thursday: NINE_TO_FIVE,
      friday: ['09:00-13:00'],
    },
    holidays: ['2024-06-14'],
  },
};

/** Goals that do not grow with the severity number (every resolution goal in business days). */
const ODD_POLICY = parseSupportPolicy({
  version: 'odd',
  severities: {
    1: { resolutionGoal: { amount: 20, unit: 'days', clock: 'business' } },
    3: {
      responseGoal: { amount: 2, unit: 'hours', clock: 'business' },
      resolutionGoal: { amount: 5, unit: 'days', clock: 'business' },
    },
  },
});
/** Like `ODD_POLICY`, with a 24x7 severity 1 resolution goal: the paused clock's measure changes too. */
const MIXED_CLOCK_POLICY = parseSupportPolicy({
  version: 'mixed',
  severities: {
    1: { resolutionGoal: { amount: 30, unit: 'hours', clock: 'wall' } },
    3: {
      responseGoal: { amount: 2, unit: 'hours', clock: 'business' },
      resolutionGoal: { amount: 5, unit: 'days', clock: 'business' },
    },
  },
});
const POLICIES: Readonly<Record<string, SupportPolicy>> = {
  default: DEFAULT_SUPPORT_POLICY,
  odd: ODD_POLICY,
  mixed: MIXED_CLOCK_POLICY,
};

const OPENED_AT = Date.parse('2024-06-03T07:00:00.000Z');
const KINDS = ['firstResponse', 'resolution'] as const;

type Step =
  | { op: 'pause' | 'resume'; at: number }
  /** `policy`: the policy in force at this change, when not the one `play` is given for changes. */
  | { op: 'severity'; at: number; severity: Severity; policy?: SupportPolicy };

interface Played {
  targets: SlaTargets;
  /** Severity of the target each recorded warning was about. */
  warnings: { kind: (typeof KINDS)[number]; severity: Severity }[];
  breached: { kind: (typeof KINDS)[number]; at: number }[];
  /** Each resume, with the resolution target just before and just after it. */
  resumes: { at: number; before: SlaTarget; after: SlaTarget }[];
}

function play(
  severity: Severity,
  steps: readonly Step[],
  horizon: number,
  policy: SupportPolicy,
  calendar: BusinessCalendar,
  /** The policy in force at the severity changes (a policy update since the opening); `policy` by default. */
  changePolicy: SupportPolicy = policy,
): Played {
  const openedAt = millisToInstant(OPENED_AT);
  const played: Played = {
    targets: startTargets({ severity, openedAt, policy, calendar }),
    warnings: [],
    breached: [],
    resumes: [],
  };
  let current = severity;
  const fireTimersUntil = (at: number) => {
    for (const kind of KINDS) {
      const target = played.targets[kind];
      const warnAt = instantToMillis(target.atRiskAt);
      const warned = warnAt <= at ? markTargetAtRisk(target, millisToInstant(warnAt)) : null;
      if (warned) {
        played.targets = { ...played.targets, [kind]: warned };
        played.warnings.push({ kind, severity: warned.severity });
      }
      const breached = markTargetBreached(played.targets[kind], millisToInstant(at));
      if (breached) {
        played.targets = { ...played.targets, [kind]: breached };
        played.breached.push({ kind, at });
      }
    }
  };
  for (const step of steps) {
    fireTimersUntil(step.at);
    const at = millisToInstant(step.at);
    const { resolution } = played.targets;
    if (step.op === 'pause') played.targets = { ...played.targets, resolution: pauseTarget(resolution, at) };
    if (step.op === 'resume') {
      const after = resumeTarget(resolution, at, calendar);
      if (resolution.state === 'paused') played.resumes.push({ at: step.at, before: resolution, after });
      played.targets = { ...played.targets, resolution: after };
    }
    if (step.op === 'severity' && step.severity !== current) {
      played.targets = recomputeTargetsOnSeverityChange({
        targets: played.targets,
        oldSeverity: current,
        newSeverity: step.severity,
        changedAt: at,
        openedAt,
        policy: step.policy ?? changePolicy,
        calendar,
      }).after;
      current = step.severity;
    }
  }
  fireTimersUntil(horizon);
  return played;
}

/** Six increasing instants over about five weeks, to the millisecond, often close together. */
const instants = fc
  .array(fc.oneof(fc.integer({ min: 1, max: 120_000 }), fc.integer({ min: 1, max: 6 * 86_400_000 })), {
    minLength: 6,
    maxLength: 6,
  })
  .map((gaps) => {
    let at = OPENED_AT;
    return gaps.map((gap) => (at += gap));
  });

/**
 * A severity round trip (up at one instant, back down at a later one) among two pauses of the
 * resolution clock, in any order: pauses before, across or inside the round trip, an upgrade or a
 * downgrade while paused, a pause still open at the end.
 */
const roundTrip = fc.record({
  severity: fc.constantFrom<Severity>(2, 3),
  upgradeTo: fc.constantFrom<Severity>(1, 2),
  instants,
  positions: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }),
  lastResume: fc.boolean(),
  policy: fc.constantFrom('default', 'odd', 'mixed'),
  calendar: fc.constantFrom(...Object.keys(CALENDARS)),
});
type RoundTrip = {
  severity: Severity;
  upgradeTo: Severity;
  instants: number[];
  positions: number[];
  lastResume: boolean;
  policy: string;
  calendar: string;
};

function stepsOf(
  { severity, upgradeTo, instants, positions, lastResume }: RoundTrip,
  withRoundTrip: boolean,
): { steps: Step[]; up: number; down: number; upTo: Severity } {
  const [a, b] = [...positions].sort((x, y) => x - y);
  const upTo = Math.min(upgradeTo, severity - 1) as Severity;
  const pauses = instants.filter((_, index) => index !== a && index !== b);
  const ops: Step[] = pauses
    .map((at, index): Step => ({ op: index % 2 === 0 ? 'pause' : 'resume', at }))
    .filter((step, index) => lastResume || index < 3);
  if (withRoundTrip) {
    ops.push({ op: 'severity', at: instants[a], severity: upTo });
    ops.push({ op: 'severity', at: instants[b], severity });
  }
  return { steps: ops.sort((x, y) => x.at - y.at), up: instants[a], down: instants[b], upTo };
}

/**
 * Expects `actual` to be `expected`: the same state, severity and breach, and the same due and
 * at-risk instants, exactly on a calendar whose working days are all alike. Business days are
 * shares of working days, so where days differ in length a position moved from one to another
 * falls between milliseconds and is rounded up; deadlines carried over a pause and a severity
 * change round at different steps and may end a millisecond or two apart.
 */
function expectSameTarget(actual: SlaTarget, expected: SlaTarget, calendar: string): void {
  const facts = (target: SlaTarget) => ({
    state: target.state,
    severity: target.severity,
    breachedAt: target.breachedAt,
  });
  expect(facts(actual)).toEqual(facts(expected));
  const tolerance = calendar === 'all day UTC' ? 0 : 2;
  for (const field of ['dueAt', 'atRiskAt'] as const) {
    const gap = Math.abs(Date.parse(actual[field]) - Date.parse(expected[field]));
    if (gap > tolerance) expect({ [field]: actual[field] }).toEqual({ [field]: expected[field] });
  }
}

describe('severity round trip (3 to 2 and back, 2 to 1 and back, 3 to 1 and back), with pauses', () => {
  // Exact when the resolution clock keeps its measure across severities (business days for every
  // severity, as in the default policy). Where one severity's goal counts wall time, a pause over a
  // weekend moves its deadline further than a business-days one, and the downgrade then keeps the
  // later one (never tighter): that case is left to the other properties.
  const sameMeasure = roundTrip.filter((scenario) => scenario.policy !== 'mixed');

  it('leaves every unmet target as it would be without the round trip: due and at-risk instants, state, warning', () => {
    fc.assert(
      fc.property(sameMeasure, (scenario) => {
        const horizon = scenario.instants[5] + 86_400_000;
        const plain = stepsOf(scenario, false);
        const { steps, up, down } = stepsOf(scenario, true);
        const without = play(
          scenario.severity,
          plain.steps,
          horizon,
          POLICIES[scenario.policy],
          CALENDARS[scenario.calendar],
        );
        const withTrip = play(
          scenario.severity,
          steps,
          horizon,
          POLICIES[scenario.policy],
          CALENDARS[scenario.calendar],
        );
        for (const kind of KINDS) {
          // A breach while the severity was raised is a genuine fact (the tighter goal passed): it stays.
          const breachedWhileRaised = withTrip.breached.some(
            (breach) => breach.kind === kind && breach.at > up && breach.at <= down,
          );
          if (breachedWhileRaised) continue;
          expectSameTarget(withTrip.targets[kind], without.targets[kind], scenario.calendar);
          // A warning the case would still get is not lost. (The round trip may owe one the case
          // without it already had: the raised severity's warning came before this point.)
          if (atRiskWarningOwed(without.targets[kind]))
            expect(atRiskWarningOwed(withTrip.targets[kind])).toBe(true);
          // No second warning for the same severity: at most the one the raised severity earned.
          const warnings = (played: Played) =>
            played.warnings.filter(
              (warning) => warning.kind === kind && warning.severity === scenario.severity,
            ).length;
          expect(warnings(withTrip)).toBeLessThanOrEqual(warnings(without));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('an upgrade never moves a due time later, a downgrade never earlier', () => {
    fc.assert(
      fc.property(roundTrip, (scenario) => {
        const { steps } = stepsOf(scenario, true);
        let severity = scenario.severity;
        for (const [index, step] of steps.entries()) {
          if (step.op !== 'severity') continue;
          const before = play(
            scenario.severity,
            steps.slice(0, index),
            step.at,
            POLICIES[scenario.policy],
            CALENDARS[scenario.calendar],
          );
          const after = play(
            scenario.severity,
            steps.slice(0, index + 1),
            step.at,
            POLICIES[scenario.policy],
            CALENDARS[scenario.calendar],
          );
          for (const kind of KINDS) {
            const [was, is] = [before.targets[kind], after.targets[kind]];
            if (was.state !== 'running') continue;
            const [wasDue, isDue] = [Date.parse(was.dueAt), Date.parse(is.dueAt)];
            if (step.severity < severity) expect(isDue).toBeLessThanOrEqual(wasDue);
            else expect(isDue).toBeGreaterThanOrEqual(wasDue);
          }
          severity = step.severity;
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('resuming a paused clock', () => {
  it('puts the due time at the due time at the pause plus the time the pause lasted on the goal clock, never earlier', () => {
    fc.assert(
      fc.property(roundTrip, (scenario) => {
        const { steps } = stepsOf(scenario, true);
        const played = play(
          scenario.severity,
          steps,
          scenario.instants[5],
          POLICIES[scenario.policy],
          CALENDARS[scenario.calendar],
        );
        for (const { at, before, after } of played.resumes) {
          const pausedAt = Math.max(
            Date.parse(before.pauses[before.pauses.length - 1].from),
            Date.parse(before.startedAt),
          );
          const lasted = amountBetweenMs(CALENDARS[scenario.calendar], pausedAt, at, before.goal);
          const expected = addBusinessDurationMs(CALENDARS[scenario.calendar], Date.parse(before.dueAt), {
            ...before.goal,
            amount: lasted,
          });
          expect(Date.parse(after.dueAt)).toBeGreaterThanOrEqual(Date.parse(before.dueAt));
          expect(Math.abs(Date.parse(after.dueAt) - expected)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 400 },
    );
  });
});

/**
 * The mirror round trip: lowered at one instant, raised back at a later one. Without a memory of
 * the run the downgrade ended, the raise restarted the clock from the change, so two requests
 * turned a deadline minutes away into a fresh goal.
 */
function mirrorStepsOf(scenario: RoundTrip, withRoundTrip: boolean): { steps: Step[]; up: number } {
  const { steps: pausesOnly, up: down, down: up } = stepsOf(scenario, false);
  const lowered = Math.max(scenario.severity, scenario.upgradeTo + 1) as Severity;
  const trip: Step[] = [
    { op: 'severity', at: down, severity: lowered },
    { op: 'severity', at: up, severity: scenario.upgradeTo },
  ];
  const steps = withRoundTrip ? [...pausesOnly, ...trip] : pausesOnly;
  return { steps: steps.sort((x, y) => x.at - y.at), up };
}

/**
 * Found by a CI run: a run that used one millisecond of a Monday, lowered and then raised back at
 * 09:00:00.001 on a short Friday while paused. Carried over the shorter day, the resumed deadline
 * rounded to the fresh start's millisecond, and a "tighter than a fresh start" test chose the fresh
 * start, stating the paused clock's deadlines as of the raise instead of as of its pause.
 */
const ONE_MILLISECOND_USED_THEN_RAISED_ON_A_SHORT_FRIDAY: RoundTrip = {
  severity: 2,
  upgradeTo: 2,
  instants: [1717398000001, 1717509600000, 1717509600001, 1717509600002, 1717739880761, 1717740000001],
  positions: [1, 5],
  lastResume: false,
  policy: 'default',
  calendar: '09:00-17:00 Sofia, short Fridays, a holiday',
};

describe('severity mirror round trip (1 to 2 and back, 2 to 3 and back, 1 to 3 and back), with pauses', () => {
  const sameMeasure = roundTrip.filter((scenario) => scenario.policy !== 'mixed');

  it('leaves every target whose deadline was still ahead at the raise as it would be without the round trip', () => {
    fc.assert(
      fc.property(sameMeasure, (scenario) => {
        const horizon = scenario.instants[5] + 86_400_000;
        const policy = POLICIES[scenario.policy];
        const calendar = CALENDARS[scenario.calendar];
        const { steps: plain } = mirrorStepsOf(scenario, false);
        const { steps, up } = mirrorStepsOf(scenario, true);
        // The severity the case is opened with and raised back to.
        const without = play(scenario.upgradeTo, plain, horizon, policy, calendar);
        const withTrip = play(scenario.upgradeTo, steps, horizon, policy, calendar);
        for (const kind of KINDS) {
          // Spent at the lower severity: the raise restarts the clock from the change (DOMAIN.md).
          const { state, dueAt } = without.targets[kind];
          if (state === 'breached' && Date.parse(dueAt) <= up) continue;
          expectSameTarget(withTrip.targets[kind], without.targets[kind], scenario.calendar);
        }
      }),
      { numRuns: 400, examples: [[ONE_MILLISECOND_USED_THEN_RAISED_ON_A_SHORT_FRIDAY]] },
    );
  });
});

/**
 * Raised, lowered and raised back: a raise may hold the clock to the earlier deadline it had ("never
 * later than it was already due"), and a downgrade then a raise back to the same severity must keep
 * that deadline, not count the raised severity's full goal from the first raise. The case is
 * compared with the same case raised once and never touched again.
 */
const raisedLoweredRaisedBack = fc.record({
  severity: fc.constantFrom<Severity>(2, 3),
  raiseTo: fc.constantFrom<Severity>(1, 2),
  lowerTo: fc.constantFrom<Severity>(2, 3),
  instants,
  positions: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
  // Policies whose resolution clock keeps its measure across severities; the tester's (a 24x7
  // severity-2 goal, business days for severity 1) is played on its fixed example below.
  policy: fc.constantFrom('default', 'odd'),
  calendar: fc.constantFrom(...Object.keys(CALENDARS)),
});
type RaisedLoweredRaisedBack = {
  severity: Severity;
  raiseTo: Severity;
  lowerTo: Severity;
  instants: number[];
  positions: number[];
  policy: string;
  calendar: string;
};

/** The policy the tester found it with: severity 2 resolves in 12 minutes (wall), severity 1 in 7 business days. */
const TESTER_POLICY = parseSupportPolicy({
  version: 'fast-test-2',
  severities: {
    1: { responseGoal: { amount: 4, unit: 'minutes', clock: 'wall' } },
    2: {
      responseGoal: { amount: 6, unit: 'minutes', clock: 'wall' },
      resolutionGoal: { amount: 12, unit: 'minutes', clock: 'wall' },
    },
  },
});
const UP_DOWN_UP_POLICIES: Readonly<Record<string, SupportPolicy>> = { ...POLICIES, tester: TESTER_POLICY };

function upDownUpStepsOf(
  { severity, raiseTo, lowerTo, instants, positions }: RaisedLoweredRaisedBack,
  withDownAndUp: boolean,
): { steps: Step[]; backUp: number } {
  const [up, down, backUp] = [...positions].sort((x, y) => x - y);
  const raised = Math.min(raiseTo, severity - 1) as Severity;
  const lowered = Math.max(lowerTo, raised + 1) as Severity;
  const steps: Step[] = instants
    .filter((_, index) => !positions.includes(index))
    .map((at, index): Step => ({ op: index % 2 === 0 ? 'pause' : 'resume', at }));
  steps.push({ op: 'severity', at: instants[up], severity: raised });
  if (withDownAndUp) {
    steps.push({ op: 'severity', at: instants[down], severity: lowered });
    steps.push({ op: 'severity', at: instants[backUp], severity: raised });
  }
  return { steps: steps.sort((x, y) => x.at - y.at), backUp: instants[backUp] };
}

/**
 * The tester's sequence (findings E2), from a Monday: severity 2 raised to 1 302 ms after the
 * opening (held to the 12-minute severity-2 deadline), lowered to 3 a minute later and raised back
 * to 1 a minute after that; it got 7 business days from the first raise. Waits for the customer come
 * afterwards.
 */
const TESTERS_TWO_ONE_THREE_ONE: RaisedLoweredRaisedBack = {
  severity: 2,
  raiseTo: 1,
  lowerTo: 3,
  instants: [
    OPENED_AT + 302,
    OPENED_AT + 76_326,
    OPENED_AT + 136_326,
    OPENED_AT + 200_000,
    OPENED_AT + 260_000,
    OPENED_AT + 320_000,
  ],
  positions: [0, 1, 2],
  policy: 'tester',
  calendar: 'all day UTC',
};
/** The same under the default policy: raised to 1 on business day 10 of 14, lowered to 3, raised back. */
const RAISED_ON_DAY_TEN_OF_FOURTEEN: RaisedLoweredRaisedBack = {
  severity: 2,
  raiseTo: 1,
  lowerTo: 3,
  instants: [
    OPENED_AT + 14 * 86_400_000,
    OPENED_AT + 14 * 86_400_000 + 3_600_000,
    OPENED_AT + 15 * 86_400_000,
    OPENED_AT + 16 * 86_400_000,
    OPENED_AT + 16 * 86_400_000 + 7_200_000,
    OPENED_AT + 17 * 86_400_000,
  ],
  positions: [0, 2, 5],
  policy: 'default',
  calendar: 'all day UTC',
};

describe('severity raised, lowered and raised back (2 to 1 to 3 to 1), with pauses', () => {
  it('leaves every target whose deadline was still ahead at the raise back as the first raise alone left it', () => {
    fc.assert(
      fc.property(raisedLoweredRaisedBack, (scenario) => {
        const horizon = scenario.instants[5] + 86_400_000;
        const policy = UP_DOWN_UP_POLICIES[scenario.policy];
        const calendar = CALENDARS[scenario.calendar];
        const { steps: raisedOnce } = upDownUpStepsOf(scenario, false);
        const { steps, backUp } = upDownUpStepsOf(scenario, true);
        const without = play(scenario.severity, raisedOnce, horizon, policy, calendar);
        const withTrip = play(scenario.severity, steps, horizon, policy, calendar);
        for (const kind of KINDS) {
          // Spent at the lower severity: the raise back restarts the clock from the change (DOMAIN.md).
          const { state, dueAt } = without.targets[kind];
          if (state === 'breached' && Date.parse(dueAt) <= backUp) continue;
          expectSameTarget(withTrip.targets[kind], without.targets[kind], scenario.calendar);
        }
      }),
      { numRuns: 400, examples: [[TESTERS_TWO_ONE_THREE_ONE], [RAISED_ON_DAY_TEN_OF_FOURTEEN]] },
    );
  });
});

/**
 * Any sequence of raises and lowerings among waits for the customer that ends at the severity the
 * case was opened with: never due later than it would be with no severity change at all, while that
 * deadline is still ahead at the last change. Found by a helper: 2 to 1 to 3 to 2 counted the
 * severity-2 goal from the raise to 1 (or kept the severity-3 deadline) and ended days later.
 */
const changesBackToOpening = fc.record({
  severity: fc.constantFrom<Severity>(1, 2, 3),
  instants,
  // The severity before each instant's change; the last change goes back to the opening severity.
  changes: fc.array(fc.constantFrom<Severity>(1, 2, 3), { minLength: 2, maxLength: 3 }),
  positions: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
  // Goals that grow with the severity number. Where they do not (ODD_POLICY), a lowering keeps the
  // more urgent severity's later deadline (a downgrade never tightens a target) and may then end
  // later than the opening severity alone: a choice DOMAIN.md makes, not a round trip that buys time.
  policy: fc.constantFrom('default'),
  calendar: fc.constantFrom(...Object.keys(CALENDARS)),
});
type ChangesBackToOpening = {
  severity: Severity;
  instants: number[];
  changes: Severity[];
  positions: number[];
  policy: string;
  calendar: string;
};

function changesStepsOf(
  { severity, instants, changes, positions }: ChangesBackToOpening,
  withChanges: boolean,
): { steps: Step[]; lastChange: number } {
  const at = positions.slice(0, changes.length + 1).sort((x, y) => x - y);
  const steps: Step[] = instants
    .filter((_, index) => !at.includes(index))
    .map((instant, index): Step => ({ op: index % 2 === 0 ? 'pause' : 'resume', at: instant }));
  const severities = [...changes, severity];
  const changeSteps = at.map((index, n): Step => ({
    op: 'severity',
    at: instants[index],
    severity: severities[n],
  }));
  if (withChanges) steps.push(...changeSteps);
  return { steps: steps.sort((x, y) => x.at - y.at), lastChange: instants[at[at.length - 1]] };
}

/** The brief's sequence under the default policy: 2, raised to 1 on business day 10, lowered to 3, raised to 2. */
const TWO_ONE_THREE_TWO: ChangesBackToOpening = {
  severity: 2,
  instants: [
    OPENED_AT + 14 * 86_400_000,
    OPENED_AT + 14 * 86_400_000 + 3_600_000,
    OPENED_AT + 14 * 86_400_000 + 7_200_000,
    OPENED_AT + 15 * 86_400_000,
    OPENED_AT + 16 * 86_400_000,
    OPENED_AT + 17 * 86_400_000,
  ],
  changes: [1, 3],
  positions: [0, 1, 2, 5],
  policy: 'default',
  calendar: 'all day UTC',
};

describe('severity raised and lowered any number of times, back to the opening severity, with pauses', () => {
  it('is never due later than with no severity change while that deadline is still ahead at the last change', () => {
    fc.assert(
      fc.property(changesBackToOpening, (scenario) => {
        const horizon = scenario.instants[5] + 86_400_000;
        const policy = POLICIES[scenario.policy];
        const calendar = CALENDARS[scenario.calendar];
        const { steps: plain } = changesStepsOf(scenario, false);
        const { steps, lastChange } = changesStepsOf(scenario, true);
        const without = play(scenario.severity, plain, horizon, policy, calendar);
        const withChanges = play(scenario.severity, steps, horizon, policy, calendar);
        const tolerance = scenario.calendar === 'all day UTC' ? 0 : 2;
        for (const kind of KINDS) {
          // Spent before the last change: the raise restarts the clock from the change (DOMAIN.md).
          const noChange = deadlinesFrom(without.targets[kind], horizon, calendar);
          if (noChange.dueMs <= lastChange) continue;
          const changed = deadlinesFrom(withChanges.targets[kind], horizon, calendar);
          expect(changed.dueMs).toBeLessThanOrEqual(noChange.dueMs + tolerance);
        }
      }),
      { numRuns: 600, examples: [[TWO_ONE_THREE_TWO]] },
    );
  });
});

/**
 * A policy update between the opening and the round trip: longer goals with a smaller at-risk
 * share (the tester's `cal-test-6`), or goals that do not grow with the severity number. The clock
 * keeps its measure (business days) across both policies.
 */
const UPDATED_POLICIES: Readonly<Record<string, SupportPolicy>> = {
  longer: parseSupportPolicy({
    version: 'longer',
    atRiskShare: 0.5,
    severities: {
      1: { responseGoal: { amount: 2, unit: 'minutes', clock: 'wall' } },
      2: { resolutionGoal: { amount: 20, unit: 'days', clock: 'business' } },
    },
  }),
  shorter: parseSupportPolicy({
    version: 'shorter',
    severities: {
      2: {
        responseGoal: { amount: 3, unit: 'minutes', clock: 'business' },
        resolutionGoal: { amount: 2, unit: 'days', clock: 'business' },
      },
      3: { resolutionGoal: { amount: 4, unit: 'days', clock: 'business' } },
    },
  }),
  odd: ODD_POLICY,
};
const afterPolicyUpdate = fc.record({
  severity: fc.constantFrom<Severity>(2, 3),
  upgradeTo: fc.constantFrom<Severity>(1, 2),
  instants,
  positions: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }),
  lastResume: fc.boolean(),
  policy: fc.constantFrom('default'),
  calendar: fc.constantFrom(...Object.keys(CALENDARS)),
  updated: fc.constantFrom(...Object.keys(UPDATED_POLICIES)),
});

describe('severity round trips after a policy update, with pauses', () => {
  it('up and back (2 to 1 and back, 3 to 2 and back) leaves every unmet target as it would be without the round trip', () => {
    fc.assert(
      fc.property(afterPolicyUpdate, (scenario) => {
        const horizon = scenario.instants[5] + 86_400_000;
        const [policy, updated] = [POLICIES[scenario.policy], UPDATED_POLICIES[scenario.updated]];
        const calendar = CALENDARS[scenario.calendar];
        const { steps: plain } = stepsOf(scenario, false);
        const { steps, up, down } = stepsOf(scenario, true);
        const without = play(scenario.severity, plain, horizon, policy, calendar);
        const withTrip = play(scenario.severity, steps, horizon, policy, calendar, updated);
        for (const kind of KINDS) {
          // A breach while the severity was raised is a genuine fact (the tighter goal passed): it stays.
          const breachedWhileRaised = withTrip.breached.some(
            (breach) => breach.kind === kind && breach.at > up && breach.at <= down,
          );
          if (breachedWhileRaised) continue;
          expectSameTarget(withTrip.targets[kind], without.targets[kind], scenario.calendar);
          expect(withTrip.targets[kind].policyVersion).toBe(without.targets[kind].policyVersion);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('down and back up (1 to 2 and back, 2 to 3 and back) leaves every target whose deadline was still ahead at the raise as it would be without the round trip', () => {
    fc.assert(
      fc.property(afterPolicyUpdate, (scenario) => {
        const horizon = scenario.instants[5] + 86_400_000;
        const [policy, updated] = [POLICIES[scenario.policy], UPDATED_POLICIES[scenario.updated]];
        const calendar = CALENDARS[scenario.calendar];
        const { steps: plain } = mirrorStepsOf(scenario, false);
        const { steps, up } = mirrorStepsOf(scenario, true);
        const without = play(scenario.upgradeTo, plain, horizon, policy, calendar);
        const withTrip = play(scenario.upgradeTo, steps, horizon, policy, calendar, updated);
        for (const kind of KINDS) {
          const { state, dueAt } = without.targets[kind];
          if (state === 'breached' && Date.parse(dueAt) <= up) continue;
          expectSameTarget(withTrip.targets[kind], without.targets[kind], scenario.calendar);
        }
      }),
      { numRuns: 400 },
    );
  });
});

/**
 * Earlier severity changes under the policy at the opening (2 to 1 to 2, 1 to 2, 2 to 3 to 2, ...),
 * then, after a policy update, a lowering and raising back to the severity they ended at. The
 * duty manager's F2: the raise back took the new policy's goal from the start of the more urgent
 * run once the case had been through any earlier change.
 */
const earlierChangesThenPolicyUpdate = fc.record({
  opening: fc.constantFrom<Severity>(1, 2, 3),
  earlier: fc.array(fc.constantFrom<Severity>(1, 2, 3), { minLength: 1, maxLength: 3 }),
  /** Where the earlier changes fall before the round trip, as shares of the time since the opening. */
  shares: fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 3, maxLength: 3 }),
  instants,
  positions: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }),
  lastResume: fc.boolean(),
  calendar: fc.constantFrom(...Object.keys(CALENDARS)),
  updated: fc.constantFrom(...Object.keys(UPDATED_POLICIES)),
});

describe('severity lowered and raised back after a policy update, following earlier changes', () => {
  it('leaves every target whose deadline was still ahead at the raise as the earlier changes alone left it, policy version included', () => {
    fc.assert(
      fc.property(earlierChangesThenPolicyUpdate, (scenario) => {
        const severities = scenario.earlier.filter(
          (severity, index, all) => severity !== (all[index - 1] ?? scenario.opening),
        );
        const ended = severities[severities.length - 1] ?? scenario.opening;
        if (ended === 3) return;
        const calendar = CALENDARS[scenario.calendar];
        const horizon = scenario.instants[5] + 86_400_000;
        const {
          steps: pausesOnly,
          up: down,
          down: up,
        } = stepsOf({ ...scenario, severity: 2, upgradeTo: 1, policy: 'default' }, false);
        const shares = [...scenario.shares].sort((x, y) => x - y);
        const earlier: Step[] = severities.map((severity, index) => ({
          op: 'severity',
          at: OPENED_AT + Math.max(1, Math.floor(shares[index] * (down - OPENED_AT))),
          severity,
          policy: DEFAULT_SUPPORT_POLICY,
        }));
        if (earlier.some((step) => step.at >= down)) return;
        const trip: Step[] = [
          { op: 'severity', at: down, severity: (ended + 1) as Severity },
          { op: 'severity', at: up, severity: ended },
        ];
        const byTime = (steps: Step[]) => steps.sort((x, y) => x.at - y.at);
        const updated = UPDATED_POLICIES[scenario.updated];
        const without = play(
          scenario.opening,
          byTime([...earlier, ...pausesOnly]),
          horizon,
          DEFAULT_SUPPORT_POLICY,
          calendar,
        );
        const withTrip = play(
          scenario.opening,
          byTime([...earlier, ...pausesOnly, ...trip]),
          horizon,
          DEFAULT_SUPPORT_POLICY,
          calendar,
          updated,
        );
        for (const kind of KINDS) {
          // Spent at the lower severity: the raise restarts the clock from the change (DOMAIN.md).
          const { state, dueAt } = without.targets[kind];
          if (state === 'breached' && Date.parse(dueAt) <= up) continue;
          expectSameTarget(withTrip.targets[kind], without.targets[kind], scenario.calendar);
          expect(withTrip.targets[kind].policyVersion).toBe(without.targets[kind].policyVersion);
        }
      }),
      { numRuns: 600 },
    );
  });
});
