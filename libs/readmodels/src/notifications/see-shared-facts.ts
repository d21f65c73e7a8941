import {
  normalizeEmail,
  removedWithShareTickets as keptAsSharing,
  sharesTicketsAsLastHeld,
  type LicenceEvent,
  type OpenedCase,
} from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';
import {
  emptyAccountFacts,
  licenceInForceAt,
  NOTIFICATION_ACCOUNT_FACTS,
  NOTIFICATION_LICENCE_FACTS,
  type AccountFacts,
  type LicenceFacts,
} from './notification-facts';

/** Licence events that change who may see colleagues' shared tickets (besides the issue). */
export const LICENCE_USER_EVENT_TYPES = [
  'LicensedUserAssigned',
  'LicensedUserRegistrationCompleted',
  'LicensedUserPermissionsChanged',
  'LicensedUserRemoved',
] as const satisfies readonly LicenceEvent['type'][];

type LicenceUserEvent = Extract<LicenceEvent, { type: (typeof LICENCE_USER_EVENT_TYPES)[number] }>;

export function isLicenceUserEvent(event: { type: string }): event is LicenceUserEvent {
  return (LICENCE_USER_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * Keeps the outbox writer's copy of a licence's users and their ticket-sharing permissions, and
 * the account's index of who holds see-shared-tickets on which of its licences, so that it can
 * tell, at an escalation's later events, whether a colleague who requested it still sees the case
 * (DOMAIN.md "Who may see a case"). Only licences whose issue the writer saw with users kept
 * (`users` present) are followed: for the others it knows nobody, and nobody is mailed on that
 * ground (never a person who may have lost sight of the case).
 */
export async function applyLicenceUser(event: LicenceUserEvent, tx: ProjectionTransaction): Promise<void> {
  const { licenceId, accountId } = event.data;
  const facts = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, licenceId);
  if (!facts?.users) return;
  const email = normalizeEmail(event.data.email);
  const users = { ...facts.users };
  const removedWithShareTickets = new Set(facts.removedWithShareTickets ?? []);
  const user = users[email];
  switch (event.type) {
    case 'LicensedUserAssigned': {
      const { shareTickets, seeSharedTickets, manageUsers } = event.data.permissions;
      users[email] = { active: false, shareTickets, seeSharedTickets, manageUsers };
      break;
    }
    case 'LicensedUserRegistrationCompleted':
      if (user) users[email] = { ...user, active: true };
      break;
    case 'LicensedUserPermissionsChanged': {
      const { shareTickets, seeSharedTickets, manageUsers } = event.data.permissions;
      if (user) users[email] = { ...user, shareTickets, seeSharedTickets, manageUsers };
      break;
    }
    case 'LicensedUserRemoved':
      // A leaver's cases stay shared as they shared them when removed (sharesTicketsAsLastHeld).
      if (keptAsSharing(user)) removedWithShareTickets.add(email);
      else removedWithShareTickets.delete(email);
      delete users[email];
      break;
  }
  tx.put(NOTIFICATION_LICENCE_FACTS, licenceId, {
    ...facts,
    users,
    removedWithShareTickets: [...removedWithShareTickets].sort(),
  } satisfies LicenceFacts);

  const account =
    (await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, accountId)) ?? emptyAccountFacts(accountId);
  const seesShared = users[email]?.active === true && users[email].seeSharedTickets;
  const licences = new Set(account.seeSharedLicences?.[email] ?? []);
  if (seesShared) licences.add(licenceId);
  else licences.delete(licenceId);
  const seeSharedLicences = { ...account.seeSharedLicences, [email]: [...licences].sort() };
  if (licences.size === 0) delete seeSharedLicences[email];
  tx.put(NOTIFICATION_ACCOUNT_FACTS, accountId, { ...account, seeSharedLicences } satisfies AccountFacts);
}

/**
 * Whether `email` sees the case, at `at`, as a licensed user with see-shared-tickets of its
 * account: the opener holds share tickets on the case's licence (or did when removed from it),
 * expired or not, and `email` is an active user with see-shared-tickets of an unexpired licence of
 * the account (the rule of the API's ActorReach and CommandGround, from the writer's own facts as
 * they stood at the event). Unknown facts answer no.
 */
export async function seesCaseThroughSharedTickets(
  email: string,
  state: OpenedCase,
  at: string,
  account: AccountFacts | undefined,
  tx: ProjectionTransaction,
): Promise<boolean> {
  const caseLicence = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, state.licenceId);
  // The case's licence expiring takes the case from no colleague (commandGroundOf): only whether
  // its users are known matters here.
  if (!caseLicence?.users) return false;
  const opener = normalizeEmail(state.openedBy.email);
  const openerShares = sharesTicketsAsLastHeld(
    caseLicence.users[opener],
    (caseLicence.removedWithShareTickets ?? []).includes(opener),
  );
  if (!openerShares) return false;
  const key = normalizeEmail(email);
  for (const licenceId of account?.seeSharedLicences?.[key] ?? []) {
    const licence = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, licenceId);
    const user = licence?.users?.[key];
    if (licence && licenceInForceAt(licence, at) && user?.active && user.seeSharedTickets) return true;
  }
  return false;
}
