import { DomainError } from '../shared/domain-error';

/** The account decider's errors, in one place so codes stay stable. */
export const AccountErrors = {
  notFound: () => new DomainError('account-not-found', 'not-found', 'No account is registered with this id'),
  alreadyRegistered: (accountId: string) =>
    new DomainError('account-already-registered', 'conflict', `Account ${accountId} is already registered`),
  invalidTimeZone: (timeZone: string) =>
    new DomainError(
      'invalid-time-zone',
      'validation',
      `"${timeZone}" is not an IANA time zone (for example Europe/Sofia or America/New_York)`,
      'timeZone',
    ),
  unknownCalendar: (calendar: unknown, calendarNames: readonly string[]) =>
    new DomainError(
      'unknown-calendar',
      'validation',
      `${JSON.stringify(calendar)} is not a calendar of the support policy (${
        calendarNames.length === 0 ? 'it has none besides the default' : `it has ${calendarNames.join(', ')}`
      }); null means the default calendar`,
      'calendar',
    ),
  caseTeamMemberAlreadyAdded: (email: string) =>
    new DomainError(
      'case-team-member-already-added',
      'conflict',
      `${email} is already on the case team`,
      'email',
    ),
  caseTeamMemberNotFound: (email: string) =>
    new DomainError('case-team-member-not-found', 'not-found', `${email} is not on the case team`, 'email'),
  registrationRequiresAdmin: () =>
    new DomainError(
      'account-registration-requires-admin',
      'forbidden',
      'Only an admin may register accounts',
    ),
  csmIsCustomer: (email: string, role: string) =>
    new DomainError(
      'csm-not-staff',
      'validation',
      `email: ${email} is known as a customer (${role}); a customer success manager is support staff`,
      'email',
    ),
  detailsChangeRequiresAdmin: () =>
    new DomainError(
      'account-change-requires-admin',
      'forbidden',
      "Only an admin may change an account's name, time zone or calendar",
    ),
  csmAssignmentRequiresAdmin: () =>
    new DomainError(
      'csm-assignment-requires-admin',
      'forbidden',
      'Only an admin may assign or unassign the customer success manager',
    ),
  caseTeamManagementRequiresStaff: () =>
    new DomainError(
      'case-team-management-requires-staff',
      'forbidden',
      'Only a support engineer or an admin may add or remove case-team members',
    ),
  notificationPreferenceChangeNotAllowed: () =>
    new DomainError(
      'notification-preference-change-not-allowed',
      'forbidden',
      "Only the member, a support engineer or an admin may change a member's notification preference",
    ),
};
