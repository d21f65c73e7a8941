import { markup, text } from './template-markup.test-helper';
import { coverageNote } from './report-coverage';

// lit-html cannot be loaded by Jest (see template-markup.test-helper.ts): record strings and values.
jest.mock('lit-html', () => ({
  html: (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values }),
  nothing: Symbol('nothing'),
}));

const ACME = '0b6f2c52-7d0e-4c8e-9a53-2f1d5e8a9c01';
const GLOBEX = '5e2a9b1c-3d4f-4a6b-8c7d-9e0f1a2b3c4d';

describe("a report's coverage note", () => {
  it('says nothing when the figures cover every account', () => {
    expect(markup(coverageNote({ accounts: 'all' }))).toBe('');
  });

  it('tells a CSM the figures are only their accounts, naming them', () => {
    const words = text(
      markup(
        coverageNote({ accounts: 'your-accounts', csm: 'carla@vendor.example', accountIds: [ACME, GLOBEX] }),
      ),
    );
    expect(words).toBe(
      `Figures for your accounts only, not the whole desk: the 2 accounts you are the designated CSM of (accounts ${ACME}, ${GLOBEX}).`,
    );
  });

  it("tells a customer's compliance auditor the figures are only the accounts their access names", () => {
    const words = text(
      markup(coverageNote({ accounts: 'your-accounts', auditor: 'audra@acme.example', accountIds: [ACME] })),
    );
    expect(words).toBe(
      `Figures for your accounts only, not the whole desk: the account your auditor access names (account ${ACME}).`,
    );
  });

  it('says when a CSM has no account at all, and when one account was asked for', () => {
    expect(
      text(markup(coverageNote({ accounts: 'your-accounts', csm: 'c@v.example', accountIds: [] }))),
    ).toBe('Figures for your accounts only, not the whole desk: you are the designated CSM of no account.');
    expect(text(markup(coverageNote({ accounts: 'requested', accountIds: [ACME] })))).toBe(
      `Figures for one account only, not the whole desk (account ${ACME}).`,
    );
  });
});
