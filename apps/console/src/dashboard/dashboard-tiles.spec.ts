import type { GoalFiguresView, SeverityFiguresView } from '../api/api-types';
import { markup, text } from '../shared/template-markup.test-helper';
import { figuresDefinition, goalsMet, overdueEscalationsNote, severityTile } from './dashboard-tiles';

// lit-html cannot be loaded by Jest (see template-markup.test-helper.ts): record strings and values.
jest.mock('lit-html', () => ({
  html: (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values }),
  nothing: Symbol('nothing'),
}));

const goal = (met: number, missed: number): GoalFiguresView => ({
  met,
  missed,
  measured: met + missed,
  metPercent: met + missed === 0 ? null : (100 * met) / (met + missed),
  medianBusinessMs: null,
  p90BusinessMs: null,
});

/** Severity 2 the day a resolved case was reopened: response met, its resolution owed again. */
const reopenedS2: SeverityFiguresView = {
  severity: 2,
  name: 'Restricted Operations',
  open: 1,
  breachedNow: 0,
  atRisk: 0,
  openEscalations: 0,
  overdueEscalations: 0,
  firstResponse: goal(1, 0),
  resolution: goal(0, 0),
};

const figure = (tile: string, name: string) =>
  text(new RegExp(`data-figure="${name}">([^<]*)<`).exec(tile)?.[1] ?? '');

describe('SLA dashboard tiles', () => {
  it('say a goal none of the cases has been judged on yet is that, not a bare dash', () => {
    const tile = markup(severityTile(reopenedS2));
    expect(figure(tile, 'resolution-met')).toBe('— none judged yet');
    expect(figure(tile, 'first-response-met')).toBe('100% of 1');
    expect(text(tile)).toContain('Resolution goals met (cases opened)');
  });

  it('count "of N" over the goals judged (met + missed), not the times measured', () => {
    // Two responses met, one breached and never answered: judged 3, measured 2 (API shape).
    const tile = markup(
      severityTile({
        ...reopenedS2,
        firstResponse: { ...goal(2, 1), measured: 2 },
        resolution: { ...goal(0, 0), measured: 0 },
      }),
    );
    expect(figure(tile, 'first-response-met')).toBe('66.7% of 3');
    expect(figure(tile, 'resolution-met')).toBe('— none judged yet');
    expect(figure(tile, 'resolution-times')).toBe('— / —');
  });

  it('say how many times the median and p90 are taken over (the measured ones)', () => {
    const firstResponse = { ...goal(2, 1), measured: 2, medianBusinessMs: 240_000, p90BusinessMs: 540_000 };
    const tile = markup(severityTile({ ...reopenedS2, firstResponse }));
    expect(figure(tile, 'first-response-times')).toMatch(/ over 2 times$/);
  });

  it('show a severity whose only judged goal is a breach still unanswered as 0%, not none judged', () => {
    const unanswered: GoalFiguresView = { ...goal(0, 1), measured: 0 };
    expect(goalsMet(unanswered)).toBe('0% of 1');
    const tile = markup(severityTile({ ...reopenedS2, breachedNow: 1, firstResponse: unanswered }));
    expect(figure(tile, 'first-response-met')).toBe('0% of 1');
  });

  it("show a severity's escalations overdue now, linked to the overdue board of that severity and product", () => {
    const tile = markup(
      severityTile({ ...reopenedS2, openEscalations: 2, overdueEscalations: 1 }, 'Kendo UI'),
    );
    const overdue = /data-figure="overdue-escalations">([\s\S]*?)<\/dd>/.exec(tile)?.[1] ?? '';
    expect(text(overdue)).toBe('1');
    expect(overdue).toContain('href=#/escalations?state=overdue&severity=2&product=Kendo+UI');
    expect(text(tile)).toContain('Esc. overdue');
    const none = markup(severityTile(reopenedS2));
    expect(text(/data-figure="overdue-escalations">([\s\S]*?)<\/dd>/.exec(none)?.[1] ?? '')).toBe('0');
  });

  it('say how many escalations are overdue now in all, with a link to the overdue board', () => {
    const note = markup(overdueEscalationsNote(3));
    expect(text(note)).toContain('Escalations overdue now (acknowledgement or status update past due): 3.');
    expect(note).toContain('href=#/escalations?state=overdue ');
  });

  it('explain that the tiles judge the cases opened and the daily report (CSV) what happened each day', () => {
    const words = text(markup(figuresDefinition({ from: '2026-10-31', to: '2026-11-29' })));
    expect(words).toContain('Cases opened 2026-10-31 to 2026-11-29, all products (UTC days).');
    expect(words).toContain("Goals met judges these cases' targets as they stand now");
    expect(words).toContain("a reopened case's resolution counts once it is resolved again");
    expect(words).toContain(
      'The daily report (CSV) and the breaches per day count what happened on each day',
    );
  });
});
