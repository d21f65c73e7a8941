import fc from 'fast-check';
import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { millisToInstant } from '../time/iso-instant';
import { clockPauses } from './clock-pauses';
import { pauseTarget, resumeTarget } from './pause-resume';
import { recomputeTargetsOnSeverityChange } from './severity-change';
import type { SlaTargets } from './sla-target';
import { startTargets } from './start-targets';

const calendar = defaultBusinessCalendar();
const openedAt = '2024-06-03T09:00:00.000Z';
const opened = (severity: Severity) =>
  startTargets({ severity, openedAt, policy: DEFAULT_SUPPORT_POLICY, calendar });
const changeSeverity = (targets: SlaTargets, from: Severity, to: Severity, changedAt: string) =>
  recomputeTargetsOnSeverityChange({
    targets,
    oldSeverity: from,
    newSeverity: to,
    changedAt,
    openedAt,
    policy: DEFAULT_SUPPORT_POLICY,
    calendar,
  }).after;
const withResolution = (
  targets: SlaTargets,
  change: (t: SlaTargets['resolution']) => SlaTargets['resolution'],
) => ({
  ...targets,
  resolution: change(targets.resolution),
});

describe('the pauses of a clock', () => {
  it('are all of the target’s pauses while the clock runs from the opening', () => {
    let targets = withResolution(opened(3), (t) => pauseTarget(t, '2024-06-04T09:00:00Z'));
    targets = withResolution(targets, (t) => resumeTarget(t, '2024-06-05T09:00:00Z', calendar));
    expect(clockPauses(targets.resolution)).toEqual(targets.resolution.pauses);
  });

  it('start at the clock’s start when the case already awaited the customer (an upgrade while paused)', () => {
    // Given severity 3 asked about on Monday 10:00, when raised to 2 on Wednesday 10:00 (the clock
    // restarts there, paused), then its pause runs from Wednesday, saying the wait began on Monday.
    const paused = withResolution(opened(3), (t) => pauseTarget(t, '2024-06-03T10:00:00Z'));
    const upgraded = changeSeverity(paused, 3, 2, '2024-06-05T10:00:00Z').resolution;
    expect(upgraded).toMatchObject({ state: 'paused', startedAt: '2024-06-05T10:00:00.000Z' });
    expect(upgraded.pauses).toEqual([{ from: '2024-06-03T10:00:00.000Z' }]);
    expect(clockPauses(upgraded)).toEqual([
      { from: '2024-06-05T10:00:00.000Z', awaitingCustomerSince: '2024-06-03T10:00:00.000Z' },
    ]);
    const answered = resumeTarget(upgraded, '2024-06-06T10:00:00Z', calendar);
    expect(clockPauses(answered)).toEqual([
      {
        from: '2024-06-05T10:00:00.000Z',
        to: '2024-06-06T10:00:00.000Z',
        awaitingCustomerSince: '2024-06-03T10:00:00.000Z',
      },
    ]);
  });

  it('leave out a wait that ended before the clock started, which the target keeps for a downgrade', () => {
    let targets = withResolution(opened(3), (t) => pauseTarget(t, '2024-06-03T10:00:00Z'));
    targets = withResolution(targets, (t) => resumeTarget(t, '2024-06-04T10:00:00Z', calendar));
    const upgraded = changeSeverity(targets, 3, 2, '2024-06-05T10:00:00Z');
    expect(clockPauses(upgraded.resolution)).toEqual([]);
    // Lowered again, the clock counts from the opening: the wait is its own again.
    const downgraded = changeSeverity(upgraded, 2, 3, '2024-06-06T10:00:00Z').resolution;
    expect(downgraded.startedAt).toBe(openedAt);
    expect(clockPauses(downgraded)).toEqual(targets.resolution.pauses);
  });

  it('never start before the clock started, whatever the pauses and severity changes', () => {
    const HOUR = 3_600_000;
    const step = fc.oneof(
      fc.record({ op: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ op: fc.constant('severity' as const), severity: fc.constantFrom<Severity>(1, 2, 3) }),
    );
    fc.assert(
      fc.property(fc.constantFrom<Severity>(2, 3), fc.array(step, { maxLength: 12 }), (first, steps) => {
        let targets = opened(first);
        let severity = first;
        let at = Date.parse(openedAt);
        let waiting = false;
        for (const next of steps) {
          at += HOUR;
          const instant = millisToInstant(at);
          if (next.op === 'severity') {
            targets = changeSeverity(targets, severity, next.severity, instant);
            severity = next.severity;
          } else {
            targets = withResolution(targets, (t) =>
              waiting ? resumeTarget(t, instant, calendar) : pauseTarget(t, instant),
            );
            waiting = !waiting;
            at += next.hours * HOUR;
          }
          const { startedAt } = targets.resolution;
          for (const pause of clockPauses(targets.resolution)) {
            expect(pause.from >= startedAt).toBe(true);
            if (pause.to !== undefined) expect(pause.to > pause.from).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
