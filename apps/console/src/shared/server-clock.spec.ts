import type { CaseView } from '../api/api-types';
import { ServerClock } from './server-clock';

describe('ServerClock', () => {
  it('counts from the server’s instant, not the browser’s', () => {
    let local = Date.parse('2026-11-26T10:00:00Z');
    const clock = new ServerClock(() => local);
    clock.observe('2026-03-02T09:00:00.000Z');
    local += 5_000;
    expect(new Date(clock.now()).toISOString()).toBe('2026-03-02T09:00:05.000Z');
    clock.observe('not a date');
    expect(new Date(clock.now()).toISOString()).toBe('2026-03-02T09:00:05.000Z');
  });

  it('reads the server’s time from a running target of a case', () => {
    const local = Date.parse('2026-11-26T10:00:00Z');
    const clock = new ServerClock(() => local);
    const running = { state: 'running', dueAt: '2026-03-03T09:00:00.000Z', remainingMs: 3_600_000 };
    clock.observeCase({
      sla: { firstResponse: { state: 'met', dueAt: 'x' }, resolution: running },
    } as unknown as CaseView);
    expect(new Date(clock.now()).toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });
});
