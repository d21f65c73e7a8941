import {
  endsLicenceEarlier,
  instantToMillis,
  isGroupMailbox,
  isLapseMailed,
  movesLicenceEndLaterInForce,
  normalizeEmail,
  renewsEndedLicence,
  type LicenceEvent,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { inviterOf } from './invitation-notifications';
import type { LicenceCoverReader } from './licence-cover-from-log';
import { licenceSnapshot } from './licence-snapshot';
import { missionCriticalCoverChange } from './mission-critical-cover-change';
import { licenceThreadId, notificationId, notificationMessageId } from './message-identity';
import {
  NOTIFICATION_ACCOUNT_FACTS,
  NOTIFICATION_LICENCE_FACTS,
  type AccountFacts,
  licenceInForceAt,
  type LicenceFacts,
} from './notification-facts';
import type { RecipientReason } from './notification-recipients';
import {
  NOTIFICATION_OUTBOX,
  type LicenceChange,
  type LicenceChangeNotification,
} from './outbox-notification';

export const LICENCE_CHANGE_EVENT_TYPES = [
  'LicenceHolderChanged',
  'LicensedUserRegistrationCompleted',
  'LicensedUserPermissionsChanged',
  'LicensedUserRemoved',
  'LicenceTermsChanged',
  'LicenceExpired',
] as const satisfies readonly LicenceChange['type'][];

/** The licence events the writer follows for their mail alone (it keeps no facts of them). */
export const LICENCE_LAPSE_EVENT_TYPES = [
  'LicenceExpired',
] as const satisfies readonly LicenceChange['type'][];

export function isLicenceChangeEvent(event: { type: string }): event is LicenceChange {
  return (LICENCE_CHANGE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * A licence's administration after its issue is told to its holder (who owns it, and hears above
 * all of what a manage-users delegate or the vendor did to it) and, for a change to a user, that
 * user (their access changed); never to whoever made the change, and once to a holder who is the
 * user too. Nobody else: not the licence's other users, not a case's people, so no customer of
 * another account hears anything of the licence. Never a group mailbox either (the policy's
 * patterns, as the licence commands judge addresses; one accepted before they grew may be on a
 * licence): the change is for a person.
 * A hand-over is told to the new holder (what they may do now) and the previous one (what they
 * keep), by the same rule: a holder handing over themselves is not mailed their own act, as no
 * actor is (the API's answer confirms it); when an admin hands over, both hear of it.
 *
 * A licence reaching its end (LicenceExpired) is told as an early end is: to the holder and each of
 * its users and pending invitees. Its renewal after such an end is told to them too (they were told
 * to wait for it; an invitee can register again), once, and only after an end they were told of; so
 * is an end moved later again before the earlier end they were told of came (it no longer applies).
 *
 * Like the holder's issue mail, it came without raising the writer's version: changes before an
 * installation upgrades are behind its checkpoint and mailed to no one; a licence whose holder the
 * writer did not keep (issued before it did) tells its user alone.
 */
export async function writeLicenceChange(
  recorded: RecordedEvent,
  event: LicenceChange,
  tx: ProjectionTransaction,
  groupMailboxPatterns: readonly string[],
  coverFromLog?: LicenceCoverReader,
): Promise<void> {
  const { licenceId, accountId, at } = event.data;
  // A lapse recorded long after the licence ended (a desk upgraded over licences that ended long
  // before) is in the history, but mailed to nobody (see LAPSE_MAILED_WITHIN_MS).
  if (event.type === 'LicenceExpired' && !isLapseMailed(event)) return;
  const licence = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, licenceId);
  let account = await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, accountId);
  const actor = inviterOf(recorded);
  // Told of an end, they hear that it no longer applies: a renewal after it, or an extension
  // before it came (an end moved earlier, then later again), which told them nothing before.
  const renewalToUsers =
    event.type === 'LicenceTermsChanged' &&
    licence?.usersToldOfEnd === true &&
    movesLicenceEndLaterInForce(event.data);
  const cover = {
    ended: endsForUsers(event) && endedBy(event),
    renewed: event.type === 'LicenceTermsChanged' && renewsEndedLicence(event.data, at),
  };
  let coverChange = missionCriticalCoverChange(event, account ?? undefined, cover);
  // Not all of an account's licences known (registered before the writer kept them): its events tell.
  if (coverChange === 'unknown' && account && coverFromLog) {
    account = await accountCoverFromLog(account, recorded.position, coverFromLog, tx);
    coverChange = missionCriticalCoverChange(event, account, cover);
  }
  for (const [recipient, reasons] of recipientsOf(
    event,
    licence,
    normalizeEmail(actor.email),
    groupMailboxPatterns,
    renewalToUsers,
  )) {
    const id = notificationId(recorded.id, recipient);
    if (await tx.get(NOTIFICATION_OUTBOX, id)) continue;
    const previousHolder = event.type === 'LicenceHolderChanged' && reasons.includes('previous-holder');
    const toChangedUser =
      (event.type === 'LicensedUserPermissionsChanged' ||
        event.type === 'LicenceTermsChanged' ||
        event.type === 'LicenceExpired') &&
      reasons.includes('licensed-user');
    const row: LicenceChangeNotification = {
      id,
      eventId: recorded.id,
      position: recorded.position,
      kind: 'licence-change',
      licenceId,
      recipient,
      recipientName: null,
      audience: 'customer',
      reasons,
      change: event,
      actor,
      licence: licenceSnapshot({ licenceId, accountId }, licence, account),
      occurredAt: at,
      messageId: notificationMessageId(recorded.id, recipient),
      threadId: licenceThreadId(licenceId),
      ...(previousHolder && licence?.users ? { previousHolderEntry: entryOf(licence.users, recipient) } : {}),
      ...(previousHolder ? managesUsersOf(licence, recipient) : {}),
      // What the previous holder keeps buys no cases while the licence is past its end, and the new
      // holder can invite nobody until it is renewed.
      ...((event.type === 'LicenceHolderChanged' || toChangedUser) && licence && licenceEndedAt(licence, at)
        ? { licenceEnded: true as const }
        : {}),
      // A removed user is told whom to ask to be added again, by address (they knew the licence's holder);
      // a user or invitee told of its end, or of permissions that wait for its renewal, whom to ask for
      // that renewal, as the console names them.
      ...((event.type === 'LicensedUserRemoved' ||
        (toChangedUser && endsForUsers(event)) ||
        (event.type === 'LicensedUserPermissionsChanged' && licence && licenceEndedAt(licence, at))) &&
      reasons.includes('licensed-user') &&
      licence?.holderEmail
        ? { licenceHolder: licence.holderEmail }
        : {}),
      // A user who manages its users is told that this too waits for the renewal.
      ...(toChangedUser && endsForUsers(event) && managesUsers(licence, recipient)
        ? { recipientManagesUsers: true as const }
        : {}),
      // Permissions of an invitee take effect at their registration, which the mail reminds them of.
      ...(toChangedUser && licence?.users?.[recipient]?.active === false
        ? { recipientPending: true as const }
        : {}),
      ...(renewalToUsers && reasons.includes('holder') ? { usersToldOfRenewal: true as const } : {}),
      // The holder of a mission-critical licence hears what its end or renewal does to the account's cover.
      ...(reasons.includes('holder') && coverChange ? { missionCriticalCover: coverChange } : {}),
      // An end its users are not told of (their facts predate the users' being kept): the holder learns so.
      ...(reasons.includes('holder') && endsForUsers(event) && licence?.users === undefined
        ? { usersNotMailed: true as const }
        : {}),
    };
    tx.put(NOTIFICATION_OUTBOX, id, row);
  }
  if (licence) rememberEndTold(event, licence, licenceId, tx);
}

/**
 * The account's facts with every licence's cover as its events through `through` leave them, kept
 * (licenceCoverComplete: the writer follows each licence from here on); as they were where the log
 * cannot be read.
 */
async function accountCoverFromLog(
  account: AccountFacts,
  through: number,
  coverFromLog: LicenceCoverReader,
  tx: ProjectionTransaction,
): Promise<AccountFacts> {
  const licenceCover = await coverFromLog(account.id, through);
  if (!licenceCover) return account;
  const complete: AccountFacts = { ...account, licenceCover, licenceCoverComplete: true };
  tx.put(NOTIFICATION_ACCOUNT_FACTS, account.id, complete);
  return complete;
}

/**
 * Whether its users now wait to hear of a renewal: told of an end (a lapse mailed, an end moved
 * earlier, mailed to the users the facts know), until an end moved later (a renewal, told or not, or
 * an extension before the end) makes that end past history.
 */
function rememberEndTold(
  event: LicenceChange,
  licence: LicenceFacts,
  licenceId: string,
  tx: ProjectionTransaction,
): void {
  const toldEnd = licence.users !== undefined && endsForUsers(event);
  const movedLater =
    event.type === 'LicenceTermsChanged' &&
    event.data.terms.expiresAt !== undefined &&
    event.data.previousTerms.expiresAt !== undefined &&
    instantToMillis(event.data.terms.expiresAt) > instantToMillis(event.data.previousTerms.expiresAt);
  if (toldEnd && licence.usersToldOfEnd !== true)
    tx.put(NOTIFICATION_LICENCE_FACTS, licenceId, {
      ...licence,
      usersToldOfEnd: true,
    } satisfies LicenceFacts);
  if (movedLater && licence.usersToldOfEnd === true) {
    const { usersToldOfEnd: _told, ...rest } = licence;
    tx.put(NOTIFICATION_LICENCE_FACTS, licenceId, rest satisfies LicenceFacts);
  }
}

function recipientsOf(
  event: LicenceEvent,
  licence: LicenceFacts | undefined,
  actor: string,
  groupMailboxPatterns: readonly string[],
  renewalToUsers: boolean,
): Map<string, RecipientReason[]> {
  const recipients = new Map<string, RecipientReason[]>();
  const add = (email: string | undefined, reason: RecipientReason) => {
    if (!email) return;
    const key = normalizeEmail(email);
    if (key === actor || isGroupMailbox(key, groupMailboxPatterns)) return;
    recipients.set(key, [...(recipients.get(key) ?? []), reason]);
  };
  if (event.type === 'LicenceHolderChanged') {
    // The facts already name the new holder (applied first): the event names both.
    add(event.data.holderEmail, 'holder');
    add(event.data.previousHolderEmail, 'previous-holder');
    return recipients;
  }
  add(licence?.holderEmail, 'holder');
  // The user registering is the actor: only the holder hears of it.
  if (event.type === 'LicensedUserPermissionsChanged' || event.type === 'LicensedUserRemoved')
    add(event.data.email, 'licensed-user');
  // An early end takes each user's access (and a pending invitee's registration) until renewal:
  // they hear it themselves, not only through the holder. The holder's own mail says it all to them.
  // So does the licence reaching its end, as an early end does (the same recipients, the same words).
  // Its renewal after an end they were told of, as they were told to wait for it (renewalToUsers).
  if (endsForUsers(event) || renewalToUsers)
    for (const email of Object.keys(licence?.users ?? {}))
      if (email !== licence?.holderEmail) add(email, 'licensed-user');
  return recipients;
}

/** The end is past at the event (a lapse, an end moved into the past), not one still to come. */
function endedBy(event: LicenceEvent): boolean {
  if (event.type === 'LicenceExpired') return true;
  if (event.type !== 'LicenceTermsChanged' || event.data.terms.expiresAt === undefined) return false;
  return instantToMillis(event.data.terms.expiresAt) <= instantToMillis(event.data.at);
}

/** An end told to each of the licence's users and pending invitees: a lapse (mailed), or an end moved earlier. */
function endsForUsers(event: LicenceEvent): boolean {
  return (
    event.type === 'LicenceExpired' ||
    (event.type === 'LicenceTermsChanged' && endsLicenceEarlier(event.data))
  );
}

/**
 * The previous holder's own user entry, as the writer's facts keep the licence's users (facts
 * stored before they kept users know none, and the row then says nothing of it).
 */
/** Known to be past its end at `at` (facts stored before the expiry was kept say nothing). */
function licenceEndedAt(licence: LicenceFacts, at: string): boolean {
  return licence.expiresAt !== undefined && !licenceInForceAt(licence, at);
}

/** Whether `email` is an active user of the licence holding manage-users, as the facts know it. */
function managesUsers(licence: LicenceFacts | undefined, email: string): boolean {
  const user = licence?.users?.[email];
  return user?.active === true && user.manageUsers === true;
}

/** Whether the previous holder's active entry holds manage-users, where the facts know it. */
function managesUsersOf(
  licence: LicenceFacts | undefined,
  email: string,
): { previousHolderManagesUsers?: boolean } {
  const user = licence?.users?.[email];
  if (!user?.active || user.manageUsers === undefined) return {};
  return { previousHolderManagesUsers: user.manageUsers };
}

function entryOf(
  users: NonNullable<LicenceFacts['users']>,
  email: string,
): NonNullable<LicenceChangeNotification['previousHolderEntry']> {
  const user = users[email];
  if (!user) return 'none';
  return user.active ? 'active-user' : 'pending-invitation';
}
