import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { escalationAcknowledgementDueAt, nextStatusUpdateDueAt } from './escalation-timers';

const policy = DEFAULT_SUPPORT_POLICY;
const calendar = defaultBusinessCalendar();

describe('escalation timers', () => {
  it('expects an acknowledgement within one wall-clock hour, weekend or not', () => {
    expect(escalationAcknowledgementDueAt({ escalatedAt: '2024-05-25T23:30:00Z', policy, calendar })).toBe(
      '2024-05-26T00:30:00.000Z',
    );
  });

  it('expects status updates every 4 hours for severity 1', () => {
    expect(
      nextStatusUpdateDueAt({ severity: 1, lastUpdateAt: '2024-05-24T22:00:00Z', policy, calendar }),
    ).toBe('2024-05-25T02:00:00.000Z');
  });

  it('expects status updates every business day otherwise, on the calendar', () => {
    expect(
      nextStatusUpdateDueAt({ severity: 2, lastUpdateAt: '2024-05-24T15:00:00Z', policy, calendar }),
    ).toBe('2024-05-27T15:00:00.000Z');
  });

  it('puts a business-time acknowledgement window on the calendar', () => {
    const custom = parseSupportPolicy({
      version: 'business-ack',
      escalation: { acknowledgementWindow: { amount: 2, unit: 'hours', clock: 'business' } },
    });
    expect(
      escalationAcknowledgementDueAt({ escalatedAt: '2024-05-24T23:00:00Z', policy: custom, calendar }),
    ).toBe('2024-05-27T01:00:00.000Z');
  });
});
