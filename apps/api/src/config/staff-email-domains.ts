import { ConfigError } from './config-error';

/** The staff domains, where case commands are decided (none in a process that assigns no case). */
export const STAFF_EMAIL_DOMAINS = Symbol('StaffEmailDomains');

/**
 * STAFF_EMAIL_DOMAINS: the email domains the vendor's support staff sign in with, comma-separated
 * (`vendor.example, support.vendor.example`). Each names one domain exactly: a subdomain is staff
 * only when listed too, so an address at a customer's subdomain of a shared parent never passes.
 * A leading `@` is forgiven. Unset: no domain vouches for anyone.
 */
export function staffEmailDomains(value: string | undefined): string[] {
  const domains = (value ?? '')
    .split(',')
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  const invalid = domains.find(
    (domain) => !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]*[a-z]$/.test(domain),
  );
  if (invalid) {
    throw new ConfigError(
      'STAFF_EMAIL_DOMAINS',
      `holds "${invalid}", which is not a domain (e.g. vendor.example)`,
    );
  }
  return [...new Set(domains)];
}

/** Whether the email's domain is one of the staff domains (compared without case). */
export function atStaffDomain(email: string, domains: readonly string[]): boolean {
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domains.includes(domain);
}
