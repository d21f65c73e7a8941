import type { TemplateResult } from 'lit-html';
import type { CaseView, SlaTargetView } from '../api/api-types';
import { markup, text } from '../shared/template-markup.test-helper';
import { slaTargetsCell, slaTargetsToShow } from './sla-targets-cell';

// lit-html's Node build is a minified ES module that the test transformer (esm-to-cjs-transformer)
// does not recognise as one, so Jest cannot load it. Its `html` tag only records the template's
// strings and values, which this stand-in does as well; nothing here renders to a DOM.
jest.mock('lit-html', () => ({
  html: (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values }),
  nothing: Symbol('nothing'),
}));

// 15:40 on Monday 2 March 2026, the server's instant as the browser estimates it.
const NOW = Date.parse('2026-03-02T15:40:00Z');

const running = (overrides: Partial<SlaTargetView> = {}): SlaTargetView => ({
  dueAt: '2026-03-03T09:00:00.000Z',
  state: 'running',
  atRisk: false,
  atRiskAt: '2026-03-03T06:00:00.000Z',
  startedAt: '2026-03-02T09:00:00.000Z',
  goal: { amount: 1, unit: 'days', clock: 'business' },
  pauses: [],
  ...overrides,
});
/** Due at 13:35, unanswered: the timer has recorded the breach. */
const firstResponseBreached = running({
  state: 'breached',
  dueAt: '2026-03-02T13:35:00.000Z',
  atRiskAt: '2026-03-02T12:00:00.000Z',
  breachedAt: '2026-03-02T13:35:00.000Z',
});
/** Due at 19:00, at risk since 12:00, as the server evaluated it. */
const resolutionAtRisk = running({
  dueAt: '2026-03-02T19:00:00.000Z',
  atRiskAt: '2026-03-02T12:00:00.000Z',
  atRisk: true,
});
const resolutionOnTrack = running({
  dueAt: '2026-03-20T09:00:00.000Z',
  atRiskAt: '2026-03-16T09:00:00.000Z',
});
const met = (metAt: string) => running({ state: 'met', metAt });
const metLate = running({
  state: 'breached',
  dueAt: '2026-02-27T09:00:00.000Z',
  breachedAt: '2026-02-27T09:00:00.000Z',
  metAt: '2026-02-27T11:00:00.000Z',
});

const view = (firstResponse: SlaTargetView, resolution: SlaTargetView) =>
  ({ sla: { firstResponse, resolution } }) as CaseView;

/** Each line of the cell as its tone (the `sla-*` class that colours it) and the words it shows. */
function cellLines(cell: TemplateResult): { tone: string; words: string }[] {
  return [...markup(cell).matchAll(/<li class="sla-line sla-([a-z-]+)">([\s\S]*?)<\/li>/g)].map(
    ([, tone, inner]) => ({ tone, words: text(inner) }),
  );
}

describe('the SLA cell of a case row', () => {
  it('shows a breached first response and the resolution at risk that put the case in the at-risk queue', () => {
    expect(cellLines(slaTargetsCell(view(firstResponseBreached, resolutionAtRisk), NOW))).toEqual([
      { tone: 'breached', words: 'First response Breached overdue by 2h 5m' },
      { tone: 'at-risk', words: 'Resolution At risk due in 3h 20m' },
    ]);
  });

  it('shows the target at risk alone when the other is met, or on track and due later', () => {
    expect(cellLines(slaTargetsCell(view(met('2026-03-02T09:30:00.000Z'), resolutionAtRisk), NOW))).toEqual([
      { tone: 'at-risk', words: 'Resolution At risk due in 3h 20m' },
    ]);

    const firstResponseAtRisk = running({
      dueAt: '2026-03-02T16:00:00.000Z',
      atRiskAt: '2026-03-02T15:00:00.000Z',
    });
    expect(cellLines(slaTargetsCell(view(firstResponseAtRisk, resolutionOnTrack), NOW))).toEqual([
      { tone: 'at-risk', words: 'First response At risk due in 20m 0s' },
    ]);
  });

  it('shows a breached target alone when the other is on track', () => {
    expect(cellLines(slaTargetsCell(view(firstResponseBreached, resolutionOnTrack), NOW))).toEqual([
      { tone: 'breached', words: 'First response Breached overdue by 2h 5m' },
    ]);
  });

  it('shows the next target on track when nothing needs acting on', () => {
    expect(cellLines(slaTargetsCell(view(met('2026-03-02T09:30:00.000Z'), resolutionOnTrack), NOW))).toEqual([
      { tone: 'ok', words: 'Resolution On track due in 17d 17h' },
    ]);
  });

  it('shows a paused target with the time it has left, saying "paused" once', () => {
    // Awaiting the customer since 12:00, 2 days 4 hours before the resolution's due time.
    const paused = running({
      state: 'paused',
      dueAt: '2026-03-04T16:00:00.000Z',
      atRiskAt: '2026-03-04T10:00:00.000Z',
      pauses: [{ from: '2026-03-02T12:00:00.000Z' }],
    });
    expect(cellLines(slaTargetsCell(view(met('2026-03-02T09:30:00.000Z'), paused), NOW))).toEqual([
      { tone: 'paused', words: 'Resolution Paused 2d 4h left' },
    ]);
  });

  it('says all met once both targets are met, and names a target met late', () => {
    const bothMet = slaTargetsCell(
      view(met('2026-03-02T09:30:00.000Z'), met('2026-03-02T15:00:00.000Z')),
      NOW,
    );
    expect(cellLines(bothMet)).toEqual([]);
    expect(text(markup(bothMet))).toBe('All met');

    const late = slaTargetsCell(view(metLate, met('2026-03-02T15:00:00.000Z')), NOW);
    expect(text(markup(late))).toBe('All met, first response late');
  });

  it('keeps the target the server found at risk visible while the browser clock runs a little behind', () => {
    // The server listed the case at 12:00:00 sharp; the browser's estimate is a second earlier.
    const atRiskFromNow = running({
      dueAt: '2026-03-02T15:20:00.000Z',
      atRiskAt: '2026-03-02T12:00:00.000Z',
      atRisk: true,
    });
    const shown = slaTargetsToShow(
      view(met('2026-03-02T09:30:00.000Z'), atRiskFromNow),
      Date.parse('2026-03-02T11:59:59Z'),
    );
    expect(shown.map(({ kind, status }) => [kind, status.tone])).toEqual([['resolution', 'at-risk']]);
  });

  it('turns a running target past its due time into a breach between refreshes', () => {
    const justDue = running({
      dueAt: '2026-03-02T15:39:00.000Z',
      atRiskAt: '2026-03-02T14:00:00.000Z',
      atRisk: true,
    });
    expect(cellLines(slaTargetsCell(view(firstResponseBreached, justDue), NOW))).toEqual([
      { tone: 'breached', words: 'First response Breached overdue by 2h 5m' },
      { tone: 'breached', words: 'Resolution Breached overdue by 1m 0s' },
    ]);
  });
});
