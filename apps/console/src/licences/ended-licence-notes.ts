import type { LicenceListItem } from '../api/api-types';
import { licenceEndTime } from './licence-time';

/** One notice: its kind (the class it is shown with) and its words. */
export interface EndedLicenceNote {
  kind: 'invitation-awaits-renewal' | 'licence-ended-for-user';
  text: string;
}

/** The notices a customer's own licences (GET /v1/licences) call for, one per licence at most. */
export function endedLicenceNotes(
  licences: readonly LicenceListItem[],
  ownEmail: string,
): EndedLicenceNote[] {
  return licences.flatMap((licence): EndedLicenceNote[] => {
    const invitation = invitationAwaitingRenewalNote(licence, ownEmail);
    if (invitation) return [{ kind: 'invitation-awaits-renewal', text: invitation }];
    const ended = licenceEndedNote(licence, licences, ownEmail);
    return ended ? [{ kind: 'licence-ended-for-user', text: ended }] : [];
  });
}

/**
 * A registered user's licence that has ended, when its end took something from the page: New case
 * (no licence of hers is in force), or the cases colleagues shared with her through it (she had see
 * shared tickets on it and on no licence of that account still in force: the API then no longer
 * shows them, even one she escalated herself). Nothing when another licence still gives both.
 */
export function licenceEndedNote(
  licence: LicenceListItem,
  licences: readonly LicenceListItem[],
  ownEmail: string,
): string | undefined {
  if (licence.active || !licence.standing.includes('active-user')) return undefined;
  const seesSharedIn = (other: LicenceListItem) =>
    other.active &&
    other.accountId === licence.accountId &&
    other.standing.includes('active-user') &&
    !!other.permissions?.seeSharedTickets;
  const sharedHidden = !!licence.permissions?.seeSharedTickets && !licences.some(seesSharedIn);
  const noNewCase = !licences.some((other) => other.mayOpenCases);
  if (!sharedHidden && !noNewCase) return undefined;
  const lost = [
    ...(noNewCase ? ['you cannot open new cases'] : []),
    ...(sharedHidden ? ['cases colleagues shared with you through it are hidden'] : []),
  ].join(', and ');
  return (
    `Your licence ${productName(licence)} ended ${endTime(licence)}: ${lost} until it is renewed. ` +
    askToRenew(licence, ownEmail)
  );
}

/**
 * A pending invitation to a licence that has ended: nobody can complete it until the licence is
 * renewed (403 licence-expired), so Complete registration is not offered; this says why instead.
 */
export function invitationAwaitingRenewalNote(
  licence: LicenceListItem,
  ownEmail: string,
): string | undefined {
  if (licence.active || !licence.standing.includes('pending-invitation')) return undefined;
  return (
    `Your invitation to ${productName(licence)} waits for the licence’s renewal: it ended ` +
    `${endTime(licence)}, and you can complete your registration here once it is renewed. ` +
    askToRenew(licence, ownEmail)
  );
}

/** When it ended, in its account's zone with UTC beside it, as the mails about its end say it. */
function endTime(licence: LicenceListItem): string {
  return licenceEndTime(licence, licence.accountTimeZone);
}

/** "Sitefinity (Online Marketing License)", as the mails and the API's refusals name a licence. */
function productName(licence: Pick<LicenceListItem, 'product' | 'edition'>): string {
  return `${licence.product} (${licence.edition})`;
}

/**
 * Whom to ask to renew licences that ended (the New case page's hint under the licence field, beside
 * the notices above it): their holders, named as the notices name them, and the account manager.
 */
export function askToRenewAll(licences: Pick<LicenceListItem, 'holderEmail'>[], ownEmail: string): string {
  const own = ownEmail.toLowerCase();
  const holders = [
    ...new Set(
      licences
        .map((licence) => licence.holderEmail)
        .filter((holder) => !!holder && holder.toLowerCase() !== own),
    ),
  ];
  if (holders.length === 0) return 'Ask your account manager to renew them.';
  return `Ask ${holders.length === 1 ? 'their holder' : 'their holders'} (${holders.join(', ')}) or your account manager to renew them.`;
}

/** Whom to ask: its holder, named when the API names them and they are someone else, and the account manager. */
function askToRenew(licence: Pick<LicenceListItem, 'holderEmail'>, ownEmail: string): string {
  const holder = licence.holderEmail;
  if (!holder || holder.toLowerCase() === ownEmail.toLowerCase())
    return 'Ask your account manager to renew it.';
  return `Ask its holder (${holder}) or your account manager to renew it.`;
}
