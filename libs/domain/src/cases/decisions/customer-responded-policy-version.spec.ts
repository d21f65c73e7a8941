import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { calendarForAccount } from '../../policy/policy-calendars';
import type { SupportPolicy } from '../../policy/support-policy';
import { caseDecider } from '../case-decider';
import type { CaseEvent } from '../events';
import { actors, commands, context, historyOf, plus, T0 } from '../testing/case-fixtures';

const weekdays = (hours: string) => ({
  monday: [hours],
  tuesday: [hours],
  wednesday: [hours],
  thursday: [hours],
  friday: [hours],
});
const nineToFive: SupportPolicy = {
  ...DEFAULT_SUPPORT_POLICY,
  version: 'hours-1',
  calendar: { workingHours: weekdays('09:00-17:00') },
};
const tenToNoon: SupportPolicy = {
  ...DEFAULT_SUPPORT_POLICY,
  version: 'hours-2',
  calendar: { workingHours: weekdays('10:00-12:00') },
};
const underNineToFive = context({ policy: nineToFive, calendar: calendarForAccount(nineToFive, 'UTC') });

/**
 * A resolution target set under one policy version and paused, answered by the customer after a
 * later version edited the calendar: its deadline moves by the pause on the calendar it was set
 * on (the target's own version), while new computations use the policy in force.
 */
describe('CustomerResponded after a policy version changed the calendar', () => {
  // Monday 3 June 2024: opened 09:00, answered 09:30, awaiting the customer from 10:00.
  const given = historyOf(
    [commands.openCase(), commands.comment(), commands.requestInformation()],
    underNineToFive,
  );
  const state = given.reduce(caseDecider.evolve, caseDecider.initialState);
  const opened = given[0] as Extract<CaseEvent, { type: 'CaseOpened' }>;
  const dueAtOpening = opened.data.targets.resolution.dueAt;
  const customerAnswers = commands.comment({
    actor: actors.alice,
    at: plus(T0, { hours: 3 }),
    commentId: 'c-2',
  });

  it('Given the pause lay within 09:00-17:00 working hours, When the customer answers under 10:00-12:00, Then the due time moves by exactly the two business hours paused, on 09:00-17:00', () => {
    const inForce = context({
      policy: tenToNoon,
      calendar: calendarForAccount(tenToNoon, 'UTC'),
      targetCalendar: (target) =>
        calendarForAccount(target.policyVersion === 'hours-1' ? nineToFive : tenToNoon, 'UTC'),
    });
    const events = caseDecider.decide(customerAnswers, state, inForce);
    const responded = events.find((event) => event.type === 'CustomerResponded') as Extract<
      CaseEvent,
      { type: 'CustomerResponded' }
    >;
    // 21 business days of 09:00-17:00 end on Monday 1 July at 17:00; two more working hours end at
    // 11:00 on Tuesday (measured on 10:00-12:00 instead, the deadline would move elsewhere).
    expect(dueAtOpening).toBe('2024-07-01T17:00:00.000Z');
    expect(responded.data.targets.resolution.dueAt).toBe('2024-07-02T11:00:00.000Z');
    expect(responded.data.targets.resolution.policyVersion).toBe('hours-1');
  });
});
