import { DEFAULT_SUPPORT_POLICY } from '../policy/default-support-policy';
import { parseSupportPolicy } from '../policy/parse-support-policy';
import { policyDifferences } from '../policy/archive/policy-differences';
import { requireCompanyEmailDomain, type EmailDomainRules } from './email-domain-rules';

const builtIn: EmailDomainRules = DEFAULT_SUPPORT_POLICY.licensing;
const refusal = (email: string, rules: EmailDomainRules | undefined = builtIn) => {
  try {
    requireCompanyEmailDomain(email, rules);
    return undefined;
  } catch (error) {
    return error as { code: string; kind: string; field: string; message: string };
  }
};

describe('the domain of a licensed user’s address (policy licensing rules)', () => {
  it('Given the built-in rules, Then a disposable domain and its subdomains are refused, free mail is not', () => {
    expect(refusal('x@mailinator.com')).toMatchObject({
      code: 'email-domain-not-allowed',
      kind: 'validation',
      field: 'email',
      message: expect.stringContaining('mailinator.com is a disposable (throwaway) mail service'),
    });
    expect(refusal('x@eu.mailinator.com')).toMatchObject({ code: 'email-domain-not-allowed' });
    expect(refusal('x@mailinator.com.')).toMatchObject({ code: 'email-domain-not-allowed' });
    expect(refusal('x@notmailinator.com')).toBeUndefined();
    expect(refusal('jane.doe@gmail.com')).toBeUndefined();
  });

  it('Given refused domains written in any case or spelling, Then the address matches them as normalized', () => {
    const rules = { disposableEmailDomains: [], refusedEmailDomains: ['GMail.com', 'xn--bcher-kva.example'] };
    expect(refusal('jane.doe@gmail.com', rules)?.message).toContain(
      'this support desk does not accept addresses at gmail.com',
    );
    expect(refusal('anna@bücher.example', rules)).toMatchObject({ code: 'email-domain-not-allowed' });
    expect(refusal('x@mailinator.com', rules)).toBeUndefined();
  });

  it('Given no rules (a caller without the policy), Then no domain is refused', () => {
    expect(() => requireCompanyEmailDomain('x@mailinator.com', undefined)).not.toThrow();
  });

  it('Given a policy file, Then it reads both lists and refuses an entry that is no domain, naming it', () => {
    const read = parseSupportPolicy({
      version: 'v1',
      licensing: { refusedEmailDomains: ['gmail.com'], disposableEmailDomains: [] },
    });
    expect(read.licensing).toMatchObject({ refusedEmailDomains: ['gmail.com'], disposableEmailDomains: [] });
    expect(parseSupportPolicy({ version: 'v1' }).licensing.disposableEmailDomains).toContain(
      'mailinator.com',
    );
    for (const entry of ['@gmail.com', '*.mailinator.com', 'gmail', 'mail box.com'])
      expect(() =>
        parseSupportPolicy({ version: 'v1', licensing: { refusedEmailDomains: [entry] } }),
      ).toThrow(/licensing\.refusedEmailDomains\.0: must be a mail domain such as mailinator\.com/);
  });

  it('Given a version recorded before these settings, Then the built-in lists are no change of its content', () => {
    const {
      disposableEmailDomains: _d,
      refusedEmailDomains: _r,
      ...olderLicensing
    } = builtIn as never as Record<string, unknown>;
    const recorded = { ...DEFAULT_SUPPORT_POLICY, licensing: olderLicensing } as never;
    expect(policyDifferences(recorded, DEFAULT_SUPPORT_POLICY)).toEqual([]);
  });
});
