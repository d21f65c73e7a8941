import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { evaluateTarget } from './evaluate-target';
import { pauseTarget, resumeTarget } from './pause-resume';
import { recomputeTargetsOnSeverityChange } from './severity-change';
import { startTargets } from './start-targets';
import { markTargetAtRisk, markTargetBreached, meetTarget } from './stop-targets';

const HOUR = 3_600_000;
const calendar = defaultBusinessCalendar();
// Severity 2 opened Friday 24 May 15:00 UTC: response at risk Monday 09:00, due Monday 15:00.
const { firstResponse, resolution } = startTargets({
  severity: 2,
  openedAt: '2024-05-24T15:00:00Z',
  policy: DEFAULT_SUPPORT_POLICY,
  calendar,
});

describe('evaluateTarget', () => {
  it('reports a running target with its remaining wall-clock and business time', () => {
    expect(evaluateTarget(firstResponse, '2024-05-25T15:00:00Z', calendar)).toEqual({
      kind: 'first-response',
      state: 'running',
      dueAt: '2024-05-27T15:00:00.000Z',
      atRiskAt: '2024-05-27T09:00:00.000Z',
      atRisk: false,
      remainingMs: 48 * HOUR,
      remainingBusinessMs: 15 * HOUR,
    });
  });

  it('counts every hour of a wall-clock (24x7) goal: an hour left on a Saturday is an hour, not none', () => {
    const { firstResponse: severity1 } = startTargets({
      severity: 1,
      openedAt: '2024-05-25T15:00:00Z',
      policy: DEFAULT_SUPPORT_POLICY,
      calendar,
    });
    expect(evaluateTarget(severity1, '2024-05-25T15:20:00Z', calendar)).toMatchObject({
      remainingMs: 40 * 60_000,
      remainingBusinessMs: 40 * 60_000,
    });
  });

  it('leaves out business time without a calendar', () => {
    expect(evaluateTarget(firstResponse, '2024-05-25T15:00:00Z')).not.toHaveProperty('remainingBusinessMs');
  });

  it('is at risk from atRiskAt, whether or not the warning was recorded', () => {
    expect(evaluateTarget(firstResponse, '2024-05-27T09:00:00Z').atRisk).toBe(true);
    const warned = markTargetAtRisk(firstResponse, '2024-05-27T09:00:00Z')!;
    expect(evaluateTarget(warned, '2024-05-27T10:00:00Z').atRisk).toBe(true);
  });

  it('reads breached once dueAt has passed, before the breach event', () => {
    expect(evaluateTarget(firstResponse, '2024-05-27T16:00:00Z', calendar)).toMatchObject({
      state: 'breached',
      atRisk: false,
      breachedAt: '2024-05-27T15:00:00.000Z',
      remainingMs: -HOUR,
      remainingBusinessMs: -HOUR,
    });
    const recorded = markTargetBreached(firstResponse, '2024-05-27T15:00:00Z')!;
    expect(evaluateTarget(recorded, '2024-05-27T16:00:00Z').state).toBe('breached');
  });

  it('freezes the remaining time of a paused target at the pause', () => {
    const paused = pauseTarget(resolution, '2024-06-12T15:00:00Z');
    const later = evaluateTarget(paused, '2024-06-20T00:00:00Z', calendar);
    expect(later).toMatchObject({
      state: 'paused',
      atRisk: false,
      remainingMs: 24 * HOUR,
      remainingBusinessMs: 24 * HOUR,
    });
  });

  it('states a paused due time as if the customer answered now, so it is never in the past', () => {
    // Paused Wednesday 12 June 15:00 with one business day left (due Thursday 15:00).
    const paused = pauseTarget(resolution, '2024-06-12T15:00:00Z');
    expect(evaluateTarget(paused, '2024-06-12T15:00:00Z', calendar).dueAt).toBe('2024-06-13T15:00:00.000Z');
    // Still waiting on Saturday: an answer now counts from Monday, so due Tuesday 00:00.
    const saturday = '2024-06-15T10:00:00Z';
    const waiting = evaluateTarget(paused, saturday, calendar);
    expect(waiting).toMatchObject({
      state: 'paused',
      dueAt: '2024-06-18T00:00:00.000Z',
      remainingMs: 24 * HOUR,
    });
    const answered = resumeTarget(paused, saturday, calendar);
    expect(waiting).toMatchObject({ dueAt: answered.dueAt, atRiskAt: answered.atRiskAt });
    // Without the calendar it cannot count business time: stated as of the pause.
    expect(evaluateTarget(paused, saturday).dueAt).toBe(paused.dueAt);
  });

  it('is not at risk while paused, even past its at-risk instant (nobody at the vendor can act), and is again once resumed', () => {
    // Severity 2 resolution: at risk from Monday 10 June 03:00, due Thursday 13 June 15:00.
    expect(resolution).toMatchObject({
      atRiskAt: '2024-06-10T03:00:00.000Z',
      dueAt: '2024-06-13T15:00:00.000Z',
    });
    const paused = pauseTarget(resolution, '2024-06-12T15:00:00Z');
    expect(evaluateTarget(paused, '2024-06-12T15:00:00Z').atRisk).toBe(false);
    expect(evaluateTarget(paused, '2024-06-20T00:00:00Z').atRisk).toBe(false);
    const resumed = resumeTarget(paused, '2024-06-13T09:00:00Z', calendar);
    expect(resumed.atRiskAt).toBe(resolution.atRiskAt);
    expect(evaluateTarget(resumed, '2024-06-13T09:00:00Z')).toMatchObject({ state: 'running', atRisk: true });
  });

  it('a paused target short of its at-risk instant is not at risk, and becomes so only when the resumed clock reaches it', () => {
    const paused = pauseTarget(resolution, '2024-06-07T15:00:00Z');
    expect(evaluateTarget(paused, '2024-06-10T12:00:00Z').atRisk).toBe(false);
    const resumed = resumeTarget(paused, '2024-06-10T15:00:00Z', calendar);
    // One business day paused: the warning point moves a day, to Tuesday 11 June 03:00.
    expect(resumed.atRiskAt).toBe('2024-06-11T03:00:00.000Z');
    expect(evaluateTarget(resumed, '2024-06-11T02:59:59.999Z').atRisk).toBe(false);
    expect(evaluateTarget(resumed, '2024-06-11T03:00:00Z').atRisk).toBe(true);
  });

  it('reports a met target without remaining time', () => {
    const met = meetTarget(firstResponse, '2024-05-27T10:00:00Z');
    expect(evaluateTarget(met, '2024-06-01T00:00:00Z', calendar)).toEqual({
      kind: 'first-response',
      state: 'met',
      dueAt: '2024-05-27T15:00:00.000Z',
      atRiskAt: '2024-05-27T09:00:00.000Z',
      atRisk: false,
      metAt: '2024-05-27T10:00:00.000Z',
    });
  });

  it('reports a target answered late as breached, with both instants', () => {
    const late = meetTarget(firstResponse, '2024-05-28T10:00:00Z');
    expect(evaluateTarget(late, '2024-06-01T00:00:00Z')).toEqual({
      kind: 'first-response',
      state: 'breached',
      dueAt: '2024-05-27T15:00:00.000Z',
      atRiskAt: '2024-05-27T09:00:00.000Z',
      atRisk: false,
      breachedAt: '2024-05-27T15:00:00.000Z',
      metAt: '2024-05-28T10:00:00.000Z',
    });
  });
});

