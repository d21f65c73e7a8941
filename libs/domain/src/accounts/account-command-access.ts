import { assertNever } from '../shared/decider';
import {
  actorHasRole,
  ActorIdentity,
  isReadOnlyAuditor,
  requireStaffTokenWithoutAuditor,
} from './actor-identity';
import { AccountCommand, ChangeNotificationPreference } from './account.commands';
import { AccountErrors } from './account.errors';
import { findCaseTeamMember, requireRegisteredAccount } from './account.queries';
import { AccountState } from './account.state';
import { recordedEmail, sameEmail } from './email-address';

/**
 * The account decider's first checks, before any other: the account exists (but for a
 * registration) and the actor may make this command on it (the API's "who" column). Throws the
 * refusal the decider gives. Apart so that the API can run them before it compares an If-Match
 * revision too: a caller who may not act gets this same refusal, never a 412 naming the account's
 * revision, which would tell an outsider that the account exists and how often it changes.
 */
export function requireMayActOnAccount(command: AccountCommand, state: AccountState): void {
  const { actor } = command;
  requireStaffTokenWithoutAuditor(actor);
  if (command.type === 'RegisterAccount') {
    if (!actorHasRole(actor, 'admin')) throw AccountErrors.registrationRequiresAdmin();
    return;
  }
  requireRegisteredAccount(state);
  switch (command.type) {
    case 'ChangeAccountDetails':
      if (!actorHasRole(actor, 'admin')) throw AccountErrors.detailsChangeRequiresAdmin();
      return;
    case 'AssignCustomerSuccessManager':
    case 'UnassignCustomerSuccessManager':
      if (!actorHasRole(actor, 'admin')) throw AccountErrors.csmAssignmentRequiresAdmin();
      return;
    case 'AddCaseTeamMember':
    case 'RemoveCaseTeamMember':
      return requireCaseTeamManager(actor);
    case 'ChangeNotificationPreference':
      return requireMayChangeNotificationPreference(command, state);
    default:
      return assertNever(command);
  }
}

function requireCaseTeamManager(actor: ActorIdentity): void {
  if (!actorHasRole(actor, 'engineer', 'admin')) throw AccountErrors.caseTeamManagementRequiresStaff();
}

/**
 * The member may opt out (or back in) themselves; staff may do it on their behalf. Anyone can name
 * their own email, so for the member it is being on this account's case team that makes the
 * preference theirs to change.
 */
function requireMayChangeNotificationPreference(
  { data, actor }: ChangeNotificationPreference,
  account: AccountState,
): void {
  const email = recordedEmail(data.email, 'email');
  if (actorHasRole(actor, 'engineer', 'admin')) return;
  const self = sameEmail(actor.email, email) && !isReadOnlyAuditor(actor);
  if (!self) throw AccountErrors.notificationPreferenceChangeNotAllowed();
  if (!findCaseTeamMember(account, email)) throw AccountErrors.caseTeamMemberNotFound(email);
}
