import { isCustomer } from '../actor';
import type { CloseCase } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import { givenReason } from '../../shared/optional-reason';
import { firstWhoCanAct } from '../first-who-can-act';
import { openEscalation, type CaseState, type OpenedCase } from '../state';
import { canonicalInstant, eventBase, requireCaseWriter, requireOpened, requireSystem } from './guards';
import { isIsoInstant, instantToMillis } from '../../sla/time/iso-instant';
import { optionalReason } from '../text-limits';
import { normalizeEmail, sameEmail } from '../../accounts/email-address';
import { askForRenewal } from '../../licences/holder-to-ask';
import { isBeforeExpiry, licenceExpiresAt } from '../../licences/licence-expiry';

/**
 * A resolved case is closed when the customer confirms the resolution (staff may close it for
 * them), or by the auto-close timer once the quiet period has passed. Unresolved cases are not
 * closed: they are resolved, or redirected when out of scope. A person closing may say why (the fix
 * was confirmed in production); the timer's closure is explained by the quiet period.
 *
 * An open escalation ends only with a reason from the staff handling it, so staff cannot close it
 * away (`escalation-open`), as the timer cannot: the customer is disputing, and confirming for them
 * would end the escalation unacknowledged. A customer's own closure still ends it: confirming the
 * resolution withdraws their complaint. Only a customer who may escalate (a licensed user who sees
 * the case) may withdraw one; a case-team member or a person the case is shared with, who may not
 * raise an escalation, may not end the licensed user's either (`escalated-closure-not-allowed`).
 * The closure then records the de-escalation first, by the customer and with its reason, so the
 * history says who ended the escalation and why, and those told of it hear that it ended.
 */
export function closeCase(command: CloseCase, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  return command.automatic === true
    ? closeAutomatically(command, state)
    : closeOnConfirmation(command, state, context);
}

/** What the history and the escalation's recipients read as the reason it ended. */
export const CUSTOMER_CLOSURE_DE_ESCALATION_REASON =
  'The customer closed the case, confirming the resolution';

function closeOnConfirmation(
  command: Exclude<CloseCase, { automatic: true }>,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  const reason = optionalReason(command.reason);
  if (opened.status === 'closed') throw CaseErrors.caseClosed();
  if (opened.status === 'redirected') throw CaseErrors.caseRedirected();
  const escalation = openEscalation(opened);
  if (opened.status !== 'resolved')
    throw CaseErrors.closeUnresolved(opened.status, {
      staff: !isCustomer(command.actor),
      escalationLevel: escalation?.level,
      mayEscalate: context.actorIsLicensedUser === true,
    });
  if (escalation !== undefined) {
    if (!isCustomer(command.actor)) throw CaseErrors.escalationOpen(escalation, command.caseId, 'close');
    if (context.actorIsLicensedUser !== true)
      throw sameEmail(opened.openedBy.email, command.actor.email)
        ? openerClosureRefusal(escalation.level, command.at, context, opened.openedBy.email)
        : CaseErrors.escalatedClosureNotAllowed(escalation.level, whoCanClose(opened, escalation, context));
  }
  const base = eventBase(command);
  const endsEscalation: CaseEvent[] = escalation
    ? [
        {
          type: 'CaseDeEscalated',
          data: {
            ...base,
            level: escalation.level,
            reason: CUSTOMER_CLOSURE_DE_ESCALATION_REASON,
            endedByClosure: true,
          },
        },
      ]
    : [];
  return [
    ...endsEscalation,
    { type: 'CaseClosed', data: { ...base, automatic: false, ...givenReason(reason) } },
  ];
}

/**
 * Whom a follower refused the closure of an escalated case is sent to: the opener, else the customer
 * who requested the escalation, the first of them who may end it (the "Owed by" rule of the
 * escalation mails, firstWhoCanAct); none when neither may (their licence ended, they were removed,
 * or the escalation was raised by support).
 */
function whoCanClose(
  opened: OpenedCase,
  escalation: { escalatedBy: string },
  context: CaseDecisionContext,
): { email: string; as: 'opener' | 'requester' } | undefined {
  const outOfReach = context.closersOutOfReach ?? [];
  return firstWhoCanAct(
    [
      { email: opened.openedBy.email, as: 'opener' as const },
      { email: escalation.escalatedBy, as: 'requester' as const },
    ],
    (candidate) => candidate.email,
    (email) => outOfReach.some((other) => sameEmail(other, email)),
  ).chosen;
}

/**
 * The timer names the closure instant it was scheduled for. Anything since — a reopening, a new
 * resolution, a comment that restarted the quiet period, an open escalation — makes it stale, and
 * the closure is refused (`auto-close-no-longer-due`) so the timer can drop it.
 */
function closeAutomatically(command: CloseCase & { automatic: true }, state: CaseState): CaseEvent[] {
  requireSystem(command.actor, 'Automatic closure');
  const opened = requireOpened(state, command.caseId);
  if (!isIsoInstant(command.dueAt))
    throw CaseErrors.invalidValue('dueAt', ['an ISO-8601 instant with an offset']);
  const base = eventBase(command);
  const stillDue =
    opened.status === 'resolved' &&
    opened.autoCloseAt === canonicalInstant(command.dueAt) &&
    instantToMillis(base.at) >= instantToMillis(opened.autoCloseAt) &&
    openEscalation(opened) === undefined;
  if (!stillDue) throw CaseErrors.autoCloseNoLongerDue();
  return [{ type: 'CaseClosed', data: { ...base, automatic: true } }];
}

/**
 * The opener who may not end the escalation is told why they no longer count as a licensed user
 * (their licence ended, they were removed, or are not registered on it), as the case's licence
 * records them, and what gives the closure back; not to ask "the person who opened it", themselves.
 */
function openerClosureRefusal(level: number, at: string, context: CaseDecisionContext, opener: string) {
  const held = context.actorLicencePermissions;
  const managers = `the licence holder${held?.holderEmail ? ` (${held.holderEmail})` : ''} or a user who manages its users`;
  if (held?.removed === true)
    return CaseErrors.escalatedClosureByOpener(
      level,
      "you were removed from the case's licence",
      `or ask ${managers} to add you again`,
    );
  if (held?.registered === true && !isBeforeExpiry(licenceExpiresAt(held.licenceActiveUntil), at))
    return CaseErrors.escalatedClosureByOpener(
      level,
      `the case's licence expired (active until ${held.licenceActiveUntil})`,
      // Whom to ask for the renewal, as the licence's own refusals and mails say it.
      `once it is renewed (${askForRenewal(held.holderEmail, normalizeEmail(opener))}) you can close it yourself`,
    );
  return CaseErrors.escalatedClosureByOpener(
    level,
    "you are not a registered user of the case's licence now",
    `or complete your registration if you were invited again (or ask ${managers} to add you)`,
  );
}
