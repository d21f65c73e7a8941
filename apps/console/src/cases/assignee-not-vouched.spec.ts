import type { CaseDetailView } from '../api/api-types';
import { markup, text } from '../shared/template-markup.test-helper';
import { AssigneeVouching, assigneeNotVouchedNotice } from './assignee-not-vouched';

// lit-html cannot be loaded by Jest (see template-markup.test-helper.ts): record strings and values.
jest.mock('lit-html', () => ({
  html: (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values }),
  nothing: Symbol('nothing'),
}));

const REASON =
  'cathy.csm@vendor.example is only the CSM of other accounts, and may not see this case, so no colleague ' +
  'could assign them this case now (it was assigned before the vouching rules, or the records changed ' +
  'since). Mail that would reach them as the assignee, internal notes included, is held back; reassign ' +
  'the case to an engineer (POST /v1/cases/{caseId}/assignment)';

const detail = (vouching: AssigneeVouching, assignee: string | null = 'cathy.csm@vendor.example') =>
  ({ id: 'c-1', assignee, ...vouching }) as CaseDetailView & AssigneeVouching;

describe('the notice on a case whose assignee nothing vouches for', () => {
  it('warns staff, as a status, that the assignee gets none of the mail until reassigned, and why', () => {
    const unvouched = detail({ assigneeVouched: false, assigneeNotVouchedReason: REASON });
    const html = markup(assigneeNotVouchedNotice(unvouched, jest.fn()));
    expect(html).toContain('role="status"');
    const words = text(html);
    expect(words).toContain(
      "Not vouched for: cathy.csm@vendor.example gets none of this case's mail (comments, internal notes, alerts) until it is reassigned.",
    );
    expect(words).toContain('is only the CSM of other accounts, and may not see this case');
    // The API request the reason quotes is for API clients: the console offers its button instead.
    expect(words).toContain('is held back; reassign the case to an engineer.');
    expect(words).toContain('Reassign the case');
    expect(words).not.toContain('/v1/');
  });

  it('offers Reassign the case where the person may assign it, else says who may', () => {
    const unvouched = detail({ assigneeVouched: false, assigneeNotVouchedReason: REASON });
    const reassign = jest.fn();
    const notice = assigneeNotVouchedNotice(unvouched, reassign) as unknown as { values: unknown[] };
    expect(text(markup(notice))).toContain('Reassign the case');
    expect(text(markup(notice))).not.toContain('Ask an engineer');
    expect(notice.values).toContainEqual(expect.objectContaining({ values: [reassign] }));
    const forCsm = text(markup(assigneeNotVouchedNotice(unvouched)));
    expect(forCsm).toContain('Ask an engineer to reassign it.');
    expect(forCsm).not.toContain('Reassign the case');
  });

  it('says nothing when the assignee is vouched for, nobody is assigned, or the detail does not say (a customer, ?asOf=)', () => {
    expect(markup(assigneeNotVouchedNotice(detail({ assigneeVouched: true }), () => undefined))).toBe('');
    expect(markup(assigneeNotVouchedNotice(detail({}, null)))).toBe('');
    expect(markup(assigneeNotVouchedNotice(detail({})))).toBe('');
  });
});
