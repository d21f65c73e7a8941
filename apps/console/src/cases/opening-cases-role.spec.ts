import type { LicenceListItem } from '../api/api-types';
import type { SignedInUser } from '../auth/session';
import { markup, text } from '../shared/template-markup.test-helper';
import { CannotOpenCasesPage, mayOpenCases, offersNewCase } from './opening-cases-role';

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

  describe('New case in the navigation', () => {
    const customer = person([]);
    const licence = (standing: LicenceListItem['standing'], more: Partial<LicenceListItem> = {}) =>
      ({
        id: 'lic-1',
        active: true,
        standing,
        mayOpenCases: standing.includes('active-user'),
        activation: standing.includes('pending-invitation')
          ? '/v1/licences/lic-1/users/x/activation'
          : undefined,
        ...more,
      }) as LicenceListItem;

    it('is offered to a customer with a licence to open a case on, or an invitation to complete', () => {
      expect(offersNewCase(customer, [licence(['active-user'])])).toBe(true);
      expect(offersNewCase(customer, [licence(['pending-invitation'])])).toBe(true);
    });

    it('is not offered to someone party to no licence (a case-team member, a sharee), a holder who is no user, or on expired licences', () => {
      expect(offersNewCase(customer, [])).toBe(false);
      expect(offersNewCase(customer, [licence(['holder'])])).toBe(false);
      expect(
        offersNewCase(customer, [licence(['active-user'], { active: false, mayOpenCases: false })]),
      ).toBe(false);
      expect(offersNewCase(customer, [licence(['pending-invitation'], { active: false })])).toBe(false);
    });

    it('waits for the licences, and is offered when they cannot be read (the API decides)', () => {
      expect(offersNewCase(customer, undefined)).toBe(false);
      expect(offersNewCase(customer, null)).toBe(true);
    });

    it('follows the role for staff, whatever the licences', () => {
      expect(offersNewCase(person(['engineer']), undefined)).toBe(true);
      expect(offersNewCase(person(['auditor']), null)).toBe(false);
    });
  });
});
