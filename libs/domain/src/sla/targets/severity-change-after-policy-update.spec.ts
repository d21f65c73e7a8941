import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import type { SupportPolicy } from '../../policy/support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { pauseTarget, resumeTarget } from './pause-resume';
import { recomputeTargetsOnSeverityChange } from './severity-change';
import type { SlaTargets } from './sla-target';
import { startTargets } from './start-targets';

/**
 * README "SLA clocks": changing severity up and back leaves every due time where it was, also when
 * the policy in force changed since the case was opened (the tester's case "nz 2": opened under a
 * 14-business-day severity-2 goal, raised to 1 and lowered straight back under a policy whose
 * severity-2 goal is 20 days with a 50% at-risk share).
 */
const auckland = defaultBusinessCalendar('Pacific/Auckland');
// Sunday 29 November 2026, 10:07:46.493 in Auckland (opened outside working time).
const openedAt = '2026-11-28T21:07:46.493Z';
const policyAtOpening = DEFAULT_SUPPORT_POLICY;
const updatedPolicy = parseSupportPolicy({
  version: 'cal-test-6',
  atRiskShare: 0.5,
  severities: {
    1: { responseGoal: { amount: 2, unit: 'minutes', clock: 'wall' } },
    2: {
      responseGoal: { amount: 1, unit: 'days', clock: 'business' },
      resolutionGoal: { amount: 20, unit: 'days', clock: 'business' },
    },
    3: { resolutionGoal: { amount: 3000, unit: 'hours', clock: 'business' } },
  },
});

/** A later policy whose severity 2 goals are minutes: a fresh run would be due at once. */
const minutes = parseSupportPolicy({
  version: 'cal-test-2',
  severities: {
    2: {
      responseGoal: { amount: 3, unit: 'minutes', clock: 'business' },
      resolutionGoal: { amount: 6, unit: 'minutes', clock: 'business' },
    },
  },
});
// Monday 30 November, 09:00 in Auckland.
const monday = '2026-11-29T20:00:00.000Z';

/** A case's targets opened at `severity` on Monday under the policy at opening, on Auckland's calendar. */
const openedOnMonday = (severity: Severity): SlaTargets =>
  startTargets({ severity, openedAt: monday, policy: policyAtOpening, calendar: auckland });

function change(
  targets: SlaTargets,
  from: Severity,
  to: Severity,
  changedAt: string,
  policy: SupportPolicy = updatedPolicy,
): SlaTargets {
  return recomputeTargetsOnSeverityChange({
    targets,
    oldSeverity: from,
    newSeverity: to,
    changedAt,
    openedAt,
    policy,
    calendar: auckland,
  }).after;
}

