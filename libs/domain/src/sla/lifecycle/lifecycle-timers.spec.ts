import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { autoCloseDueAt } from './lifecycle-timers';

const calendar = defaultBusinessCalendar();

describe('lifecycle timers', () => {
  it('closes a quiet resolved case after 7 days by default', () => {
    expect(
      autoCloseDueAt({ lastActivityAt: '2024-05-24T15:00:00Z', policy: DEFAULT_SUPPORT_POLICY, calendar }),
    ).toBe('2024-05-31T15:00:00.000Z');
  });

  it('follows a configured quiet period in business days', () => {
    const policy = parseSupportPolicy({
      version: 'quiet',
      autoClose: { quietPeriod: { amount: 3, unit: 'days', clock: 'business' } },
    });
    expect(autoCloseDueAt({ lastActivityAt: '2024-05-24T15:00:00Z', policy, calendar })).toBe(
      '2024-05-29T15:00:00.000Z',
    );
  });
});
