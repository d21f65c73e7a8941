import {
  ActorIdentity,
  actorHasRole,
  isReadOnlyAuditor,
  requireStaffTokenWithoutAuditor,
} from '../accounts/actor-identity';
import { normalizeEmail, recordedEmail, sameEmail } from '../accounts/email-address';
import { assertNever } from '../shared/decider';
import type { DomainError } from '../shared/domain-error';
import { HolderErrors, mayChangeLicenceHolder } from './change-licence-holder';
import { isBeforeExpiry } from './licence-expiry';
import { nonPartyRefusal } from './licence-acquaintance';
import { CompleteRegistration, LicenceCommand, LicenceDecisionContext } from './licence.commands';
import { LicenceErrors } from './licence.errors';
import { IssuedLicence, LicenceState } from './licence.state';
import { findLicensedUser, mayManageLicensedUsers } from './licensed-user-access';

/**
 * The licence decider's first checks, before any other: the licence exists (but for an issuance)
 * and the actor may make this command on it (the API's "who" column). Throws the refusal the
 * decider gives. Apart so that the API can run them before it compares an If-Match revision too:
 * a caller who may not act gets this same refusal, never a 412 naming the licence's revision, which
 * would tell an outsider that the licence exists and how often its users change.
 * A customer who is no party to the licence but is shown it in their account view (a colleague;
 * `actorSeesAccountLicences`, which the application looks up) is told why they may not act (403),
 * not that the licence does not exist (see nonPartyRefusal).
 */
export function requireMayActOnLicence(
  command: LicenceCommand,
  state: LicenceState,
  { actorSeesAccountLicences = false }: Pick<LicenceDecisionContext, 'actorSeesAccountLicences'> = {},
): void {
  const { actor, at } = command;
  requireStaffTokenWithoutAuditor(actor);
  if (command.type === 'IssueLicence') {
    if (!actorHasRole(actor, 'admin')) throw LicenceErrors.issuanceRequiresAdmin();
    return;
  }
  if (state.status !== 'issued') throw LicenceErrors.notFound();
  // A stranger who is shown the licence in the account view knows it exists: refused below (403).
  const stranger = isStrangerToLicence(state, actor);
  if (stranger && !actorSeesAccountLicences) throw LicenceErrors.notFound();
  switch (command.type) {
    case 'AssignLicensedUser':
    case 'ChangeUserPermissions':
    case 'RemoveLicensedUser':
    case 'ResendInvitation':
      if (stranger) throw nonPartyRefusal(state, true, MANAGERS_RULE);
      if (!mayManageLicensedUsers(state, actor, at))
        throw userManagementRefusal(state, actor, at, command.type);
      return;
    case 'ChangeLicenceTerms':
      if (!actorHasRole(actor, 'admin')) throw LicenceErrors.termsChangeRequiresAdmin();
      return;
    case 'CompleteRegistration':
      return requireMayCompleteRegistration(command, state);
    case 'ChangeLicenceHolder':
      if (stranger) throw nonPartyRefusal(state, true, HOLDER_CHANGE_RULE);
      if (!mayChangeLicenceHolder(state, actor)) throw HolderErrors.changeNotAllowed();
      return;
    default:
      return assertNever(command);
  }
}

const HOLDER_CHANGE_RULE = 'only its holder and an admin hand it over to another holder';

const MANAGERS_RULE = 'only its holder and its users with the manage-users permission manage its users';

/**
 * A customer with no tie to the licence: neither its holder nor on its roster (pending or active),
 * and no staff role. No command of theirs can succeed on it, and they are answered as for a licence
 * that does not exist (404), as cases answer those who may not see them (DOMAIN.md: "never a hint
 * that the case exists"): a 403 would tell a customer of another company that the id is a licence.
 * Staff (engineers, CSMs, admins, auditors) know the vendor's licences exist and keep their 403,
 * as does a colleague the account view shows the licence to (see nonPartyRefusal).
 */
export function isStrangerToLicence(licence: IssuedLicence, actor: ActorIdentity): boolean {
  if (actorHasRole(actor, 'engineer', 'csm', 'admin', 'auditor')) return false;
  if (normalizeEmail(actor.email) === licence.holderEmail) return false;
  return findLicensedUser(licence, actor.email) === undefined;
}

/**
 * Why someone may not manage the licence's users, naming who can. A user who holds manage-users on
 * a licence that has expired lost the permission with the licence, not by anyone's decision: they
 * are told the licence expired and who can still act (not that only managers may manage users,
 * which they are): for an invitation or its resend nobody, the holder and admins neither, until it
 * is renewed; for a change or removal its holder (by address) or an admin.
 */
function userManagementRefusal(
  licence: IssuedLicence,
  actor: ActorIdentity,
  at: string,
  type: 'AssignLicensedUser' | 'ChangeUserPermissions' | 'RemoveLicensedUser' | 'ResendInvitation',
): DomainError {
  const user = findLicensedUser(licence, actor.email);
  const holder = licence.holderEmail;
  const lapsedManager =
    !isReadOnlyAuditor(actor) &&
    user?.status === 'active' &&
    user.permissions.manageUsers &&
    !isBeforeExpiry(licence.expiresAt, at);
  // A pending invitee is not shown the holder (licenceSightOf); staff and registered users are.
  if (!lapsedManager)
    return LicenceErrors.userManagementNotAllowed(user?.status === 'pending' ? undefined : holder);
  const inviting = type === 'AssignLicensedUser' || type === 'ResendInvitation';
  return LicenceErrors.expired(licence, licence.activeUntil, 'your manage-users permission applies again', {
    field: 'licenceId',
    askedBy: actor.email,
    meanwhile: inviting
      ? `Until then nobody can invite users to it or send an invitation again, its holder (${holder}) and admins neither`
      : `Until then, its holder (${holder}) or an admin can change or remove its users`,
  });
}

/**
 * The user themselves or an admin. Anyone can name their own email, so for the user it is being
 * invited to this licence that makes the registration theirs to complete.
 */
function requireMayCompleteRegistration({ data, actor }: CompleteRegistration, licence: LicenceState): void {
  const email = recordedEmail(data.email, 'email');
  const self = sameEmail(actor.email, email) && !isReadOnlyAuditor(actor);
  if (!self && !actorHasRole(actor, 'admin')) throw LicenceErrors.registrationCompletionNotAllowed();
  if (!findLicensedUser(licence, email)) throw LicenceErrors.userNotFound(email);
}
