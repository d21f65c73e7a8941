import { instantToMillis, isIsoInstant, millisToInstant } from '../../sla/time/iso-instant';
import { isReadOnlyAuditor, requireNotAuditor } from '../../accounts/actor-identity';
import { normalizeEmail } from '../../accounts/email-address';
import { isAdmin, isCaseStaff, isCustomer, isSystemActor, type CaseActor } from '../actor';
import type { CaseCommand } from '../commands';
import { CaseErrors } from '../errors';
import { type CaseState, type LiveCase, type OpenedCase } from '../state';

export interface EventBase {
  caseId: string;
  at: string;
  by: string;
}

/**
 * The part of every event's data that comes straight from the command. Instants are stored in the
 * SLA engine's canonical form (UTC with milliseconds), so equal instants compare equal as strings.
 */
export function eventBase(command: CaseCommand): EventBase {
  const by = isSystemActor(command.actor) ? command.actor.email : normalizeEmail(command.actor.email);
  return { caseId: command.caseId, at: canonicalInstant(command.at), by };
}

export function canonicalInstant(instant: string): string {
  return millisToInstant(instantToMillis(instant));
}

/** Shape checks every command shares: an id, an instant with an offset, an actor with an email. */
export function requireWellFormed(command: CaseCommand): void {
  if (typeof command.caseId !== 'string' || command.caseId.trim() === '') {
    throw CaseErrors.textLengthOutOfRange('caseId', 1, 100);
  }
  if (!isIsoInstant(command.at)) throw CaseErrors.invalidValue('at', ['an ISO-8601 instant with an offset']);
  if (!command.actor || typeof command.actor.email !== 'string' || command.actor.email.trim() === '') {
    throw CaseErrors.invalidEmail('actor.email');
  }
}

/**
 * Auditors and admins read cases; customers, engineers and CSMs change them. A token with the
 * auditor role changes nothing, whatever other roles it carries (requireNotAuditor). The timers
 * have their own commands and may not pose as people.
 */
export function requireCaseWriter(actor: CaseActor): void {
  requireNotAuditor(actor);
  if (isSystemActor(actor) || !(isCustomer(actor) || isCaseStaff(actor))) throw CaseErrors.readOnlyActor();
}

/**
 * Commenting is open to everyone who sees the case (API.md), so to admins too: an operator looking
 * into a case may leave a note or answer. Auditors stay read-only.
 */
export function requireCommenter(actor: CaseActor): void {
  if (!isSystemActor(actor) && isAdmin(actor) && !isReadOnlyAuditor(actor)) return;
  requireCaseWriter(actor);
}

export function requireSystem(actor: CaseActor, command: string): void {
  if (!isSystemActor(actor)) throw CaseErrors.systemOnly(command);
}

export function requireOpened(state: CaseState, caseId: string): OpenedCase {
  if (state.status === 'none') throw CaseErrors.caseNotFound(caseId);
  return state;
}

/**
 * Opened and neither closed nor redirected. The refusals name the next step (reopen, follow the
 * referral, open a new case); `decideCase` adds the reopen window's end (see withNextStep).
 */
export function requireLive(state: CaseState, caseId: string): LiveCase {
  const opened = requireOpened(state, caseId);
  if (opened.status === 'closed') throw CaseErrors.caseClosed();
  if (opened.status === 'redirected') throw CaseErrors.caseRedirected(opened.redirectedTo);
  return opened;
}
