import { activationPath } from '../licences/activation-request';
import { LicenceErrors } from '../licences/licence.errors';
import { DomainError } from '../shared/domain-error';
import { acknowledgeItFirst, stepsToEndEscalation } from './ending-an-escalation';
import type { AcknowledgedEscalation, EscalationAwaitingAcknowledgement } from './state';
import type { RedirectTarget } from './vocabulary';

/**
 * What a closed (or redirected) case allows at the instant a command on it was refused:
 * `reopenableUntil` is the end of the policy's reopen `window` after `closedAt` (a redirected
 * case's redirection), and `reopenable` whether it is still ahead.
 */
export interface ClosedCaseOutlook {
  closedAt: string;
  window: string;
  reopenableUntil: string;
  reopenable: boolean;
  /**
   * Refused to a customer while the case's licence is past its end: they may not reopen it (nor open
   * a case on that licence), so the refusal sends them to a support engineer instead.
   */
  licenceNotInForce?: true;
}

/** What a customer can do with a closed or redirected case whose licence is not in force. */
const NOT_IN_FORCE_NEXT_STEP =
  'Its licence is not in force, so you cannot reopen it yourself: ask a support engineer, who can reopen it';
const NEW_CASE_UNDER_A_LICENCE_IN_FORCE = 'open a new case under a licence that is in force';

/** Worded as the notifications word them. */
const REDIRECT_NAMES: Record<RedirectTarget, string> = {
  consulting: 'consulting services',
  'account-manager': 'the account manager',
};

/**
 * Only a resolved case is closed (the customer confirms the proposed resolution). Customers asking
 * to close an open case usually no longer need it, or want it finished: both are said in a comment,
 * or, when support is too slow, with an escalation. "Escalate it" is advice only for a customer who
 * may (a licensed user) on a case not escalated already: one already escalated is told that support
 * owes status updates on it; a case-team member or sharee, who may not escalate, whom to ask.
 */
function closeUnresolvedCustomerNextStep(escalationLevel: number | undefined, mayEscalate: boolean): string {
  const until =
    ': a case is closed once support has proposed a resolution (the case is then resolved). Until then, ' +
    'comment on the case (to say it is no longer needed, or what is still missing)';
  if (escalationLevel !== undefined)
    return (
      `${until}. It is already escalated (level ${escalationLevel}): support acknowledges the escalation and ` +
      'posts status updates on it until it is de-escalated'
    );
  return mayEscalate
    ? `${until} or escalate it`
    : `${until}, or ask a licensed user who sees the case (its opener, say) to escalate it`;
}

/**
 * Staff are the ones who propose the resolution, so the customer's advice (comment, or escalate)
 * does not fit them: they resolve the case, or redirect it when it is out of scope. An open
 * escalation then still stands in the way of their closure (`escalation-open`): said now, not at
 * the next refusal.
 */
function closeUnresolvedStaffNextStep(escalationLevel: number | undefined): string {
  const resolveFirst =
    ': a case is closed once it is resolved. Resolve it first with a summary (the customer then confirms ' +
    'the resolution, or the case closes itself after the quiet period), or redirect it if it is out of support scope';
  return escalationLevel === undefined
    ? resolveFirst
    : `${resolveFirst}. Its escalation (level ${escalationLevel}) is open: staff close an escalated case ` +
        'only once it is de-escalated with a reason (a licensed user who confirms the resolution ends it too)';
}

/** The refusal of a closed case says what can still be done with it, and till when. */
function closedCaseDetail(outlook: ClosedCaseOutlook | undefined): string {
  if (!outlook)
    return (
      'The case is closed. To continue it, reopen it with a reason while the reopen window after its ' +
      'closure lasts; after that, or for a new problem, open a new case'
    );
  const { closedAt, window, reopenableUntil } = outlook;
  if (outlook.licenceNotInForce === true)
    return outlook.reopenable
      ? `The case was closed at ${closedAt}. ${NOT_IN_FORCE_NEXT_STEP} until ${reopenableUntil} (closed cases ` +
          `can be reopened within ${window}); for a new problem, ${NEW_CASE_UNDER_A_LICENCE_IN_FORCE}`
      : `The case was closed at ${closedAt}, and closed cases can be reopened within ${window} only: ` +
          `for a new problem, ${NEW_CASE_UNDER_A_LICENCE_IN_FORCE}`;
  return outlook.reopenable
    ? `The case was closed at ${closedAt}. To continue it, reopen it with a reason before ${reopenableUntil} ` +
        `(closed cases can be reopened within ${window}); or open a new case`
    : `The case was closed at ${closedAt}, and closed cases can be reopened within ${window} only: ` +
        'open a new case instead';
}

