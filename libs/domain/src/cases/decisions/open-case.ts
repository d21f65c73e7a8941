import { normalizeEmail } from '../../accounts/email-address';
import { nonPartyRefusal } from '../../licences/licence-acquaintance';
import { isBeforeExpiry, licenceExpiresAt } from '../../licences/licence-expiry';
import { isChannelAllowedForSeverity, planAllowsChannel } from '../../policy/policy-lookups';
import type { SupportPolicy } from '../../policy/support-policy';
import {
  SEVERITIES,
  SUPPORT_CHANNELS,
  type SupportChannel,
  type SupportPlan,
} from '../../policy/support-vocabulary';
import { startTargets } from '../../sla/targets/start-targets';
import { isCustomer, isEngineer, sameEmail, type CaseActor } from '../actor';
import type { OpenCase } from '../commands';
import type { CaseDecisionContext } from '../context';
import type { CaseEntitlementSnapshot } from '../entitlement';
import { CaseErrors, type WebSeverityCaller } from '../errors';
import type { CaseOpened } from '../events';
import type { CaseState } from '../state';
import { optionalText, requireEmail, requireOneOf, requireText } from '../text-limits';
import { canonicalInstant, eventBase, requireCaseWriter } from './guards';

/**
 * Opening a case (DOMAIN.md "Severity and SLA goals", "Licences and licensed users"):
 * - a licensed user opens their own case on the web, at severity 2 or 3;
 * - a support engineer opens a phone case on behalf of a licensed user who called (`onBehalfOf`),
 *   the only way to a severity 1 case;
 * - the opening user must be an active user of an active, unexpired licence whose plan includes
 *   the channel; the severity must be reportable through the channel.
 */
export function openCase(command: OpenCase, state: CaseState, context: CaseDecisionContext): CaseOpened[] {
  if (state.status !== 'none') throw CaseErrors.caseAlreadyExists(command.caseId);
  requireCaseWriter(command.actor);

  const opener = openingUser(command, command.actor, context);
  const title = requireText(command.title, 'title');
  const description = requireText(command.description, 'description');
  const category = optionalText(command.category, 'category');
  const severity = requireOneOf(command.severity, SEVERITIES, 'severity');
  const channel = requireOneOf(command.channel, SUPPORT_CHANNELS, 'channel');

  // The severity/channel rule comes before entitlement so a web severity-1 attempt is always
  // answered with what to do instead; only a caller who may open cases on the licence is told
  // what their plan allows (a stranger learns nothing of the licence).
  const { policy, calendar } = context;
  const base = eventBase(command);
  if (!isChannelAllowedForSeverity(policy, severity, channel)) {
    throw CaseErrors.severityNotAllowedForChannel(
      severity,
      channel,
      policy.severities[severity].channels,
      plansWithChannel(policy, 'phone'),
      webSeverityCaller(command, context, base.at, opener),
    );
  }

  const entitlement = requireEntitlement(command, context.entitlement, opener);
  requireLicensedUser(entitlement, base.at, opener.email, opener.field);
  if (!planAllowsChannel(policy, entitlement.licence.plan, channel)) {
    throw CaseErrors.channelNotEntitled(channel, entitlement.licence.plan);
  }

  const loggedByEngineer = opener.field === 'onBehalfOf';
  return [
    {
      type: 'CaseOpened',
      data: {
        ...base,
        accountId: entitlement.licence.accountId,
        licenceId: entitlement.licence.id,
        openedBy: loggedByEngineer
          ? {
              email: opener.email,
              ...(entitlement.membership?.name ? { name: entitlement.membership.name } : {}),
            }
          : person(command.actor, opener.email),
        ...(loggedByEngineer ? { loggedBy: person(command.actor, base.by) } : {}),
        title,
        description,
        ...(category !== undefined ? { category } : {}),
        severity,
        channel,
        product: entitlement.licence.product,
        edition: entitlement.licence.edition,
        plan: entitlement.licence.plan,
        missionCritical:
          entitlement.account.missionCritical || entitlement.licence.plan === 'mission-critical',
        timeZone: calendar.timeZone,
        ...(context.calendarName !== undefined ? { calendar: context.calendarName } : {}),
        policyVersion: policy.version,
        targets: startTargets({ severity, openedAt: base.at, policy, calendar }),
      },
    },
  ];
}

/** Whose case it is, and which request field names them (for errors). */
function openingUser(
  command: OpenCase,
  actor: CaseActor,
  context: CaseDecisionContext,
): { email: string; field?: string } {
  if (isEngineer(actor)) {
    if (command.onBehalfOf === undefined || command.onBehalfOf.trim() === '')
      throw CaseErrors.onBehalfOfRequired();
    const email = requireEmail(command.onBehalfOf, 'onBehalfOf');
    if (command.channel !== 'phone') throw CaseErrors.onBehalfOfRequiresPhone();
    return { email, field: 'onBehalfOf' };
  }
  if (!isCustomer(actor)) throw CaseErrors.caseOpeningNotAllowed();
  if (command.onBehalfOf !== undefined && !sameEmail(command.onBehalfOf, actor.email)) {
    throw CaseErrors.onBehalfOfEngineerOnly();
  }
  const opener = { email: requireEmail(actor.email, 'email') };
  // Told what their own plan offers, as for a severity-1 web case: a plan without phone support
  // is not sent to a phone line the engineer would then refuse (channel-not-entitled).
  if (command.channel === 'phone') {
    throw CaseErrors.phoneCasesOpenedByEngineer(
      plansWithChannel(context.policy, 'phone'),
      webSeverityCaller(command, context, canonicalInstant(command.at), opener),
    );
  }
  return opener;
}

