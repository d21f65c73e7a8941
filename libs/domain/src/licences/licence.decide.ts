import { recordedEmail, requireEmail } from '../accounts/email-address';
import { refuseKnownStaff } from '../accounts/known-staff-refusal';
import { requireFlag, requireOneLineText } from '../accounts/required-fields';
import { assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { givenReason, optionalReason } from '../shared/optional-reason';
import { changeLicenceHolder } from './change-licence-holder';
import { changeLicenceTerms } from './change-licence-terms';
import { accessPromiseHours, InvitationErrors, resendInvitation } from './resend-invitation';
import { requireWithinDelegateLimits } from './delegate-limits';
import { requireNotSubAddressOfUser } from './sub-address-rule';
import { requireCompanyEmailDomain } from './email-domain-rules';
import { requireIndividualAddress } from './group-mailbox';
import { requireCustomerHolder } from './licence-holder-address';
import { requireMayActOnLicence } from './licence-command-access';
import {
  AssignLicensedUser,
  ChangeUserPermissions,
  CompleteRegistration,
  IssueLicence,
  LicenceCommand,
  LicenceDecisionContext,
  RemoveLicensedUser,
} from './licence.commands';
import { LicenceErrors } from './licence.errors';
import { LicenceEvent } from './licence.events';
import { IssuedLicence, LicenceState } from './licence.state';
import { isBeforeExpiry, newLicenceExpiry } from './licence-expiry';
import { seatsAdmit, seatsHeld } from './licence-seats';
import { findLicensedUser } from './licensed-user-access';
import { LICENSED_USER_PERMISSION_NAMES, LicensedUserPermissions } from './licensed-user-permissions';
import { requireEdition, requirePlan, requireSeats } from './required-licence-terms';
import { requireComposedName, requireKnownSpelling } from './product-names';

/**
 * Decides a licence command. Checks run in a fixed order: the licence exists and the actor may act
 * (requireMayActOnLicence: the API's "who" column is enforced here, so every entry point obeys it),
 * the input is valid, and finally the licence's current state allows the change. A change that
 * alters nothing yields no event.
 */
export function decideLicence(
  command: LicenceCommand,
  state: LicenceState,
  context: LicenceDecisionContext,
): LicenceEvent[] {
  requireMayActOnLicence(command, state, context);
  switch (command.type) {
    case 'IssueLicence':
      return issueLicence(command, state, context);
    case 'AssignLicensedUser':
      return assignLicensedUser(command, requireIssued(state), context);
    case 'CompleteRegistration':
      return completeRegistration(command, requireIssued(state));
    case 'ChangeUserPermissions':
      return changeUserPermissions(command, requireIssued(state));
    case 'RemoveLicensedUser':
      return removeLicensedUser(command, requireIssued(state));
    case 'ChangeLicenceTerms':
      return changeLicenceTerms(command, requireIssued(state));
    case 'ChangeLicenceHolder':
      return changeLicenceHolder(command, requireIssued(state), context);
    case 'ResendInvitation':
      return resendInvitation(command, requireIssued(state), context);
    default:
      return assertNever(command);
  }
}

/** Narrows the state for the command's checks; that the licence exists was checked first. */
function requireIssued(state: LicenceState): IssuedLicence {
  if (state.status !== 'issued') throw LicenceErrors.notFound();
  return state;
}

function issueLicence(
  { data, at }: IssueLicence,
  state: LicenceState,
  context: LicenceDecisionContext,
): LicenceEvent[] {
  const licenceId = requireOneLineText(data.licenceId, 'licenceId');
  const accountId = requireOneLineText(data.accountId, 'accountId');
  const product = requireComposedName(data.product, 'product');
  requireKnownSpelling(product, context.knownProducts ?? []);
  const edition = requireEdition(data.edition);
  const plan = requirePlan(data.plan);
  const expiresAt = newLicenceExpiry(data.activeUntil);
  if (!isBeforeExpiry(expiresAt, at)) throw LicenceErrors.activeUntilInPast(data.activeUntil);
  const seats = data.seats === undefined ? 'unlimited' : requireSeats(data.seats);
  const holderEmail = requireEmail(data.holderEmail, 'holderEmail');
  requireCustomerHolder(holderEmail, context, 'holderEmail');
  if (state.status === 'issued') throw LicenceErrors.alreadyIssued(state.licenceId);
  return [
    {
      type: 'LicenceIssued',
      data: {
        licenceId,
        accountId,
        product,
        edition,
        plan,
        activeUntil: data.activeUntil.trim(),
        expiresAt,
        seats,
        holderEmail,
        at,
      },
    },
  ];
}

function assignLicensedUser(
  { data, at, actor }: AssignLicensedUser,
  licence: IssuedLicence,
  context: LicenceDecisionContext,
): LicenceEvent[] {
  const email = requireEmail(data.email, 'email');
  requireIndividualAddress(
    email,
    context.groupMailboxPatterns,
    'email',
    'Licensed users must register with their own individual company email address; group emails are not ' +
      'supported by the support portal.',
  );
  requireCompanyEmailDomain(email, context.emailDomainRules);
  const firstName = requireOneLineText(data.firstName, 'firstName');
  const lastName = requireOneLineText(data.lastName, 'lastName');
  const company = requireOneLineText(data.company, 'company');
  const country = requireOneLineText(data.country, 'country');
  const permissions = requirePermissions(data.permissions);
  const reason = optionalReason(data.reason);
  if (!isBeforeExpiry(licence.expiresAt, at))
    throw LicenceErrors.expired(licence, licence.activeUntil, 'users can be assigned to it again', {
      field: 'licenceId',
      toStaff: actor.roles.length > 0,
      askedBy: actor.email,
    });
  const already = findLicensedUser(licence, email);
  if (already?.status === 'pending')
    throw InvitationErrors.alreadyInvited(email, licence.licenceId, already.invitedAt);
  if (already) throw LicenceErrors.userAlreadyAssigned(email);
  requireNotSubAddressOfUser(licence, email);
  refuseKnownStaff(context.userKnownStaff, email, {
    code: 'licensed-user-is-staff',
    field: 'email',
    place: 'a licensed user is a customer: invite the customer’s own address',
  });
  requireWithinDelegateLimits(licence, actor, { email, permissions });
  if (licence.seats !== 'unlimited' && !seatsAdmit(licence.seats, seatsHeld(licence) + 1)) {
    throw LicenceErrors.seatLimitReached(licence.seats);
  }
  return [
    {
      type: 'LicensedUserAssigned',
      data: {
        ...ids(licence),
        email,
        firstName,
        lastName,
        company,
        country,
        permissions,
        ...(context.pendingInvitationFollowUpHours === undefined
          ? {}
          : { accessPromisedWithinHours: accessPromiseHours(context) }),
        ...givenReason(reason),
        at,
      },
    },
  ];
}

function completeRegistration(
  { data, at, actor }: CompleteRegistration,
  licence: IssuedLicence,
): LicenceEvent[] {
  const email = recordedEmail(data.email, 'email');
  const user = findLicensedUser(licence, email);
  if (!user) throw LicenceErrors.userNotFound(email);
  // Access to log cases is granted at registration, and an expired licence grants none: saying
  // "registered" (even to a second click of the link) would promise access the user does not have.
  if (!isBeforeExpiry(licence.expiresAt, at))
    throw LicenceErrors.expired(licence, licence.activeUntil, 'registration can be completed', {
      field: 'licenceId',
      toStaff: actor.roles.length > 0,
      askedBy: actor.email,
    });
  // Following the invitation link twice is harmless: the user is already registered.
  if (user.status === 'active') return [];
  return [{ type: 'LicensedUserRegistrationCompleted', data: { ...ids(licence), email, at } }];
}

function changeUserPermissions(
  { data, at, actor }: ChangeUserPermissions,
  licence: IssuedLicence,
): LicenceEvent[] {
  const email = recordedEmail(data.email, 'email');
  const reason = optionalReason(data.reason);
  const user = findLicensedUser(licence, email);
  if (!user) throw LicenceErrors.userNotFound(email);
  if (typeof data.permissions !== 'object' || data.permissions === null) {
    throw new DomainError('field-required', 'validation', 'permissions is required', 'permissions');
  }
  const permissions = requirePermissions({ ...user.permissions, ...data.permissions });
  const unchanged = LICENSED_USER_PERMISSION_NAMES.every(
    (name) => permissions[name] === user.permissions[name],
  );
  if (unchanged) return [];
  requireWithinDelegateLimits(licence, actor, { email, permissions });
  return [
    {
      type: 'LicensedUserPermissionsChanged',
      data: {
        ...ids(licence),
        email,
        permissions,
        previousPermissions: user.permissions,
        ...givenReason(reason),
        at,
      },
    },
  ];
}

/**
 * Anyone on the licence may be removed by the holder or an admin, the holder's own user record
 * included: the holder's right to manage users comes from `holderEmail`, so they can always add
 * themselves back. A delegate may not remove the holder's entry nor another manager's
 * (requireWithinDelegateLimits).
 */
function removeLicensedUser({ data, at, actor }: RemoveLicensedUser, licence: IssuedLicence): LicenceEvent[] {
  const email = recordedEmail(data.email, 'email');
  const reason = optionalReason(data.reason);
  const user = findLicensedUser(licence, email);
  if (!user) throw LicenceErrors.userNotFound(email);
  requireWithinDelegateLimits(licence, actor, { email });
  // A pending invitee never had cases to keep: their mail says the invitation was withdrawn.
  const withdrawn = user.status === 'pending' ? { invitationWithdrawn: true as const } : {};
  return [
    {
      type: 'LicensedUserRemoved',
      data: { ...ids(licence), email, ...withdrawn, ...givenReason(reason), at },
    },
  ];
}

function ids(licence: IssuedLicence): { licenceId: string; accountId: string } {
  return { licenceId: licence.licenceId, accountId: licence.accountId };
}

function requirePermissions(permissions: unknown): LicensedUserPermissions {
  const given = (typeof permissions === 'object' && permissions !== null ? permissions : {}) as Record<
    string,
    unknown
  >;
  // Rebuilt field by field so unknown keys in the request never reach an event.
  return {
    manageUsers: requireFlag(given.manageUsers, 'permissions.manageUsers'),
    shareTickets: requireFlag(given.shareTickets, 'permissions.shareTickets'),
    seeSharedTickets: requireFlag(given.seeSharedTickets, 'permissions.seeSharedTickets'),
  };
}