/**
 * The refusal of a redirected case says where it was referred and, as for a closed case, whether
 * and till when it can be reopened: a redirection the customer disputes, or an engineer's slip
 * (wrong target, wrong case), is reopened with a reason; after the window, a new case it is.
 */
function redirectedCaseDetail(
  to: RedirectTarget | undefined,
  outlook: ClosedCaseOutlook | undefined,
): string {
  const referred =
    'The case was redirected out of support scope' +
    (outlook ? ` at ${outlook.closedAt}` : '') +
    (to ? `, to ${REDIRECT_NAMES[to]}` : '');
  const referral = 'the referral in the case says who takes the request on';
  if (!outlook)
    return (
      `${referred}: ${referral}. If it belongs with support after all, reopen it with a reason while the reopen ` +
      'window after its redirection lasts; after that, or for a new problem with the product, open a new case'
    );
  const { window, reopenableUntil } = outlook;
  if (outlook.licenceNotInForce === true && outlook.reopenable)
    return (
      `${referred}: ${referral}. ${NOT_IN_FORCE_NEXT_STEP} until ${reopenableUntil} if it belongs with support ` +
      `after all; for a new problem with the product, ${NEW_CASE_UNDER_A_LICENCE_IN_FORCE}`
    );
  return outlook.reopenable
    ? `${referred}: ${referral}. If it belongs with support after all (or was redirected by mistake), reopen ` +
        `it with a reason before ${reopenableUntil} (redirected cases, like closed ones, can be reopened within ` +
        `${window}); for a new problem with the product, open a new case`
    : `${referred}, and redirected cases can be reopened within ${window} only: ${referral}. ` +
        'For a new problem with the product, open a new case';
}

/** What the refusal of a severity-1 web case knows of the caller's licence (see severityNotAllowedForChannel). */
export interface WebSeverityCaller {
  plan: string;
  /** Whether that plan includes phone support. */
  phone: boolean;
  /** The most urgent severity the policy lets a case be reported at on the web (2 by default). */
  highestWebSeverity: number | undefined;
}

const SEVERITY_ONE_ON_THE_WEB = 'Severity 1 (Production System Down) cannot be reported on the web';

/**
 * Severity 1 is phoned in, and phone support is a plan entitlement: a caller whose plan has it is
 * told to phone; one whose plan has none is told what they can do (the engineer would refuse the
 * phone case as channel-not-entitled); a caller whose plan is not known gets both.
 */
function severityOneOnTheWebDetail(phonePlans: readonly string[], caller?: WebSeverityCaller): string {
  if (caller?.phone)
    return (
      `${SEVERITY_ONE_ON_THE_WEB}: your ${caller.plan} plan includes phone support, so call support by ` +
      'phone, and a support engineer will open the case for you.'
    );
  const highest =
    caller?.highestWebSeverity === undefined
      ? 'the highest severity the web allows'
      : `severity ${caller.highestWebSeverity}, the highest the web allows`;
  if (caller)
    return (
      `${SEVERITY_ONE_ON_THE_WEB}, and your ${caller.plan} plan does not include phone support (it comes ` +
      `with the ${phonePlans.join(' and ')} plans): open the case on the web at ${highest} and say in it ` +
      'that production is down; a support engineer may raise its severity.'
    );
  return (
    `${SEVERITY_ONE_ON_THE_WEB}: call support by phone, and a support engineer will open the case for you. ` +
    `Phone support comes with the ${phonePlans.join(' and ')} plans; on a plan without it, report the case on ` +
    `the web at ${highest}.`
  );
}

