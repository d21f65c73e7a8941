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
