/** Staff roles a token may carry; customers carry none (their rights come from licence records). */
export const STAFF_ROLES = ['engineer', 'csm', 'auditor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The verified identity behind a request. */
export interface Actor {
  sub: string;
  email: string;
  name?: string;
  roles: StaffRole[];
}

export function hasRole(actor: Actor, ...roles: StaffRole[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

export function isStaff(actor: Actor): boolean {
  return actor.roles.length > 0;
}
