import fc from 'fast-check';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { addBusinessSpanMs } from '../calendar/business-time';
import { instantToMillis, millisToInstant } from '../time/iso-instant';
import { pauseTarget, resumeTarget } from './pause-resume';
import { startTargets } from './start-targets';

/**
 * "The due time after a resume is the due time at the pause plus the pause's length on that
 * clock", to the millisecond: a long business-days goal used to be carried over a pause as one
 * float amount of days, and its rounding could land the due time 1 ms later than the pause while
 * the at-risk point moved exactly.
 */
describe('a resume moves a business-days deadline by exactly the pause', () => {
  const losAngeles = defaultBusinessCalendar('America/Los_Angeles');
  // demo-data seed 7, case 92cdee7a (severity 3, resolution goal 80 business days).
  const eightyDays = parseSupportPolicy({
    version: 'eighty-days',
    severities: { 3: { resolutionGoal: { amount: 80, unit: 'days', clock: 'business' } } },
  });

  it('Given the demo case, When paused for 21,072,873 ms inside a working Wednesday, Then due and at-risk both move by 21,072,873 ms', () => {
    // Given: opened on Tuesday 27 October 21:20:52.829 in Los Angeles; the goal crosses the
    // 1 November change back to standard time.
    const { resolution } = startTargets({
      severity: 3,
      openedAt: '2026-10-28T04:20:52.829Z',
      policy: eightyDays,
      calendar: losAngeles,
    });
    expect(resolution).toMatchObject({
      dueAt: '2027-02-17T05:20:52.829Z',
      atRiskAt: '2027-01-20T05:20:52.829Z',
    });
    // When
    const paused = pauseTarget(resolution, '2026-10-28T15:48:14.475Z');
    const resumed = resumeTarget(paused, '2026-10-28T21:39:27.348Z', losAngeles);
    // Then
    expect(resumed.dueAt).toBe('2027-02-17T11:12:05.702Z');
    expect(resumed.atRiskAt).toBe('2027-01-20T11:12:05.702Z');
  });

  it('holds for any pause inside one working day of the default calendar, for goals up to 250 business days', () => {
    const utc = defaultBusinessCalendar('UTC');
    // Monday 4 January 2027 00:00 UTC: every Monday to Friday is a full 24 h working day, so a
    // deadline moved by the pause's working time is where the days-goal arithmetic must land.
    const monday = Date.UTC(2027, 0, 4);
    const dayMs = 86_400_000;
    const byWorkingTime = (instant: string, from: number, to: number) =>
      millisToInstant(addBusinessSpanMs(utc, instantToMillis(instant), from, to, WORKING_MS));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 250 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: dayMs - 2 }),
        fc.integer({ min: 1, max: dayMs - 1 }),
        fc.integer({ min: 0, max: 3 * dayMs }),
        (days, weekday, openedInDay, pauseStartInDay, length) => {
          const policy = parseSupportPolicy({
            version: 'days',
            severities: { 3: { resolutionGoal: { amount: days, unit: 'days', clock: 'business' } } },
          });
          const openedAtMs = monday + openedInDay;
          const { resolution } = startTargets({
            severity: 3,
            openedAt: millisToInstant(openedAtMs),
            policy,
            calendar: utc,
          });
          // Opened on a full working day: the deadline keeps the opening's time of day.
          expect(instantToMillis(resolution.dueAt) % dayMs).toBe(openedInDay);
          const pauseFrom = monday + weekday * dayMs + Math.max(pauseStartInDay, openedInDay + 1);
          const pauseTo = Math.min(pauseFrom + length, monday + (weekday + 1) * dayMs);
          fc.pre(pauseTo > pauseFrom && pauseFrom < instantToMillis(resolution.atRiskAt));
          const resumed = resumeTarget(
            pauseTarget(resolution, millisToInstant(pauseFrom)),
            millisToInstant(pauseTo),
            utc,
          );
          expect(resumed.dueAt).toBe(byWorkingTime(resolution.dueAt, pauseFrom, pauseTo));
          expect(resumed.atRiskAt).toBe(byWorkingTime(resolution.atRiskAt, pauseFrom, pauseTo));
        },
      ),
      { numRuns: 400 },
    );
  });
});

const WORKING_MS = { unit: 'hours', clock: 'business' } as const;
