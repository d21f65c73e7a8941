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
 * A token that carries the auditor role and no working one is read-only everywhere (DOMAIN.md):
 * an auditor whose email is also a licence holder's, a licensed user's or a case-team member's
 * does not get those people's rights to change records through it.
 */
export function isReadOnlyAuditor(actor: ActorIdentity): boolean {
  return actorHasRole(actor, 'auditor') && !actorHasRole(actor, 'engineer', 'csm', 'admin');
}
