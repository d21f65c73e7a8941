import { DomainError } from '../shared/domain-error';

/**
 * Who is issuing a command, as the application authenticated them. Customers carry no roles (their
 * rights come from licence records); vendor staff carry `engineer`, `csm`, `auditor` or `admin`.
 * The API's actor type fits this shape, so handlers pass it straight through.
 */
export interface ActorIdentity {
  email: string;
  roles: readonly string[];
}

export function actorHasRole(actor: ActorIdentity, ...roles: readonly string[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

/**
 * A token that carries the auditor role is read-only everywhere (DOMAIN.md: auditors are a
 * read-only compliance role), whatever other roles it carries: an audit trail that holds changes
 * made under the auditor role would defeat the independence the role exists for. So a token with
 * `auditor` and `engineer` or `admin` changes nothing, and an auditor whose email is also a licence
 * holder's, a licensed user's or a case-team member's does not get those people's rights to change
 * records through it. Whoever also works cases or operates the system uses another token for that.
 */
export function isReadOnlyAuditor(actor: ActorIdentity): boolean {
  return actorHasRole(actor, 'auditor');
}

/** Refuses every change made with a token that carries the auditor role (see isReadOnlyAuditor). */
export function requireNotAuditor(actor: ActorIdentity): void {
  if (isReadOnlyAuditor(actor)) throw auditorTokenReadOnly();
}

/**
 * For the licence and account commands, whose staff rights come from roles: a token whose working
 * role (engineer, CSM, admin) would let it through is refused when it carries the auditor role too.
 * A token with the auditor role alone has no working role and meets each command's own refusal.
 */
export function requireStaffTokenWithoutAuditor(actor: ActorIdentity): void {
  if (actorHasRole(actor, 'engineer', 'csm', 'admin')) requireNotAuditor(actor);
}

export const auditorTokenReadOnly = () =>
  new DomainError(
    'read-only-actor',
    'forbidden',
    'A token with the auditor role is read-only, whatever other roles it carries: auditors change nothing. To make this change, use a token without the auditor role',
  );
