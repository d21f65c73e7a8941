import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { pauseTarget } from './pause-resume';
import { startTargets } from './start-targets';
import { markTargetAtRisk, meetTarget } from './stop-targets';
import { nextDueTimers } from './sla-timers';

const targets = startTargets({
  severity: 1,
  openedAt: '2024-05-24T15:00:00Z',
  policy: DEFAULT_SUPPORT_POLICY,
  calendar: defaultBusinessCalendar(),
});

describe('nextDueTimers', () => {
  it('lists the at-risk and breach instants of running targets, earliest first', () => {
    expect(nextDueTimers(targets)).toEqual([
      { kind: 'at-risk', target: 'first-response', fireAt: '2024-05-24T15:45:00.000Z' },
      { kind: 'breach', target: 'first-response', fireAt: '2024-05-24T16:00:00.000Z' },
      { kind: 'at-risk', target: 'resolution', fireAt: targets.resolution.atRiskAt },
      { kind: 'breach', target: 'resolution', fireAt: targets.resolution.dueAt },
    ]);
  });

  it('drops a warning already raised and targets that are met or paused', () => {
    const firstResponse = markTargetAtRisk(targets.firstResponse, '2024-05-24T15:50:00Z')!;
    expect(nextDueTimers([firstResponse, pauseTarget(targets.resolution, '2024-05-24T15:50:00Z')])).toEqual([
      { kind: 'breach', target: 'first-response', fireAt: '2024-05-24T16:00:00.000Z' },
    ]);
    expect(nextDueTimers([meetTarget(targets.firstResponse, '2024-05-24T15:10:00Z')])).toEqual([]);
  });
});
