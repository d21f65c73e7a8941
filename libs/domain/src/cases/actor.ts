/**
 * Who sends a case command. Staff carry role claims from their token; customers carry none, because
 * a customer's rights come from the licence records (checked by the application, or passed in the
 * decision context), never from claims.
 */
export type CaseActorRole = 'engineer' | 'csm' | 'auditor' | 'admin';

export interface CaseActor {
  email: string;
  name?: string;
  roles: CaseActorRole[];
}

/**
 * Timers and process managers act as `system:<process>` (the same convention as event metadata),
 * so history shows which process closed a case or recorded a breach.
 */
export const SLA_PROCESS_ACTOR: CaseActor = { email: 'system:sla-timers', roles: [] };

/** The process that keeps live cases in step with their account's Mission Critical cover. */
export const MISSION_CRITICAL_REVIEW_ACTOR: CaseActor = {
  email: 'system:mission-critical-review',
  roles: [],
};

export function isSystemActor(actor: CaseActor): boolean {
  return actor.email.startsWith('system:');
}

export function isEngineer(actor: CaseActor): boolean {
  return actor.roles.includes('engineer');
}

export function isCsm(actor: CaseActor): boolean {
  return actor.roles.includes('csm');
}

export function isAdmin(actor: CaseActor): boolean {
  return actor.roles.includes('admin');
}

/** Engineers and CSMs work cases; auditors are read-only and admins operate the system, not cases. */
export function isCaseStaff(actor: CaseActor): boolean {
  return isEngineer(actor) || isCsm(actor);
}

/** A customer is a person without any staff role (licensed user, case-team member, shared user). */
export function isCustomer(actor: CaseActor): boolean {
  return actor.roles.length === 0 && !isSystemActor(actor);
}

/** Emails compare as the accounts' rule spells them everywhere; events store them normalized. */
export { sameEmail } from '../accounts/email-address';
