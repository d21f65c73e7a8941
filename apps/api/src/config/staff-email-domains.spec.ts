import { ConfigError, loadConfig } from './app-config';
import { loadApiSettings } from './api-settings';
import { atStaffDomain, staffEmailDomains } from './staff-email-domains';

describe('STAFF_EMAIL_DOMAINS', () => {
  it('is empty when unset or blank', () => {
    expect(loadApiSettings(loadConfig({}), {}).staffEmailDomains).toEqual([]);
    expect(staffEmailDomains('  ')).toEqual([]);
  });

  it('reads a comma-separated list in any case, forgiving a leading @ and repeats', () => {
    expect(staffEmailDomains(' Vendor.Example, @support.vendor.example ,vendor.example')).toEqual([
      'vendor.example',
      'support.vendor.example',
    ]);
  });

  it.each([
    'vendor',
    'vendor.example/x',
    'a b.example',
    'someone@vendor.example',
    '-x.example',
    'vendor.example.',
  ])('refuses %j, naming the variable', (value) => {
    const load = () => loadApiSettings(loadConfig({}), { STAFF_EMAIL_DOMAINS: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/STAFF_EMAIL_DOMAINS holds/);
  });

  it('matches an address at exactly a listed domain, in any case, never a subdomain or a lookalike', () => {
    const domains = ['vendor.example'];
    expect(atStaffDomain('Otto@Vendor.Example', domains)).toBe(true);
    expect(atStaffDomain('otto@eu.vendor.example', domains)).toBe(false);
    expect(atStaffDomain('otto@evilvendor.example', domains)).toBe(false);
    expect(atStaffDomain('otto@vendor.example.evil.example', domains)).toBe(false);
    expect(atStaffDomain('vendor.example', domains)).toBe(false);
    expect(atStaffDomain('otto@vendor.example', [])).toBe(false);
  });
});