describe('a severity round trip after a policy update', () => {
  const opened = startTargets({ severity: 2, openedAt, policy: policyAtOpening, calendar: auckland });

  it('Given a severity 2 case opened under the old policy, When raised to 1 and lowered straight back under the new one, Then its resolution is due when it was, warned when it was, on the goal it was given', () => {
    // Given
    expect(opened.resolution).toMatchObject({
      dueAt: '2026-12-17T11:00:00.000Z',
      atRiskAt: '2026-12-13T23:00:00.000Z',
      policyVersion: policyAtOpening.version,
    });
    // When
    const raised = change(opened, 2, 1, '2026-11-30T02:00:00.000Z');
    const back = change(raised, 1, 2, '2026-11-30T02:00:00.120Z');
    // Then
    for (const kind of ['firstResponse', 'resolution'] as const) {
      expect(back[kind]).toMatchObject({
        severity: 2,
        state: 'running',
        startedAt: opened[kind].startedAt,
        dueAt: opened[kind].dueAt,
        atRiskAt: opened[kind].atRiskAt,
        goal: opened[kind].goal,
        atRiskShare: opened[kind].atRiskShare,
        policyVersion: policyAtOpening.version,
      });
    }
  });

  it('Given the same case awaiting the customer across the round trip, When the customer answers, Then the due time moved by the wait only', () => {
    // Given
    const paused = { ...opened, resolution: pauseTarget(opened.resolution, '2026-12-01T00:00:00.000Z') };
    const raised = change(paused, 2, 1, '2026-12-01T03:00:00.000Z');
    const back = change(raised, 1, 2, '2026-12-01T03:00:00.120Z');
    // When: answered a full working day after the pause began.
    const answered = resumeTarget(back.resolution, '2026-12-02T00:00:00.000Z', auckland);
    const untouched = resumeTarget(paused.resolution, '2026-12-02T00:00:00.000Z', auckland);
    // Then
    expect(answered).toMatchObject({
      state: 'running',
      dueAt: untouched.dueAt,
      atRiskAt: untouched.atRiskAt,
      policyVersion: policyAtOpening.version,
    });
    expect(answered.dueAt).toBe('2026-12-18T11:00:00.000Z');
  });

  it('Given a new policy whose severity 2 response goal is minutes, When lowered to 3 and raised straight back to 2, Then the response stays due the next business day', () => {
    // Given: opened on Monday 30 November, 09:00 in Auckland.
    const targets = openedOnMonday(2);
    // When
    const lowered = change(targets, 2, 3, '2026-11-29T22:00:00.000Z', minutes);
    const back = change(lowered, 3, 2, '2026-11-29T22:00:00.120Z', minutes);
    // Then
    expect(back.firstResponse).toMatchObject({
      severity: 2,
      dueAt: '2026-11-30T20:00:00.000Z',
      policyVersion: policyAtOpening.version,
    });
  });

  it('Given the remembered severity 2 deadline already passed, When lowered back, Then it is recomputed from the opening as before (no retroactive breach)', () => {
    const raised = change(opened, 2, 1, '2026-11-30T02:00:00.000Z');
    const [run] = raised.resolution.endedRuns ?? [];
    const passed = {
      ...raised,
      resolution: {
        ...raised.resolution,
        endedRuns: [{ ...run, dueAt: '2026-11-30T01:00:00.000Z', atRiskAt: '2026-11-30T00:00:00.000Z' }],
      },
    };
    const back = change(passed, 1, 2, '2026-11-30T02:00:00.120Z');
    expect(back.resolution).toMatchObject({ dueAt: '2026-12-25T11:00:00.000Z', policyVersion: 'cal-test-6' });
  });

  it('Given a run remembered without its deadlines (recorded before they were), When lowered back, Then it is recomputed from the opening as before', () => {
    const raised = change(opened, 2, 1, '2026-11-30T02:00:00.000Z');
    const older = {
      ...raised,
      resolution: {
        ...raised.resolution,
        endedRuns: [{ severity: 2 as const, startedAt: opened.resolution.startedAt }],
      },
    };
    const back = change(older, 1, 2, '2026-11-30T02:00:00.120Z');
    expect(back.resolution).toMatchObject({ dueAt: '2026-12-25T11:00:00.000Z', policyVersion: 'cal-test-6' });
  });
});

/**
 * The duty manager's F2: a plain 2 to 3 to 2 kept its run after a policy update, but once the case
 * had been through any earlier severity change (2 to 1 to 2, or opened at 1) the raise back to 2
 * took the new policy's shorter goal from the start of the more urgent run.
 */
describe('lowering and raising back after a policy update, with earlier severity changes', () => {
  const at = (minutesAfter: number) => new Date(Date.parse(monday) + minutesAfter * 60_000).toISOString();

  it('Given a severity 2 case raised to 1 and lowered back, When lowered to 3 and raised to 2 under a policy with a shorter severity 2 goal, Then it resumes its severity 2 run: due and warned when it was, on its goal and policy version', () => {
    // Given
    const opened = openedOnMonday(2);
    const raised = change(opened, 2, 1, at(60), minutes);
    const lowered = change(raised, 1, 2, at(61), minutes);
    expect(lowered.firstResponse).toMatchObject({ dueAt: opened.firstResponse.dueAt });
    // When
    const down = change(lowered, 2, 3, at(62), minutes);
    const back = change(down, 3, 2, at(63), minutes);
    // Then
    for (const kind of ['firstResponse', 'resolution'] as const) {
      expect(back[kind]).toMatchObject({
        severity: 2,
        startedAt: opened[kind].startedAt,
        dueAt: opened[kind].dueAt,
        atRiskAt: opened[kind].atRiskAt,
        goal: opened[kind].goal,
        atRiskShare: opened[kind].atRiskShare,
        policyVersion: policyAtOpening.version,
      });
    }
    expect(back.firstResponse.dueAt).toBe('2026-11-30T20:00:00.000Z');
  });

  it('Given a case opened at severity 1 and lowered to 2 before the policy update, When lowered to 3 and raised to 2 after it, Then it resumes the severity 2 run the first downgrade made', () => {
    // Given
    const opened = openedOnMonday(1);
    const atTwo = change(opened, 1, 2, at(10), policyAtOpening);
    // When
    const down = change(atTwo, 2, 3, at(20), minutes);
    const back = change(down, 3, 2, at(21), minutes);
    // Then
    for (const kind of ['firstResponse', 'resolution'] as const) {
      expect(back[kind]).toMatchObject({
        severity: 2,
        dueAt: atTwo[kind].dueAt,
        atRiskAt: atTwo[kind].atRiskAt,
        goal: atTwo[kind].goal,
        policyVersion: policyAtOpening.version,
      });
    }
  });
});
