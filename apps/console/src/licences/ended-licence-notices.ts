import { html, nothing, TemplateResult } from 'lit-html';
import type { LicenceListItem } from '../api/api-types';

/**
 * What a customer is told on My cases (and New case) about licences of theirs that have ended, from
 * their own GET /v1/licences alone (so nothing they may not see): where "Complete registration" or
 * "New case" is no longer offered, the reason and whom to ask, instead of a page that just lacks it.
 */
export function endedLicenceNotices(
  items: readonly LicenceListItem[] | null | undefined,
  ownEmail: string,
): TemplateResult | typeof nothing {
  const notes = (items ?? []).flatMap((licence) => {
    const note = invitationAwaitingRenewalNote(licence, ownEmail);
    return note ? [note] : [];
  });
  if (notes.length === 0) return nothing;
  return html`<div class="ended-licence-notices">
    ${notes.map((note) => html`<p class="notice invitation-awaits-renewal">${note}</p>`)}
  </div>`;
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
    `Your invitation to ${productName(licence)} waits for the licence’s renewal: it ended on ` +
    `${licence.activeUntil}, and you can complete your registration here once it is renewed. ` +
    askToRenew(licence, ownEmail)
  );
}

/** "Sitefinity (Online Marketing License)", as the mails and the API's refusals name a licence. */
export function productName(licence: Pick<LicenceListItem, 'product' | 'edition'>): string {
  return `${licence.product} (${licence.edition})`;
}

/** Whom to ask: its holder, named when the API names them and they are someone else, and the account manager. */
export function askToRenew(licence: Pick<LicenceListItem, 'holderEmail'>, ownEmail: string): string {
  const holder = licence.holderEmail;
  if (!holder || holder.toLowerCase() === ownEmail.toLowerCase())
    return 'Ask your account manager to renew it.';
  return `Ask its holder (${holder}) or your account manager to renew it.`;
}