const PHONE_CASES_BY_ENGINEER = 'Phone cases are opened by a support engineer during the call';

/**
 * A customer who posts a phone case: phoning is right only on a plan with phone support; on one
 * without, the case is opened on the web (the engineer on the phone would refuse it as
 * channel-not-entitled). A caller whose plan is not known gets both.
 */
function phoneCaseByCustomerDetail(phonePlans: readonly string[], caller?: WebSeverityCaller): string {
  if (caller?.phone)
    return (
      `${PHONE_CASES_BY_ENGINEER}: your ${caller.plan} plan includes phone support, so call support by ` +
      'phone, and a support engineer will open the case for you.'
    );
  if (caller) {
    const highest =
      caller.highestWebSeverity === undefined
        ? 'the highest severity the web allows'
        : `severity ${caller.highestWebSeverity}, the highest the web allows`;
    return (
      `${PHONE_CASES_BY_ENGINEER}, and your ${caller.plan} plan does not include phone support (it comes ` +
      `with the ${phonePlans.join(' and ')} plans): your plan includes web support, so open the case on the ` +
      `web, with channel "web". If production is down, open it at ${highest}, and say so in it; a ` +
      'support engineer may raise its severity.'
    );
  }
  return (
    `${PHONE_CASES_BY_ENGINEER}: on a plan with phone support (the ${phonePlans.join(' and ')} plans), ` +
    'call support by phone, and a support engineer will open the case for you; on a plan without it, open ' +
    'the case on the web, with channel "web".'
  );
}

/** Who adds users to a licence and grants their permissions (DOMAIN.md "Licences and licensed users"). */
function userManagers(holderEmail: string | undefined): string {
  return `the licence holder${holderEmail ? ` (${holderEmail})` : ''} or a licensed user with manage users`;
}

/**
 * Every way a case command can be refused, as factories with stable codes. The code becomes the
 * problem type and the error's `name` (e.g. `severity-not-allowed-for-channel` ->
 * `SeverityNotAllowedForChannel`), so callers and tests match on `code`, never on the message.
 */
