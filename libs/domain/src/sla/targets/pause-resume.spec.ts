import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import { defaultBusinessCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import { pauseTarget, resumeTarget } from './pause-resume';
import { recomputeTargetsOnSeverityChange } from './severity-change';
import { startTargets } from './start-targets';
import { markTargetAtRisk, markTargetBreached, meetTarget } from './stop-targets';

const calendar = defaultBusinessCalendar();

describe('pausing and resuming the resolution clock', () => {
  // Severity 2 opened Monday 3 June 2024 09:00 UTC: resolution due Friday 21 June 09:00 (14 business days).
  const { resolution } = startTargets({
    severity: 2,
    openedAt: '2024-06-03T09:00:00Z',
    policy: DEFAULT_SUPPORT_POLICY,
    calendar,
  });

  it('starts from the expected deadline', () => {
    expect(resolution.dueAt).toBe('2024-06-21T09:00:00.000Z');
  });

  it('freezes the deadline while paused', () => {
    const paused = pauseTarget(resolution, '2024-06-07T12:00:00Z');
    expect(paused).toMatchObject({
      state: 'paused',
      dueAt: resolution.dueAt,
      pauses: [{ from: '2024-06-07T12:00:00.000Z' }],
    });
  });

  it('does not count a pause spanning a weekend: Friday 12:00 to Monday 12:00 is one business day', () => {
    const paused = pauseTarget(resolution, '2024-06-07T12:00:00Z');
    const resumed = resumeTarget(paused, '2024-06-10T12:00:00Z', calendar);
    expect(resumed).toMatchObject({
      state: 'running',
      dueAt: '2024-06-24T09:00:00.000Z',
      pauses: [{ from: '2024-06-07T12:00:00.000Z', to: '2024-06-10T12:00:00.000Z' }],
    });
  });

  it('does not count a pause that lies entirely in a weekend', () => {
    const paused = pauseTarget(resolution, '2024-06-08T10:00:00Z');
    expect(resumeTarget(paused, '2024-06-09T10:00:00Z', calendar).dueAt).toBe(resolution.dueAt);
  });

  it('adds up several pauses', () => {
    let target = pauseTarget(resolution, '2024-06-04T09:00:00Z');
    target = resumeTarget(target, '2024-06-05T09:00:00Z', calendar);
    target = pauseTarget(target, '2024-06-06T00:00:00Z');
    target = resumeTarget(target, '2024-06-06T12:00:00Z', calendar);
    // 1.5 business days paused: due Monday 24 June 21:00.
    expect(target.dueAt).toBe('2024-06-24T21:00:00.000Z');
  });

  it('moves the at-risk point with the deadline, unless the warning was already raised', () => {
    const paused = pauseTarget(resolution, '2024-06-07T12:00:00Z');
    const resumed = resumeTarget(paused, '2024-06-10T12:00:00Z', calendar);
    // 75% of 14 days = 10.5 business days from Monday 3 June 09:00, plus the one paused day.
    expect(resolution.atRiskAt).toBe('2024-06-17T21:00:00.000Z');
    expect(resumed.atRiskAt).toBe('2024-06-18T21:00:00.000Z');

    const warned = markTargetAtRisk(resolution, '2024-06-18T00:00:00Z')!;
    const resumedAfterWarning = resumeTarget(
      pauseTarget(warned, '2024-06-18T01:00:00Z'),
      '2024-06-19T01:00:00Z',
      calendar,
    );
    expect(resumedAfterWarning.atRiskAt).toBe(warned.atRiskAt);
    expect(resumedAfterWarning.dueAt).toBe('2024-06-24T09:00:00.000Z');
  });

  it('keeps a 09:00-17:00 business-hours goal exact across a weekend pause', () => {
    const nineToFive: BusinessCalendar = {
      timeZone: 'Europe/Sofia',
      workingHours: {
        monday: ['09:00-17:00'],
        tuesday: ['09:00-17:00'],
        wednesday: ['09:00-17:00'],
        thursday: ['09:00-17:00'],
        friday: ['09:00-17:00'],
      },
    };
    const policy = parseSupportPolicy({
      version: 'hours',
      severities: { 2: { resolutionGoal: { amount: 16, unit: 'hours', clock: 'business' } } },
    });
    // Opened Thursday 09:00 EEST; paused Friday 15:00 (14 h used), resumed Monday 10:00: 2 h left, due Monday 12:00.
    const target = startTargets({
      severity: 2,
      openedAt: '2024-06-06T06:00:00Z',
      policy,
      calendar: nineToFive,
    }).resolution;
    const resumed = resumeTarget(
      pauseTarget(target, '2024-06-07T12:00:00Z'),
      '2024-06-10T07:00:00Z',
      nineToFive,
    );
    expect(resumed.dueAt).toBe('2024-06-10T09:00:00.000Z');
  });

  it('does not pause a target that is already past due: it is breached, the wait kept among its pauses', () => {
    expect(pauseTarget(resolution, '2024-06-21T09:00:00Z')).toMatchObject({
      state: 'breached',
      breachedAt: '2024-06-21T09:00:00.000Z',
      pauses: [{ from: '2024-06-21T09:00:00.000Z' }],
    });
  });

  describe('a wait for the customer after a breach', () => {
    // Breached Friday 21 June 09:00 (the breach recorded), then the engineer asks the customer.
    const breached = markTargetBreached(resolution, '2024-06-21T09:00:00Z')!;
    const waiting = pauseTarget(breached, '2024-06-24T09:00:00Z');

    it('is kept among its pauses, the breach and deadline as they were', () => {
      expect(waiting).toEqual({ ...breached, pauses: [{ from: '2024-06-24T09:00:00.000Z' }] });
      expect(pauseTarget(waiting, '2024-06-24T10:00:00Z')).toBe(waiting);
    });

    it("ends at the customer's answer, the deadline unmoved", () => {
      expect(resumeTarget(waiting, '2024-06-25T09:00:00Z', calendar)).toEqual({
        ...breached,
        pauses: [{ from: '2024-06-24T09:00:00.000Z', to: '2024-06-25T09:00:00.000Z' }],
      });
    });

    it('ends at the resolution, which comes late', () => {
      expect(meetTarget(waiting, '2024-06-25T09:00:00Z')).toEqual({
        ...breached,
        metAt: '2024-06-25T09:00:00.000Z',
        pauses: [{ from: '2024-06-24T09:00:00.000Z', to: '2024-06-25T09:00:00.000Z' }],
      });
    });

    it('is not recorded once the late goal was met', () => {
      const late = meetTarget(breached, '2024-06-22T09:00:00Z');
      expect(pauseTarget(late, '2024-06-24T09:00:00Z')).toBe(late);
    });
  });

  it('ignores a pause of a paused target and a resume of a running one', () => {
    const paused = pauseTarget(resolution, '2024-06-07T12:00:00Z');
    expect(pauseTarget(paused, '2024-06-07T13:00:00Z')).toBe(paused);
    expect(resumeTarget(resolution, '2024-06-07T13:00:00Z', calendar)).toBe(resolution);
  });
});

describe('a pause never brings a due time forward', () => {
  // Severity 3 goals shorter than severity 2's: a downgrade keeps the severity 2 deadlines (never
  // tighter), so the deadline is no longer "the goal from the start plus the pauses".
  const shorterThree = parseSupportPolicy({
    version: 'shorter-three',
    severities: { 3: { resolutionGoal: { amount: 5, unit: 'days', clock: 'business' } } },
  });
  const openedAt = '2024-06-03T09:00:00Z';
  const opened = startTargets({ severity: 2, openedAt, policy: shorterThree, calendar });
  const change = (targets: typeof opened, from: 1 | 2 | 3, to: 1 | 2 | 3, changedAt: string) =>
    recomputeTargetsOnSeverityChange({
      targets,
      oldSeverity: from,
      newSeverity: to,
      changedAt,
      openedAt,
      policy: shorterThree,
      calendar,
    }).after;

  it('keeps the deadline a downgrade held across a 100 ms pause: due at the pause plus 100 ms', () => {
    const downgraded = change(opened, 2, 3, '2024-06-03T10:00:00Z').resolution;
    expect(downgraded).toMatchObject({ severity: 3, dueAt: '2024-06-21T09:00:00.000Z' });
    const paused = pauseTarget(downgraded, '2024-06-03T11:00:00Z');
    expect(resumeTarget(paused, '2024-06-03T11:00:00.100Z', calendar).dueAt).toBe('2024-06-21T09:00:00.100Z');
  });

  it('adds every pause after a downgrade, each on the goal clock (a weekend does not count)', () => {
    let target = change(opened, 2, 3, '2024-06-03T10:00:00Z').resolution;
    target = resumeTarget(pauseTarget(target, '2024-06-04T09:00:00Z'), '2024-06-05T09:00:00Z', calendar);
    expect(target.dueAt).toBe('2024-06-24T09:00:00.000Z');
    // Friday 12:00 to Monday 00:00: half a business day.
    target = resumeTarget(pauseTarget(target, '2024-06-07T12:00:00Z'), '2024-06-10T00:00:00Z', calendar);
    expect(target.dueAt).toBe('2024-06-24T21:00:00.000Z');
  });

  it('downgrade while paused: resumes from the deadline held at the pause', () => {
    // Paused on Tuesday 09:00 with the severity 2 deadline, Friday 21 June 09:00.
    const paused = { ...opened, resolution: pauseTarget(opened.resolution, '2024-06-04T09:00:00Z') };
    const downgraded = change(paused, 2, 3, '2024-06-05T09:00:00Z').resolution;
    expect(downgraded).toMatchObject({ state: 'paused', severity: 3, dueAt: '2024-06-21T09:00:00.000Z' });
    // Two business days paused.
    expect(resumeTarget(downgraded, '2024-06-06T09:00:00Z', calendar).dueAt).toBe('2024-06-25T09:00:00.000Z');
  });

  it('upgrade while paused: resumes with the time left at the upgrade, never more than before it', () => {
    // Severity 3 (default policy), 20 of 21 business days used when it pauses on Monday 1 July 09:00.
    const severity3 = startTargets({ severity: 3, openedAt, policy: DEFAULT_SUPPORT_POLICY, calendar });
    const paused = { ...severity3, resolution: pauseTarget(severity3.resolution, '2024-07-01T09:00:00Z') };
    const upgraded = recomputeTargetsOnSeverityChange({
      targets: paused,
      oldSeverity: 3,
      newSeverity: 2,
      changedAt: '2024-07-02T09:00:00Z',
      openedAt,
      policy: DEFAULT_SUPPORT_POLICY,
      calendar,
    }).after.resolution;
    expect(upgraded).toMatchObject({ state: 'paused', dueAt: '2024-07-03T09:00:00.000Z' });
    expect(resumeTarget(upgraded, '2024-07-02T09:00:00.100Z', calendar).dueAt).toBe(
      '2024-07-03T09:00:00.100Z',
    );
  });

  it('counts a pause of a 24x7 goal in wall time, weekend included', () => {
    const allHours = parseSupportPolicy({
      version: 'all-hours',
      severities: { 2: { resolutionGoal: { amount: 48, unit: 'hours', clock: 'wall' } } },
    });
    const target = startTargets({ severity: 2, openedAt, policy: allHours, calendar }).resolution;
    expect(target.dueAt).toBe('2024-06-05T09:00:00.000Z');
    // Paused from Tuesday 09:00 to Saturday 09:00: four days.
    const resumed = resumeTarget(
      pauseTarget(target, '2024-06-04T09:00:00Z'),
      '2024-06-08T09:00:00Z',
      calendar,
    );
    expect(resumed.dueAt).toBe('2024-06-09T09:00:00.000Z');
  });
});