describe('evaluateTarget after a severity upgrade while the case awaits the customer', () => {
  // Severity 3 opened Monday 3 June 09:00 UTC, paused Monday 10:00, upgraded to 2 on Wednesday 10:00:
  // the resolution clock restarts paused at the upgrade with the whole severity-2 goal.
  const opened = startTargets({
    severity: 3,
    openedAt: '2024-06-03T09:00:00Z',
    policy: DEFAULT_SUPPORT_POLICY,
    calendar,
  }).resolution;
  const paused = pauseTarget(opened, '2024-06-03T10:00:00Z');
  const upgraded = recomputeTargetsOnSeverityChange({
    targets: { firstResponse, resolution: paused },
    oldSeverity: 3,
    newSeverity: 2,
    changedAt: '2024-06-05T10:00:00Z',
    openedAt: '2024-06-03T09:00:00Z',
    policy: DEFAULT_SUPPORT_POLICY,
    calendar,
  }).after.resolution;

  it('shows the whole new goal remaining, not the goal plus the pause before the upgrade', () => {
    expect(upgraded.state).toBe('paused');
    const evaluation = evaluateTarget(upgraded, '2024-06-07T10:00:00Z', calendar);
    expect(evaluation.remainingBusinessMs).toBe(14 * 24 * HOUR);
    expect(evaluation.remainingMs).toBe(Date.parse(upgraded.dueAt) - Date.parse('2024-06-05T10:00:00Z'));
    expect(evaluation.atRisk).toBe(false);
  });

  it('and the same remaining time once the customer answers', () => {
    const resumed = resumeTarget(upgraded, '2024-06-07T10:00:00Z', calendar);
    expect(evaluateTarget(resumed, '2024-06-07T10:00:00Z', calendar).remainingBusinessMs).toBe(
      14 * 24 * HOUR,
    );
  });
});
