import type { CaseView, SlaTargetView } from '../api/api-types';
import { countdownText, nextTarget, slaStatus } from './sla-status';

const at = (iso: string) => Date.parse(iso);
const target = (overrides: Partial<SlaTargetView> = {}): SlaTargetView => ({
  dueAt: '2026-03-02T19:00:00.000Z',
  state: 'running',
  atRisk: false,
  atRiskAt: '2026-03-02T16:30:00.000Z',
  startedAt: '2026-03-02T09:00:00.000Z',
  goal: { amount: 10, unit: 'hours', clock: 'wall' },
  pauses: [],
  ...overrides,
});

describe('slaStatus', () => {
  it('counts down a running target and turns at risk at its at-risk instant', () => {
    const early = slaStatus(target(), at('2026-03-02T11:00:00Z'));
    expect(early).toEqual({ tone: 'ok', remainingMs: 8 * 3_600_000, progress: 0.2 });
    expect(countdownText(early)).toBe('due in 8h 0m');
    expect(slaStatus(target(), at('2026-03-02T16:30:00Z')).tone).toBe('at-risk');
  });

  it("keeps a target the server found at risk at risk while the browser's estimate lags behind", () => {
    expect(slaStatus(target({ atRisk: true }), at('2026-03-02T16:29:59Z')).tone).toBe('at-risk');
  });

  it('reads breached from the due time on, before any breach is recorded', () => {
    const late = slaStatus(target(), at('2026-03-02T19:05:30Z'));
    expect(late).toEqual({ tone: 'breached', overdueMs: 330_000, progress: 1 });
    expect(countdownText(late)).toBe('overdue by 5m 30s');
  });

  it('freezes a paused target at its pause and leaves finished pauses out of the progress', () => {
    const paused = target({ state: 'paused', pauses: [{ from: '2026-03-02T14:00:00.000Z' }] });
    const status = slaStatus(paused, at('2026-03-03T12:00:00Z'));
    expect(status).toMatchObject({ tone: 'paused', remainingMs: 5 * 3_600_000, progress: 0.5 });
    expect(countdownText(status)).toBe('paused, 5h 0m left');

    const resumed = target({
      dueAt: '2026-03-02T21:00:00.000Z',
      pauses: [{ from: '2026-03-02T10:00:00.000Z', to: '2026-03-02T12:00:00.000Z' }],
    });
    expect(slaStatus(resumed, at('2026-03-02T16:00:00Z')).progress).toBe(0.5);
  });

  it("counts a paused target's time left from the server's remainingMs, its dueAt being as if answered now", () => {
    const paused = target({
      state: 'paused',
      dueAt: '2026-03-03T17:00:00.000Z',
      remainingMs: 5 * 3_600_000,
      pauses: [{ from: '2026-03-02T14:00:00.000Z' }],
    });
    const status = slaStatus(paused, at('2026-03-03T12:00:00Z'));
    expect(status).toMatchObject({ tone: 'paused', remainingMs: 5 * 3_600_000, progress: 0.5 });
  });

  it('tells met from met late', () => {
    expect(
      slaStatus(target({ state: 'met', metAt: '2026-03-02T14:00:00.000Z' }), at('2026-03-05T00:00:00Z')),
    ).toEqual({ tone: 'met', progress: 0.5 });
    expect(slaStatus(target({ state: 'breached', metAt: '2026-03-02T20:00:00.000Z' }), 0).tone).toBe(
      'met-late',
    );
  });
});

describe('nextTarget', () => {
  const view = (firstResponse: SlaTargetView, resolution: SlaTargetView) =>
    ({ sla: { firstResponse, resolution } }) as CaseView;

  it('picks the earliest target still owed', () => {
    const response = target({ dueAt: '2026-03-03T09:00:00.000Z' });
    const resolution = target({ dueAt: '2026-03-11T09:00:00.000Z' });
    expect(nextTarget(view(response, resolution))?.kind).toBe('firstResponse');
    expect(nextTarget(view(target({ state: 'met' }), resolution))?.kind).toBe('resolution');
  });

  it('falls back to a paused target and to nothing once both are met', () => {
    expect(nextTarget(view(target({ state: 'met' }), target({ state: 'paused' })))?.kind).toBe('resolution');
    expect(nextTarget(view(target({ state: 'met' }), target({ state: 'met' })))).toBeUndefined();
  });
});
