/** Staff roles a token may carry; customers carry none (their rights come from licence records). */
export const STAFF_ROLES = ['engineer', 'csm', 'auditor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Who a bearer token says its holder is at the identity provider: its `sub`, and its `iss` when it
 * carries one (tokens minted by `casetrail token` carry none). Rights follow the email claim, but
 * two identities can present one address (two providers, a re-created account, an impostor); the
 * subject is what tells them apart, so every event written on a caller's behalf records it.
 */
export interface TokenIdentity {
  subject: string;
  issuer?: string;
}

/** The verified identity behind a request. */
export interface Actor {
  sub: string;
  email: string;
  name?: string;
  roles: StaffRole[];
  /** The token the actor was verified from; absent for the system's own actors (SLA timers, reviews). */
  token?: TokenIdentity;
  /**
   * A customer's compliance auditor (DOMAIN.md actors): the only accounts their token lets them
   * read (the `casetrail_accounts` claim, see auditedAccountsClaim). Absent: a vendor auditor, or
   * no auditor at all.
   */
  auditedAccounts?: string[];
}

export function hasRole(actor: Actor, ...roles: StaffRole[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

export function isStaff(actor: Actor): boolean {
  return actor.roles.length > 0;
}

/**
 * The vendor's own staff: staff roles, and no customer's compliance auditor (`auditedAccounts`),
 * who holds the auditor role but stands on the customer's side of the desk: they are not shown the
 * desk's internals (log positions across every customer, the store's evidence and remedies).
 */
export function isVendorStaff(actor: Actor): boolean {
  return isStaff(actor) && actor.auditedAccounts === undefined;
}

/**
 * Engineers, admins and a vendor auditor read every account's cases and records; a customer's
 * compliance auditor only the accounts their token names (`auditedAccounts`).
 */
export function seesEveryAccount(actor: Actor): boolean {
  return hasRole(actor, 'engineer', 'auditor', 'admin') && actor.auditedAccounts === undefined;
}
