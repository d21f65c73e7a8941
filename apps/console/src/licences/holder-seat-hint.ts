import type { LicenceListItem } from '../api/api-types';

type HolderView = Pick<LicenceListItem, 'standing' | 'seatsLeft'>;

/** The holder who is not one of the licence's users (they log cases only once they add themselves). */
export function holdsWithoutSeat(licence: HolderView): boolean {
  return licence.standing.includes('holder') && !licence.standing.includes('active-user');
}

/**
 * Whether every seat of the licence is taken: inviting anyone, the holder's own address included,
 * is then refused (409 seat-limit-reached) until a seat is freed or more are bought.
 */
export function noSeatLeft(licence: HolderView): boolean {
  return licence.seatsLeft === 0;
}

/** What freeing a seat takes, in the words of the 409 seat-limit-reached. */
const FREE_A_SEAT =
  'free a seat (remove a user or withdraw a pending invitation) and then invite your own address, or ask your ' +
  'account manager for more seats';

/**
 * The Licences page's hint to a holder who is not one of the licence's users: invite their own
 * address, which takes a seat. On a full licence that invitation is refused, so the hint says there
 * is no free seat and what to do first (customer3 F6: it said to invite, and the invitation was 409).
 */
export function holderSeatHint(licence: HolderView): string | undefined {
  if (!holdsWithoutSeat(licence)) return undefined;
  if (noSeatLeft(licence))
    return `You hold this licence but are not one of its users, and it has no free seat: to log cases on it, ${FREE_A_SEAT}.`;
  return 'You hold this licence but are not one of its users: invite your own address to log cases on it.';
}

/**
 * The New case page's hint to a customer who holds licences but uses none: as holderSeatHint, under
 * Licences; "no free seat" only when every such licence is full (one with a seat is the way in).
 */
export function heldLicencesHint(items: HolderView[]): string | undefined {
  const held = items.filter(holdsWithoutSeat);
  if (held.length === 0) return undefined;
  if (held.every(noSeatLeft))
    return (
      'You hold a licence but are not one of its users, and it has no free seat: to log cases, under Licences ' +
      `(in the navigation) ${FREE_A_SEAT}.`
    );
  return 'You hold a licence but are not one of its users: invite your own address under Licences (in the navigation) to log cases.';
}
