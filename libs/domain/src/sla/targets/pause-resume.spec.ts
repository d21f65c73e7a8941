import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import { defaultBusinessCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import { pauseTarget, resumeTarget } from './pause-resume';
import { startTargets } from './start-targets';
import { markTargetAtRisk } from './stop-targets';

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

  it('does not pause a target that is already past due: it is breached', () => {
    expect(pauseTarget(resolution, '2024-06-21T09:00:00Z')).toMatchObject({
      state: 'breached',
      breachedAt: '2024-06-21T09:00:00.000Z',
    });
  });

  it('ignores a pause of a paused target and a resume of a running one', () => {
    const paused = pauseTarget(resolution, '2024-06-07T12:00:00Z');
    expect(pauseTarget(paused, '2024-06-07T13:00:00Z')).toBe(paused);
    expect(resumeTarget(resolution, '2024-06-07T13:00:00Z', calendar)).toBe(resolution);
  });
});
