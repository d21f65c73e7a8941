import type { SignedInUser } from '../auth/session';
import { markup, text } from '../shared/template-markup.test-helper';
import { CannotOpenCasesPage, mayOpenCases } from './opening-cases-role';

// lit-html cannot be loaded by Jest (see template-markup.test-helper.ts): record strings and values.
jest.mock('lit-html', () => ({
  html: (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values }),
  nothing: Symbol('nothing'),
}));

const person = (roles: SignedInUser['roles']): SignedInUser =>
  ({ email: 'someone@example.com', name: 'Someone', roles, staff: roles.length > 0 }) as SignedInUser;

describe('opening a case, by role', () => {
  it('is for customers and engineers only', () => {
    expect(mayOpenCases(person([]))).toBe(true);
    expect(mayOpenCases(person(['engineer']))).toBe(true);
    expect(mayOpenCases(person(['engineer', 'auditor']))).toBe(true);
    expect(mayOpenCases(person(['auditor']))).toBe(false);
    expect(mayOpenCases(person(['csm']))).toBe(false);
    expect(mayOpenCases(person(['admin']))).toBe(false);
  });

  it('tells an auditor their role is read-only, not that their licences expired', () => {
    const words = text(markup(new CannotOpenCasesPage(person(['auditor'])).template()));
    expect(words).toContain('Your role reads cases; it does not open them (auditors are read-only).');
    expect(words).not.toMatch(/licence/i);
  });
});
