import type { CaseDetailView, SlaTargetView } from '../api/api-types';
import { markup, text } from '../shared/template-markup.test-helper';
import { caseHeader } from './case-header';

// lit-html cannot be loaded by Jest (see template-markup.test-helper.ts): record strings and values.
jest.mock('lit-html', () => ({
  html: (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values }),
  nothing: Symbol('nothing'),
}));
// Its directive module neither: the progress bars' inline widths do not matter here.
jest.mock('../shared/css-props', () => ({ cssProps: () => '' }));

const met: SlaTargetView = {
  dueAt: '2026-03-03T09:00:00.000Z',
  state: 'met',
  metAt: '2026-03-02T10:00:00.000Z',
  atRisk: false,
  atRiskAt: '2026-03-03T03:00:00.000Z',
  startedAt: '2026-03-02T09:00:00.000Z',
  goal: { amount: 1, unit: 'days', clock: 'business' },
  pauses: [],
};

const redirected = {
  id: 'c-1',
  title: 'Train our team',
  status: 'redirected',
  severity: 3,
  priority: { rank: 1, missionCritical: false, escalated: false, severity: 3 },
  product: 'Sitefinity',
  edition: 'Online Marketing License',
  openedBy: 'jane@acme.example',
  openedAt: '2026-03-02T09:00:00.000Z',
  channel: 'web',
  assignee: null,
  escalation: null,
  timeZone: 'UTC',
  sla: { firstResponse: met, resolution: met },
  redirectedTo: 'consulting',
  referral: 'Please contact consulting@vendor.example',
} as unknown as CaseDetailView;

describe('case header', () => {
  it('names where a redirected case went as the timeline and the redirect form do', () => {
    const words = text(
      markup(caseHeader(redirected, Date.parse('2026-03-02T12:00:00Z'), { auditLink: false })),
    );
    expect(words).toContain('Redirected to Consulting services: Please contact consulting@vendor.example');
    expect(words).not.toContain('consulting:');
  });

  it("shows the business calendar to the account's people and staff, and no row to a reader from outside the account", () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    const onCalendar = { ...redirected, calendar: 'acme-plant-shutdown' } as CaseDetailView;
    expect(text(markup(caseHeader(onCalendar, now, { auditLink: false })))).toContain('acme-plant-shutdown');
    const outsider = {
      ...redirected,
      edition: null,
      calendar: null,
      priority: { rank: null, missionCritical: null, escalated: false, severity: 3 },
    } as CaseDetailView;
    const words = text(markup(caseHeader(outsider, now, { auditLink: false })));
    expect(words).not.toContain('Business calendar');
    expect(words).not.toContain('policy default');
  });
});
