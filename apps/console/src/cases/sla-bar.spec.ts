import { metAndDue } from './sla-bar';

// lit-html cannot be loaded by Jest (see template-markup.test-helper.ts): record strings and values.
jest.mock('lit-html', () => ({
  html: (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values }),
  nothing: Symbol('nothing'),
}));
// Its directive module neither: the bar's inline widths do not matter here.
jest.mock('../shared/css-props', () => ({ cssProps: () => '' }));

describe("an SLA target's met and due times", () => {
  it('show seconds when the answer came in the minute it was due, so "Met late" is visibly late', () => {
    const words = metAndDue({ dueAt: '2026-11-30T05:16:07.169Z', metAt: '2026-11-30T05:16:18.539Z' });
    expect(words).toMatch(/^Met .*:16:18 \S+ · was due .*:16:07 \S+$/);
  });

  it('stay to the minute when the minutes differ', () => {
    const words = metAndDue({ dueAt: '2026-11-30T06:00:00.000Z', metAt: '2026-11-30T05:16:18.539Z' });
    expect(words).not.toMatch(/:\d\d:\d\d/);
  });
});