function requireEntitlement(
  command: OpenCase,
  entitlement: CaseEntitlementSnapshot | undefined,
  opener: { email: string; field?: string },
) {
  if (!entitlement || entitlement.licence.id !== command.licenceId)
    throw CaseErrors.licenceNotFound(command.licenceId);
  // A customer with no tie to the licence (not its holder, never on its roster) is answered as for
  // an id nobody issued: its account, expiry or roster are none of their business, and a 403 would
  // tell a customer of another company that the id is a licence (as the licence endpoints answer).
  // A colleague the account view shows the licence to knows it exists: told why not (403).
  if (opener.field === undefined && isStrangerToEntitlement(entitlement, opener.email)) {
    if (!entitlement.openerSeesAccountLicences) throw CaseErrors.licenceNotFound(command.licenceId);
    throw nonPartyRefusal(
      { licenceId: entitlement.licence.id, holderEmail: entitlement.licence.holderEmail },
      true,
      'only its registered users can log cases on it',
    );
  }
  const claimedAccount = command.accountId?.trim();
  if (
    (claimedAccount && claimedAccount !== entitlement.licence.accountId) ||
    entitlement.account.id !== entitlement.licence.accountId
  ) {
    throw CaseErrors.licenceAccountMismatch();
  }
  return entitlement;
}

function isStrangerToEntitlement({ licence, membership }: CaseEntitlementSnapshot, email: string): boolean {
  if (sameEmail(licence.holderEmail, email)) return false;
  return !membership || !sameEmail(membership.email, email);
}

/** Only licensed users of an active licence can log cases; a pending invitee must register first. */
function requireLicensedUser(
  entitlement: CaseEntitlementSnapshot,
  at: string,
  email: string,
  field?: string,
) {
  const { licence, membership } = entitlement;
  if (licence.status !== 'active') throw CaseErrors.licenceNotActive();
  // Throws on a malformed activeUntil: that is corrupt licence data, not a user mistake.
  if (!isBeforeExpiry(licenceExpiresAt(licence.activeUntil), at)) {
    // The request's body names the licence, so licenceId is the field at fault. The holder is named
    // to the person the case is for (the caller, or whom an engineer phones for) unless it is them.
    throw CaseErrors.licenceExpired(
      { ...licence, licenceId: licence.id },
      licence.activeUntil,
      'cases can be opened on it again',
      { field: 'licenceId', askedBy: normalizeEmail(email) },
    );
  }
  if (!membership || !sameEmail(membership.email, email)) {
    // The holder bought the licence but holds no seat on it unless they add themselves: say how.
    if (sameEmail(licence.holderEmail, email))
      throw CaseErrors.holderNotALicensedUser(email, licence.id, field, licence.seatsLeft);
    throw CaseErrors.notALicensedUser(email, field);
  }
  if (membership.status === 'removed') throw CaseErrors.licensedUserRemoved(email, field);
  if (membership.status === 'pending') throw CaseErrors.licensedUserNotActive(email, licence.id, field);
}

/**
 * The caller's plan, for the severity refusal, when they could open a case on the licence at an
 * allowed severity; undefined for anyone else, whatever else is wrong with the request (that is
 * for after the severity answer, as it was before).
 */
function webSeverityCaller(
  command: OpenCase,
  context: CaseDecisionContext,
  at: string,
  opener: { email: string; field?: string },
): WebSeverityCaller | undefined {
  let plan: SupportPlan;
  try {
    const entitlement = requireEntitlement(command, context.entitlement, opener);
    requireLicensedUser(entitlement, at, opener.email, opener.field);
    plan = entitlement.licence.plan;
  } catch {
    return undefined;
  }
  const { policy } = context;
  return {
    plan,
    phone: planAllowsChannel(policy, plan, 'phone'),
    highestWebSeverity: SEVERITIES.find((severity) => isChannelAllowedForSeverity(policy, severity, 'web')),
  };
}

function person(actor: CaseActor, email: string) {
  return actor.name !== undefined && actor.name.trim() !== ''
    ? { email, name: actor.name.trim() }
    : { email };
}

function plansWithChannel(policy: SupportPolicy, channel: SupportChannel): SupportPlan[] {
  return (Object.keys(policy.plans) as SupportPlan[]).filter((plan) =>
    planAllowsChannel(policy, plan, channel),
  );
}