export const CaseErrors = {
  // --- validation: the input itself is wrong -----------------------------------------------------
  textLengthOutOfRange: (field: string, min: number, max: number) =>
    new DomainError(
      'text-length-out-of-range',
      'validation',
      `${field} must be between ${min} and ${max} characters long`,
      field,
    ),
  invalidValue: (field: string, allowed: readonly (string | number)[]) =>
    new DomainError('invalid-value', 'validation', `${field} must be one of: ${allowed.join(', ')}`, field),
  invalidEmail: (field: string) =>
    new DomainError('invalid-email', 'validation', `${field} must be an email address`, field),
  /**
   * `phonePlans`: the plans with phone support, so a customer without it is not sent to a phone.
   * `caller`: the plan of the licence the caller may open cases on, when they may (a stranger is
   * not told a licence's plan), so the answer is the one for their plan and not for every plan.
   */
  severityNotAllowedForChannel: (
    severity: number,
    channel: string,
    allowedChannels: readonly string[],
    phonePlans: readonly string[],
    caller?: WebSeverityCaller,
  ) =>
    new DomainError(
      'severity-not-allowed-for-channel',
      'validation',
      severity === 1 && channel === 'web'
        ? severityOneOnTheWebDetail(phonePlans, caller)
        : `Severity ${severity} cases may be reported via ${allowedChannels.join(' or ')}, not ${channel}.`,
      'severity',
    ),
  onBehalfOfRequired: () =>
    new DomainError(
      'on-behalf-of-required',
      'validation',
      'A support engineer opens a case on behalf of a licensed user: onBehalfOf is required',
      'onBehalfOf',
    ),
  onBehalfOfRequiresPhone: () =>
    new DomainError(
      'on-behalf-of-requires-phone',
      'validation',
      'A case opened on behalf of a licensed user comes from a phone call: channel must be phone',
      'channel',
    ),
  licenceAccountMismatch: () =>
    new DomainError(
      'licence-account-mismatch',
      'validation',
      'The licence does not belong to the given account',
      'accountId',
    ),
  severityUnchanged: (severity: number) =>
    new DomainError(
      'severity-unchanged',
      'validation',
      `The case already has severity ${severity}`,
      'severity',
    ),
  cannotShareWithOpener: () =>
    new DomainError(
      'cannot-share-with-opener',
      'validation',
      'The person who opened the case already sees it; it cannot be shared with them',
      'email',
    ),

  // --- forbidden: this actor may not do this ------------------------------------------------------
  readOnlyActor: () =>
    new DomainError(
      'read-only-actor',
      'forbidden',
      'Auditors have read-only access to cases; administrators may comment on them but not work them',
    ),
  caseOpeningNotAllowed: () =>
    new DomainError(
      'case-opening-not-allowed',
      'forbidden',
      'Cases are opened by licensed users, or by a support engineer on behalf of one',
    ),
  onBehalfOfEngineerOnly: () =>
    new DomainError(
      'on-behalf-of-engineer-only',
      'forbidden',
      'Only a support engineer may open a case on behalf of another user',
      'onBehalfOf',
    ),
  /** `phonePlans` and `caller` as for severityNotAllowedForChannel: the advice fits the caller's plan. */
  phoneCasesOpenedByEngineer: (phonePlans: readonly string[], caller?: WebSeverityCaller) =>
    new DomainError(
      'phone-cases-opened-by-engineer',
      'forbidden',
      phoneCaseByCustomerDetail(phonePlans, caller),
      'channel',
    ),
  licenceNotActive: () =>
    new DomainError('licence-not-active', 'forbidden', 'The licence is not active', 'licenceId'),
  /** The licence side's problem, word for word: one licence-expired answer wherever expiry is the reason. */
  licenceExpired: LicenceErrors.expired,
  /**
   * Same code as licenceExpired, for a customer outside the case's account (a case-team member or
   * sharee from another company): the licence's id, last day and renewal are the account's terms,
   * withheld from them as the case's history and detail withhold them (licence GET is 404 to them).
   */
  caseLicenceNotInForce: (openerEmail: string, takesComments: boolean) =>
    new DomainError(
      'licence-expired',
      'forbidden',
      "The customer's licence for this case is not in force, so you cannot reopen the case. A support engineer " +
        `can reopen it, or the customer (ask the person who opened it, ${openerEmail}) once their licence is ` +
        `in force again. ${takesComments ? 'You can still comment on the case' : 'The case is closed, so it takes no comments'}`,
    ),
  notALicensedUser: (email: string, field?: string) =>
    new DomainError(
      'not-a-licensed-user',
      'forbidden',
      `${email} is not a licensed user of this licence; only licensed users can log cases`,
      field,
    ),
  /**
   * Same code as notALicensedUser: the answer differs only in telling the holder the way in. On a
   * licence with no free seat (`seatsLeft` 0) adding themselves is refused (409 seat-limit-reached),
   * so they are told to free a seat first, or get more, as the console's hint tells them.
   */
  holderNotALicensedUser: (
    email: string,
    licenceId: string,
    field?: string,
    seatsLeft?: number | 'unlimited',
  ) =>
    new DomainError(
      'not-a-licensed-user',
      'forbidden',
      `${email} holds licence ${licenceId} but is not one of its licensed users; only licensed users can log ` +
        (seatsLeft === 0
          ? 'cases. The licence has no free seat: the holder can free a seat (remove a user or withdraw a pending ' +
            `invitation) and then add themselves with POST /v1/licences/${licenceId}/users, or ask their account ` +
            'manager for more seats; once added, they complete registration'
          : `cases. The holder can add themselves with POST /v1/licences/${licenceId}/users (this takes a seat) and ` +
            'then complete registration') +
        '; as a user with see shared tickets they would also see the cases colleagues with share tickets open',
      field,
    ),
  licensedUserRemoved: (email: string, field?: string) =>
    new DomainError(
      'licensed-user-removed',
      'forbidden',
      `${email} was removed from this licence; ask the licence holder to add them again to log cases`,
      field,
    ),
  /**
   * Names the request that completes the registration, as the invitation mail does: the invitee
   * sends it with their own token (the console's "Complete registration" button does). An engineer
   * phoning on their behalf (`field` onBehalfOf) cannot send it for them.
   */
  licensedUserNotActive: (email: string, licenceId: string, field?: string) =>
    new DomainError(
      'licensed-user-not-active',
      'forbidden',
      `${email} has not completed registration yet; access to log cases is granted once it is complete. ` +
        (field
          ? `${email} completes it by sending POST ${activationPath(licenceId, email)} (no body) with their own ` +
            "bearer token, or with the console's Complete registration button (an admin may send it too)"
          : `Complete it by sending POST ${activationPath(licenceId, email)} (no body) with your bearer token, ` +
            "or with the Complete registration button on the console's My cases or New case page"),
      field,
    ),
  channelNotEntitled: (channel: string, plan: string) =>
    new DomainError(
      'channel-not-entitled',
      'forbidden',
      `The ${plan} support plan does not include ${channel} support`,
      'channel',
    ),
  severityChangeEngineerOnly: () =>
    new DomainError(
      'severity-change-engineer-only',
      'forbidden',
      'Only a support engineer may change severity; ask for a change through an escalation or a comment',
    ),
  /**
   * For staff who may work a case but not raise its escalation: past requireCaseWriter, that is a
   * CSM (auditors are read-only, admins operate the system). The CSM of a key account is the person
   * most likely to try: they are told what is theirs in an escalation, and whom to ask to raise it.
   */
  escalationNotAllowed: () =>
    new DomainError(
      'escalation-not-allowed',
      'forbidden',
      'A CSM acknowledges escalations, posts their status updates and de-escalates them; raising one is for a ' +
        'support engineer, or a licensed user of the customer who sees the case. Ask an engineer to escalate it (an ' +
        'internal note on the case reaches its assignee and the engineers who worked on it), or the customer to ' +
        'request it',
    ),
  /** Same code as escalationNotAllowed, for someone the case is shared with: following is not escalating. */
  escalationBySharedUser: (email: string, openerEmail: string | undefined) =>
    new DomainError(
      'escalation-not-allowed',
      'forbidden',
      `The case is shared with you (${email}), which lets you follow it and comment on it; an escalation is ` +
        'requested by a licensed user of the customer who sees the case, or raised by a support engineer. ' +
        (openerEmail
          ? `Ask the person who opened it (${openerEmail}) to escalate it, or ask support to in a comment on the case`
          : 'The person who opened it cannot escalate it now either (no licence of theirs with the customer is in ' +
            'force): ask support to escalate it, in a comment on the case'),
    ),
  /**
   * Same code as escalationNotAllowed, for a customer who sees the case without a licence of its
   * account in force: a member of the account's case team (the one way left, DOMAIN.md "Who may see
   * a case"), a pending invitee among them.
   */
  escalationByCaseTeamMember: (email: string, openerEmail: string | undefined) =>
    new DomainError(
      'escalation-not-allowed',
      'forbidden',
      `You (${email}) follow this case as a member of its account's case team, not as a registered user of one ` +
        "of the account's licences; an escalation is requested by a licensed user who sees the case, or raised by " +
        'a support engineer. ' +
        (openerEmail
          ? `Ask the person who opened it (${openerEmail}) or another licensed user to escalate it, or ask support ` +
            'to in a comment on the case'
          : 'The person who opened it cannot escalate it now (no licence of theirs with the account is in force): ' +
            'ask a licensed user of the account whose licence is in force to escalate it, or ask support to in a ' +
            'comment on the case'),
    ),
  /** Same code as escalationNotAllowed, for an opener no longer a registered user of the case's licence (invited again, say). */
  escalationByUnregisteredOpener: (email: string, holderEmail?: string) =>
    new DomainError(
      'escalation-not-allowed',
      'forbidden',
      `You (${email}) opened this case but are not a registered user of its licence now, and an escalation is ` +
        'requested by a licensed user: complete your registration if you were invited again, or ask ' +
        `${userManagers(holderEmail)} to add you. Meanwhile you can still comment on the case, and a licensed ` +
        'colleague who sees it, or a support engineer, can escalate it',
    ),
  /** Same code as escalationNotAllowed, for a user removed from the case's licence: says so, and who can help. */
  escalationByRemovedUser: (email: string, holderEmail?: string) =>
    new DomainError(
      'escalation-not-allowed',
      'forbidden',
      `You (${email}) were removed from this case's licence, and an escalation is requested by a licensed user; ask ` +
        `${userManagers(holderEmail)} to add you again. Meanwhile you can still comment on the case, and a licensed ` +
        'colleague who sees it, or a support engineer, can escalate it',
    ),
  /**
   * A customer's closure of an escalated case ends the escalation, which only someone who may
   * escalate (a licensed user) may do; the person refused is told who can.
   */
  /**
   * `closer`: who can close it instead (close-case.ts whoCanClose), the opener or the escalation's
   * requester; none when neither can (their licence ended, say): a licensed colleague or support then.
   */
  escalatedClosureNotAllowed: (
    level: number,
    closer: { email: string; as: 'opener' | 'requester' } | undefined,
  ) =>
    new DomainError(
      'escalated-closure-not-allowed',
      'forbidden',
      `The case has an open escalation (level ${level}), which closing it would end: while it is open, the case is ` +
        'closed only by a licensed user who sees it (case-team members and people a case is shared with follow it ' +
        'without a licence). ' +
        (closer === undefined
          ? 'The person who opened it cannot close it now (no licence of theirs with the account is in force): ask ' +
            'a licensed user of the account whose licence is in force who sees it to close it, or support to ' +
            'de-escalate it first'
          : `Ask ${closer.as === 'opener' ? 'the person who opened it' : 'the person who requested the escalation'} ` +
            `(${closer.email}) or another licensed user to close it, or support to de-escalate it first`),
    ),
  /**
   * Same code as escalatedClosureNotAllowed, for the case's own opener, who is not a licensed user of
   * the account now (`why`: their licence ended, they were removed from it, or are not registered on
   * it): they are told why, and who can end the escalation instead, never to ask themselves.
   */
  escalatedClosureByOpener: (level: number, why: string, remedy: string) =>
    new DomainError(
      'escalated-closure-not-allowed',
      'forbidden',
      `The case has an open escalation (level ${level}), which closing it would end, and while it is open the case ` +
        `is closed only by a licensed user of the account who sees it. You opened it, but ${why}, so you no longer ` +
        `count as one. Ask support to de-escalate it first (in a comment on the case), or a licensed colleague who ` +
        `sees it to close it; ${remedy}`,
    ),
  escalationHandlingStaffOnly: () =>
    new DomainError(
      'escalation-handling-staff-only',
      'forbidden',
      'Escalations are acknowledged, updated and de-escalated by a support engineer or the CSM',
    ),
  internalCommentStaffOnly: () =>
    new DomainError(
      'internal-comment-staff-only',
      'forbidden',
      'Internal notes are written by support staff only',
      'internal',
    ),
  assigneeIsCustomer: (email: string, role: string) =>
    new DomainError(
      'assignee-not-staff',
      'validation',
      `engineer: ${email} is known as a customer (${role}); a case is assigned to support staff only`,
      'engineer',
    ),
  assigneeUnvouched: (email: string) =>
    new DomainError(
      'assignee-not-known-staff',
      'validation',
      `engineer: nothing vouches for ${email} as support staff, and the assignee is told everything on the case, internal notes included; ` +
        'check the address, or have its owner take a case themselves first (or list their email domain in STAFF_EMAIL_DOMAINS)',
      'engineer',
    ),
  assigneeCannotSeeCase: (email: string) =>
    new DomainError(
      'assignee-cannot-see-case',
      'validation',
      `engineer: ${email} is the CSM of other accounts and cannot see this case (a CSM sees only their own accounts' cases), ` +
        "yet the assignee is told everything on it, internal notes included; assign an engineer, or the account's CSM",
      'engineer',
    ),
  engineerOnly: (action: string) =>
    new DomainError('engineer-only', 'forbidden', `Only a support engineer may ${action}`),
  sharingNotAllowed: () =>
    new DomainError(
      'sharing-not-allowed',
      'forbidden',
      'A case is shared by a support engineer, or by its opener when they have the share tickets permission',
    ),
  /** The opener is refused for want of the permission: say which one, and who grants it. */
  shareTicketsNotHeld: (holderEmail?: string) =>
    new DomainError(
      'sharing-not-allowed',
      'forbidden',
      'You opened this case but do not have the share tickets permission on its licence, so you cannot share it; ask ' +
        `${userManagers(holderEmail)} to grant it, or a support engineer to share the case for you`,
    ),
  /** The opener was removed from the case's licence: they keep their case, not the licence's permissions. */
  sharingByRemovedUser: (email: string, holderEmail?: string) =>
    new DomainError(
      'sharing-not-allowed',
      'forbidden',
      `You (${email}) were removed from this case's licence, so you can no longer share the case (as its opener, ` +
        `you still see it and can comment); ask ${userManagers(holderEmail)} to add you again, or a support engineer to share it`,
    ),
  missingContext: (field: string, command: string) =>
    new Error(`${command} needs ${field} in its decision context; the application did not provide it`),
  systemOnly: (command: string) =>
    new DomainError(
      'system-only',
      'forbidden',
      `${command} is sent by Casetrail's own processes (SLA timers, mission-critical review), not by people`,
    ),

  // --- not-found ----------------------------------------------------------------------------------
  caseNotFound: (caseId: string) =>
    new DomainError('case-not-found', 'not-found', `Case ${caseId} not found`),
  licenceNotFound: (licenceId: string) =>
    new DomainError('licence-not-found', 'not-found', `Licence ${licenceId} not found`, 'licenceId'),
  shareNotFound: (email: string) =>
    new DomainError('case-share-not-found', 'not-found', `The case is not shared with ${email}`, 'email'),

  // --- conflict: the case's current state does not allow it ----------------------------------------
  caseAlreadyExists: (caseId: string) =>
    new DomainError('case-already-exists', 'conflict', `Case ${caseId} already exists`),
  /** `outlook`: whether it can still be reopened at the refused command's instant (see closedCaseOutlook). */
  caseClosed: (outlook?: ClosedCaseOutlook) =>
    new DomainError('case-closed', 'conflict', closedCaseDetail(outlook)),
  /**
   * `to`: where it was referred; `outlook`: whether it can still be reopened at the refused
   * command's instant (see closedCaseOutlook), as a closed case can.
   */
  caseRedirected: (to?: RedirectTarget, outlook?: ClosedCaseOutlook) =>
    new DomainError('case-redirected', 'conflict', redirectedCaseDetail(to, outlook)),
  /**
   * Closing a case that is not resolved, with the next step for who asked: a customer comments, or
   * escalates when they may and it is not escalated yet (`mayEscalate`, `escalationLevel`); staff
   * resolve (and de-escalate an open escalation).
   */
  closeUnresolved: (
    status: string,
    asker: { staff: boolean; escalationLevel?: number; mayEscalate?: boolean },
  ) =>
    new DomainError(
      'invalid-case-transition',
      'conflict',
      `Cannot close a case that is ${status}` +
        (asker.staff
          ? closeUnresolvedStaffNextStep(asker.escalationLevel)
          : closeUnresolvedCustomerNextStep(asker.escalationLevel, asker.mayEscalate === true)),
    ),
  invalidTransition: (action: string, status: string) =>
    new DomainError('invalid-case-transition', 'conflict', `Cannot ${action} a case that is ${status}`),
  /**
   * A second question while the first waits: the engineer learns it can still be asked, as a public
   * comment, without the clock starting again (only the customer's answer resumes it).
   */
  alreadyAwaitingCustomer: () =>
    new DomainError(
      'invalid-case-transition',
      'conflict',
      'Cannot request information on a case that is awaiting-customer: the case already waits for the ' +
        "customer's answer. Add a public comment to ask more; the resolution clock stays paused until " +
        'the customer answers',
    ),
  caseNotEscalated: () =>
    new DomainError('case-not-escalated', 'conflict', 'The case has no open escalation'),
  /**
   * Names who acknowledged it and when: the engineer who lost the race learns which colleague now
   * owes the status updates, and when the next one is due, without opening the history.
   */
  escalationAlreadyAcknowledged: (
    acknowledged: {
      level: number;
      acknowledgedBy: string;
      acknowledgedAt: string;
      nextStatusUpdateDueAt: string;
    },
    /** What the caller can do instead (see alreadyAcknowledged). */
    nextStep?: string,
  ) =>
    new DomainError(
      'escalation-already-acknowledged',
      'conflict',
      `The escalation (level ${acknowledged.level}) is already acknowledged, by ${acknowledged.acknowledgedBy} ` +
        `at ${acknowledged.acknowledgedAt}; its next status update is due by ${acknowledged.nextStatusUpdateDueAt}` +
        (nextStep ? `. ${nextStep}` : ''),
    ),
  /**
   * Staff closing or redirecting a case would end its open escalation without a reason (a
   * redirection also locks the customer out of the case); a customer who may escalate may still
   * close it, confirming the resolution.
   */
  escalationOpen: (
    escalation: EscalationAwaitingAcknowledgement | AcknowledgedEscalation,
    caseId: string,
    action: 'close' | 'redirect',
  ) =>
    new DomainError(
      'escalation-open',
      'conflict',
      // The steps the de-escalation decider accepts: one nobody acknowledged is acknowledged first.
      `The escalation (level ${escalation.level}) is still open: ${stepsToEndEscalation(escalation, caseId)} before ` +
        (action === 'close'
          ? 'closing the case (only a licensed user of the customer, by confirming the resolution, closes an escalated case)'
          : 'redirecting the case out of support scope (the customer could no longer follow the escalation up)'),
    ),
  /**
   * DOMAIN.md "Escalation": acknowledged promptly by an engineer, who then posts status updates
   * until it is de-escalated. Ending one nobody acknowledged would leave the board unable to tell an
   * escalation dismissed unseen from one handled (finding N6).
   */
  deEscalationUnacknowledged: (
    escalation: { level: number; acknowledgementDueAt: string },
    caseId: string,
    overdue: boolean,
  ) =>
    new DomainError(
      'escalation-not-acknowledged',
      'conflict',
      `The escalation (level ${escalation.level}) was never acknowledged (its acknowledgement is due by ` +
        `${escalation.acknowledgementDueAt}${overdue ? ', overdue' : ''}): ${acknowledgeItFirst(caseId)}, ` +
        'then de-escalate it with a reason; the history and the escalations board then say ' +
        'who took it on before it ended',
    ),
  escalationNotAcknowledged: () =>
    new DomainError(
      'escalation-not-acknowledged',
      'conflict',
      'Acknowledge the escalation before posting status updates',
    ),
  commentAlreadyExists: (commentId: string) =>
    new DomainError(
      'comment-already-exists',
      'conflict',
      `A different comment with id ${commentId} already exists`,
      'commentId',
    ),
  reopenWindowElapsed: (closedAt: string, window: string) =>
    new DomainError(
      'reopen-window-elapsed',
      'conflict',
      `The case was closed at ${closedAt}; closed cases can be reopened within ${window}. Open a new case instead`,
    ),
  /**
   * A redirected case is reopened as a closed one is (reopenCase), so past the window its reopening
   * is refused as a closed case's is, in the same words, naming the referral it was closed with.
   */
  redirectedReopenWindowElapsed: (to: RedirectTarget, outlook: ClosedCaseOutlook) =>
    new DomainError(
      'reopen-window-elapsed',
      'conflict',
      `The case was redirected out of support scope at ${outlook.closedAt}, to ${REDIRECT_NAMES[to]}; redirected ` +
        `cases can be reopened within ${outlook.window}. Open a new case instead (the referral in the case says ` +
        'who takes the redirected request on)',
    ),
  caseAlreadyShared: (email: string) =>
    new DomainError('case-already-shared', 'conflict', `The case is already shared with ${email}`, 'email'),
  autoCloseNoLongerDue: () =>
    new DomainError(
      'auto-close-no-longer-due',
      'conflict',
      'The case changed since its automatic closure was scheduled; it stays open',
    ),
} as const;
