import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { pauseTarget } from './pause-resume';
import { startTargets } from './start-targets';
import { markTargetAtRisk, markTargetBreached, meetTarget } from './stop-targets';

const calendar = defaultBusinessCalendar();
// Severity 2 opened Friday 24 May 15:00 UTC: response at risk Monday 09:00, due Monday 15:00.
const { firstResponse, resolution } = startTargets({
  severity: 2,
  openedAt: '2024-05-24T15:00:00Z',
  policy: DEFAULT_SUPPORT_POLICY,
  calendar,
});

describe('meetTarget', () => {
  it('meets a running target before it is due', () => {
    expect(meetTarget(firstResponse, '2024-05-27T14:59:59.999Z')).toMatchObject({
      state: 'met',
      metAt: '2024-05-27T14:59:59.999Z',
    });
  });

  it('treats dueAt as the first breached instant, even if the breach timer has not fired', () => {
    expect(meetTarget(firstResponse, '2024-05-27T15:00:00Z')).toMatchObject({
      state: 'breached',
      breachedAt: '2024-05-27T15:00:00.000Z',
      metAt: '2024-05-27T15:00:00.000Z',
    });
  });

  it('keeps a recorded breach and adds when it was finally met', () => {
    const breached = markTargetBreached(firstResponse, '2024-05-27T15:00:00Z')!;
    expect(meetTarget(breached, '2024-05-28T10:00:00Z')).toEqual({
      ...breached,
      metAt: '2024-05-28T10:00:00.000Z',
    });
  });

  it('meets a paused target and closes its pause', () => {
    const paused = pauseTarget(resolution, '2024-05-28T10:00:00Z');
    expect(meetTarget(paused, '2024-05-29T10:00:00Z')).toMatchObject({
      state: 'met',
      pauses: [{ from: '2024-05-28T10:00:00.000Z', to: '2024-05-29T10:00:00.000Z' }],
    });
  });

  it('leaves a met target as it was', () => {
    const met = meetTarget(firstResponse, '2024-05-27T10:00:00Z');
    expect(meetTarget(met, '2024-05-27T11:00:00Z')).toBe(met);
  });
});

describe('markTargetBreached', () => {
  it('records the breach at dueAt', () => {
    expect(markTargetBreached(firstResponse, '2024-05-27T15:00:05Z')).toMatchObject({
      state: 'breached',
      breachedAt: '2024-05-27T15:00:00.000Z',
    });
  });

  it('has nothing to record before dueAt, or for a target that is not running', () => {
    expect(markTargetBreached(firstResponse, '2024-05-27T14:00:00Z')).toBeNull();
    expect(
      markTargetBreached(meetTarget(firstResponse, '2024-05-27T10:00:00Z'), '2024-05-28T00:00:00Z'),
    ).toBeNull();
    expect(
      markTargetBreached(pauseTarget(resolution, '2024-05-28T00:00:00Z'), '2024-07-01T00:00:00Z'),
    ).toBeNull();
  });
});

describe('markTargetAtRisk', () => {
  it('records the warning once, between atRiskAt and dueAt', () => {
    expect(markTargetAtRisk(firstResponse, '2024-05-27T08:59:59Z')).toBeNull();
    const warned = markTargetAtRisk(firstResponse, '2024-05-27T09:00:00Z');
    expect(warned).toMatchObject({ atRiskRaisedAt: '2024-05-27T09:00:00.000Z', state: 'running' });
    expect(markTargetAtRisk(warned!, '2024-05-27T10:00:00Z')).toBeNull();
    expect(markTargetAtRisk(firstResponse, '2024-05-27T15:00:00Z')).toBeNull();
  });
});
