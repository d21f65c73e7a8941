import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { startTargets } from './start-targets';

const policy = DEFAULT_SUPPORT_POLICY;
const calendar = defaultBusinessCalendar();

describe('startTargets', () => {
  it('starts a severity 2 case opened on Friday 15:00: response due Monday 15:00', () => {
    const targets = startTargets({ severity: 2, openedAt: '2024-05-24T15:00:00Z', policy, calendar });
    expect(targets.firstResponse).toEqual({
      kind: 'first-response',
      severity: 2,
      goal: { amount: 1, unit: 'days', clock: 'business' },
      atRiskShare: 0.75,
      policyVersion: 'casetrail-default-1',
      startedAt: '2024-05-24T15:00:00.000Z',
      dueAt: '2024-05-27T15:00:00.000Z',
      // 75% of a business day: the 6 hours left on Friday plus 12 on Monday.
      atRiskAt: '2024-05-27T09:00:00.000Z',
      state: 'running',
      pauses: [],
    });
    // 14 business days from Friday 24 May: Thursday 13 June.
    expect(targets.resolution).toMatchObject({ kind: 'resolution', dueAt: '2024-06-13T15:00:00.000Z' });
  });

  it('gives a severity 1 case opened at 23:30 on Saturday one wall-clock hour, and 7 business days from Monday', () => {
    const targets = startTargets({ severity: 1, openedAt: '2024-05-25T23:30:00Z', policy, calendar });
    expect(targets.firstResponse.dueAt).toBe('2024-05-26T00:30:00.000Z');
    expect(targets.firstResponse.atRiskAt).toBe('2024-05-26T00:15:00.000Z');
    // Counting starts on Monday 27 May 00:00; the seventh full working day (Tuesday 4 June) ends at midnight.
    expect(targets.resolution.dueAt).toBe('2024-06-05T00:00:00.000Z');
  });

  it('records the version and at-risk share of the policy in force', () => {
    const custom = parseSupportPolicy({ version: 'acme-7', atRiskShare: 0.5 });
    const targets = startTargets({ severity: 3, openedAt: '2024-05-27T00:00:00Z', policy: custom, calendar });
    expect(targets.firstResponse).toMatchObject({
      policyVersion: 'acme-7',
      atRiskShare: 0.5,
      atRiskAt: '2024-05-27T12:00:00.000Z',
      dueAt: '2024-05-28T00:00:00.000Z',
    });
  });

  it('normalises the opening instant to UTC', () => {
    const targets = startTargets({ severity: 3, openedAt: '2024-05-24T18:00:00+03:00', policy, calendar });
    expect(targets.resolution.startedAt).toBe('2024-05-24T15:00:00.000Z');
  });
});
