import { simulateSupport, type SimulatedAppend } from './support-simulation';

const DAY = 86_400_000;
const END = '2026-03-01T00:00:00.000Z';
/** "A few days": a business-day update cadence across a weekend, and a late update on top. */
const UNATTENDED_LIMIT = 5 * DAY;

const OVERDUE_ALERTS = new Set(['EscalationAcknowledgementOverdue', 'EscalationStatusUpdateOverdue']);
/** What shows the escalation is being worked: raising it, acknowledging it, a status update. */
const HANDLED = new Set(['CaseEscalated', 'EscalationAcknowledged', 'EscalationStatusUpdatePosted']);
/** What ends it: a de-escalation, or the case's end. */
const ENDED = new Set(['CaseDeEscalated', 'CaseClosed', 'CaseRedirected']);

interface Unattended {
  stream: string;
  since: string;
  days: number;
}

/** Event counts, overdue alerts and reminders, and the escalations left open without handling for too long. */
function escalationFigures(appends: Iterable<SimulatedAppend>, endMs: number) {
  const counts = new Map<string, number>();
  let events = 0;
  let reminders = 0;
  let acknowledgementAlerts = 0;
  let secondLevels = 0;
  const lastHandled = new Map<string, number>();
  const unattended: Unattended[] = [];
  const check = (stream: string, atMs: number) => {
    const since = lastHandled.get(stream);
    if (since !== undefined && atMs - since > UNATTENDED_LIMIT)
      unattended.push({ stream, since: new Date(since).toISOString(), days: (atMs - since) / DAY });
  };
  for (const append of appends) {
    const atMs = Date.parse(append.at);
    for (const event of append.events) {
      events += 1;
      counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      const data = event.data as { reminder?: number; level?: number };
      if (OVERDUE_ALERTS.has(event.type) && data.reminder !== undefined) reminders += 1;
      if (event.type === 'EscalationAcknowledgementOverdue' && data.reminder === undefined)
        acknowledgementAlerts += 1;
      if (event.type === 'CaseEscalated' && (data.level ?? 1) > 1) secondLevels += 1;
      if (HANDLED.has(event.type)) {
        check(append.stream, atMs);
        lastHandled.set(append.stream, atMs);
      } else if (ENDED.has(event.type)) {
        check(append.stream, atMs);
        lastHandled.delete(append.stream);
      }
    }
  }
  // Still open when the period ends: only a recent escalation may be waiting.
  for (const stream of lastHandled.keys()) check(stream, endMs);
  const count = (type: string) => counts.get(type) ?? 0;
  return { events, reminders, acknowledgementAlerts, secondLevels, unattended, count };
}

describe('simulateSupport: escalation handling', () => {
  // A year, as the benchmark's history spans years: an escalation nobody ends keeps its case's
  // reminders coming all along.
  const figures = escalationFigures(
    simulateSupport({ cases: 2_000, end: END, days: 365, seed: 11 }),
    Date.parse(END),
  );
  const escalations = figures.count('CaseEscalated');

  it('escalates enough cases to say something, some of them twice (level 2)', () => {
    expect(escalations).toBeGreaterThan(100);
    expect(figures.secondLevels).toBeGreaterThan(0);
  });

  it('acknowledges escalations, mostly within the window, some late', () => {
    expect(figures.count('EscalationAcknowledged')).toBeGreaterThanOrEqual(0.9 * escalations);
    expect(figures.acknowledgementAlerts).toBeGreaterThan(0);
    expect(figures.acknowledgementAlerts).toBeLessThan(0.25 * escalations);
  });

  it('posts status updates and de-escalates, so no escalation stays open for days without handling', () => {
    expect(figures.count('EscalationStatusUpdatePosted')).toBeGreaterThanOrEqual(escalations);
    expect(figures.count('CaseDeEscalated')).toBeGreaterThanOrEqual(0.8 * escalations);
    expect(figures.unattended).toEqual([]);
  });

  it('keeps overdue reminders a small share of the history, though some alerts still happen', () => {
    expect(figures.count('EscalationStatusUpdateOverdue')).toBeGreaterThan(0);
    expect(figures.reminders / figures.events).toBeLessThan(0.02);
  });
});
