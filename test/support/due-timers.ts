import { ProjectionRunner } from '@casetrail/readmodels';
import { SlaTimerScheduler } from '../../apps/api/src/sla-timers/sla-timer-scheduler';
import type { TestApp } from './test-app';

export async function projectionsCaughtUp(t: TestApp): Promise<void> {
  if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
}

/** One scheduler round, once the timer table (the cases projection's) has every event written so far. */
export async function runDueTimers(t: TestApp) {
  await projectionsCaughtUp(t);
  return t.app.get(SlaTimerScheduler).runDueTimers();
}

/** The ISO instant `ms` after `instant`: where a timer's due time lands, for the test clock to reach. */
export const later = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();
