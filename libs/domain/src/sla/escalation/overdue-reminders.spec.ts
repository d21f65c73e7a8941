import { defaultBusinessCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import type { SlaDuration } from '../time/sla-duration';
import { nextOverdueReminderAt } from './overdue-reminders';

const HOUR = 3_600_000;
const calendar = defaultBusinessCalendar();
const NINE_TO_FIVE = ['09:00-17:00'];
const nineToFive: BusinessCalendar = {
  timeZone: 'UTC',
  workingHours: {
    monday: NINE_TO_FIVE,
    tuesday: NINE_TO_FIVE,
    wednesday: NINE_TO_FIVE,
    thursday: NINE_TO_FIVE,
    friday: NINE_TO_FIVE,
  },
};
const wallHours = (amount: number): SlaDuration => ({ amount, unit: 'hours', clock: 'wall' });

/** The first `count` reminders of a due time missed at `overdueSince`, each recorded when it falls due. */
function remindersOnTime(
  overdueSince: string,
  period: SlaDuration,
  count: number,
  on: BusinessCalendar = calendar,
): string[] {
  const reminders: string[] = [];
  let recordedAt = overdueSince;
  for (let reminder = 0; reminder < count; reminder++) {
    recordedAt = nextOverdueReminderAt({ overdueSince, period, after: recordedAt, calendar: on });
    reminders.push(recordedAt);
  }
  return reminders;
}
const hoursAfter = (start: string, instants: string[]) =>
  instants.map((instant) => (Date.parse(instant) - Date.parse(start)) / HOUR);
const intervals = (start: string, instants: string[]) =>
  hoursAfter(start, instants).map((hours, index, all) => hours - (index === 0 ? 0 : all[index - 1]));

describe('overdue reminders back off', () => {
  // A Friday evening: wall-clock timers count the weekend like any other hours.
  const dueAt = '2024-06-07T22:00:00.000Z';

  it('given the 1-hour acknowledgement window was missed, when nobody acts, then reminders come 1, 2, 4, 8 and 16 hours apart, then every 24 hours', () => {
    const reminders = remindersOnTime(dueAt, wallHours(1), 8);
    expect(intervals(dueAt, reminders)).toEqual([1, 2, 4, 8, 16, 24, 24, 24]);
    expect(reminders.slice(0, 3)).toEqual([
      '2024-06-07T23:00:00.000Z',
      '2024-06-08T01:00:00.000Z',
      '2024-06-08T05:00:00.000Z',
    ]);
  });

  it('given a 4-hour (severity 1) update cadence was missed, then reminders come 4, 8 and 16 hours apart, then every 24 hours', () => {
    expect(intervals(dueAt, remindersOnTime(dueAt, wallHours(4), 6))).toEqual([4, 8, 16, 24, 24, 24]);
  });

  it('given a business-day cadence was missed, then reminders come one business day apart: a business day is already the cap', () => {
    expect(
      remindersOnTime('2024-06-04T10:30:00.000Z', { amount: 1, unit: 'days', clock: 'business' }, 5),
    ).toEqual([
      '2024-06-05T10:30:00.000Z',
      '2024-06-06T10:30:00.000Z',
      '2024-06-07T10:30:00.000Z',
      '2024-06-10T10:30:00.000Z',
      '2024-06-11T10:30:00.000Z',
    ]);
  });

  it('given a window in business hours on a 09:00-17:00 calendar, then its intervals double in working time up to one business day, not 24 working hours', () => {
    const reminders = remindersOnTime(
      '2024-06-03T10:00:00.000Z',
      { amount: 2, unit: 'hours', clock: 'business' },
      6,
      nineToFive,
    );
    expect(reminders).toEqual([
      '2024-06-03T12:00:00.000Z', // 2 working hours
      '2024-06-03T16:00:00.000Z', // 4
      '2024-06-04T16:00:00.000Z', // 8: one working day
      '2024-06-05T16:00:00.000Z', // 16 would be two working days: held at one
      '2024-06-06T16:00:00.000Z',
      '2024-06-07T16:00:00.000Z',
    ]);
  });

  it('given a period of more than a day, then reminders stay one period apart: never more often than the policy says', () => {
    expect(intervals(dueAt, remindersOnTime(dueAt, wallHours(36), 3))).toEqual([36, 36, 36]);
  });

  it('given the alert was recorded late (the process was stopped), then the next reminder is the next slot of the due time after it: no burst, and no fresh run of hourly ones', () => {
    const late = (hours: number) =>
      hoursAfter(dueAt, [
        nextOverdueReminderAt({
          overdueSince: dueAt,
          period: wallHours(1),
          after: new Date(Date.parse(dueAt) + hours * HOUR).toISOString(),
          calendar,
        }),
      ])[0];
    expect(late(3 + 1 / 6)).toBe(7);
    expect(late(72)).toBe(79);
    expect(late(79)).toBe(103);
  });

  it('given a reminder caught up late, nearer to the next slot and less than a period before it, then that slot is skipped: the next is at least a period later', () => {
    const recordedAt = (hours: number) =>
      nextOverdueReminderAt({
        overdueSince: dueAt,
        period: wallHours(1),
        after: new Date(Date.parse(dueAt) + hours * HOUR).toISOString(),
        calendar,
      });
    // The slots are 1, 3, 7, 15… hours after the due time; 6 seconds before the 7-hour one:
    expect(hoursAfter(dueAt, [recordedAt(7 - 6 / 3600)])).toEqual([15]);
    expect(hoursAfter(dueAt, [recordedAt(6 + 1 / 6)])).toEqual([15]);
    // Still a period or more before the slot, or nearer to its own: the slot stays.
    expect(hoursAfter(dueAt, [recordedAt(5.5)])).toEqual([7]);
    expect(hoursAfter(dueAt, [recordedAt(4.9)])).toEqual([7]);
  });

  it('given each reminder recorded a moment after its slot (timers fire late by a poll), then the schedule is kept', () => {
    const recordedLate = (overdueSince: string, period: SlaDuration, count: number, on = calendar) => {
      const reminders: string[] = [];
      let recordedAt = new Date(Date.parse(overdueSince) + 900).toISOString();
      for (let reminder = 0; reminder < count; reminder++) {
        const next = nextOverdueReminderAt({ overdueSince, period, after: recordedAt, calendar: on });
        reminders.push(next);
        recordedAt = new Date(Date.parse(next) + 900).toISOString();
      }
      return reminders;
    };
    expect(recordedLate(dueAt, wallHours(1), 6)).toEqual(remindersOnTime(dueAt, wallHours(1), 6));
    const businessDay: SlaDuration = { amount: 1, unit: 'days', clock: 'business' };
    expect(recordedLate('2024-06-04T10:30:00.000Z', businessDay, 4, nineToFive)).toEqual(
      remindersOnTime('2024-06-04T10:30:00.000Z', businessDay, 4, nineToFive),
    );
    expect(recordedLate(dueAt, wallHours(36), 3)).toEqual(remindersOnTime(dueAt, wallHours(36), 3));
  });

  it('given a period that adds nothing (a zero cadence), then the next reminder is still after the alert, without looping', () => {
    const after = '2024-06-08T00:00:00.000Z';
    expect(nextOverdueReminderAt({ overdueSince: dueAt, period: wallHours(0), after, calendar })).toBe(
      '2024-06-08T00:00:00.001Z',
    );
  });
});
