import type { EscalationBoardItemView } from '../api/api-types';
import { nextDueWords, overdueAlertsWords, overdueNow, owedByWords } from './escalation-row-words';

const NOW = Date.parse('2026-11-30T12:00:00Z');

const row = (changes: Partial<EscalationBoardItemView> = {}): EscalationBoardItemView =>
  ({
    id: 'c-1:1',
    caseId: 'c-1',
    open: true,
    status: 'acknowledged',
    nextDue: 'status-update',
    nextDueAt: '2026-11-30T10:00:00Z',
    overdue: true,
    statusUpdatesOwedBy: 'eve.marsh@vendor.example',
    overdueRecorded: 2,
    overdueCarried: 0,
    timeZone: 'Europe/Berlin',
    ...changes,
  }) as EscalationBoardItemView;

describe('an escalations board row in words', () => {
  it('says an overdue status update, when it was due in the case zone with UTC beside it, and who owes it', () => {
    expect(overdueNow(row(), NOW)).toBe(true);
    expect(nextDueWords(row(), NOW)).toEqual({
      what: 'Status update',
      when: 'Mon, 30 Nov 2026, 11:00 CET (10:00 UTC)',
      countdown: 'overdue by 2h 0m',
    });
    expect(owedByWords(row())).toBe('eve.marsh@vendor.example');
    expect(overdueAlertsWords(row())).toBe('2');
  });

  it('counts a due time the clock passed since the board was read as overdue', () => {
    const passed = row({ overdue: false, nextDueAt: '2026-11-30T11:59:00Z' });
    expect(overdueNow(passed, NOW)).toBe(true);
    expect(nextDueWords(passed, NOW)?.countdown).toBe('overdue by 1m 0s');
  });

  it('says who owes an unacknowledged one, and the support team when nobody who worked it can', () => {
    const awaiting = row({
      nextDue: 'acknowledgement',
      statusUpdatesOwedBy: null,
      overdue: false,
      nextDueAt: '2026-11-30T12:30:00Z',
    });
    expect(owedByWords(awaiting)).toBe('Whoever is on duty (not acknowledged yet)');
    expect(nextDueWords(awaiting, NOW)?.countdown).toBe('due in 30m 0s');
    expect(owedByWords(row({ statusUpdatesOwedBy: 'support-team' }))).toContain('The support team');
  });

  it('owes nothing once ended, and counts the lapses a raised level took over', () => {
    const ended = row({ open: false, nextDue: null, nextDueAt: null, overdue: false });
    expect(overdueNow(ended, NOW)).toBe(false);
    expect(nextDueWords(ended, NOW)).toBeUndefined();
    expect(owedByWords(ended)).toBe('—');
    expect(overdueAlertsWords(row({ overdueRecorded: 1, overdueCarried: 3 }))).toBe(
      '1 (+3 from earlier levels)',
    );
    expect(overdueAlertsWords(row({ overdueRecorded: 0 }))).toBe('None');
  });

  it('says the due time in UTC alone for a case in UTC or from an API without the zone', () => {
    expect(nextDueWords(row({ timeZone: undefined }), NOW)?.when).toBe('Mon, 30 Nov 2026, 10:00 UTC');
  });
});
