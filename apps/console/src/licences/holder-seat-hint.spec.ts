import type { LicenceListItem } from '../api/api-types';
import { heldLicencesHint, holderSeatHint } from './holder-seat-hint';

const held = (
  seatsLeft: LicenceListItem['seatsLeft'],
  standing: LicenceListItem['standing'] = ['holder'],
) => ({
  standing,
  seatsLeft,
});

/**
 * customer3 F6: the holder of a full licence was told to invite her own address, and the invitation
 * was then refused (409 seat-limit-reached). The hints say there is no free seat and what to do.
 */
describe('the hints to a holder who is not one of the licence’s users', () => {
  it('on a full licence, says it has no free seat and how to get one, before inviting', () => {
    expect(holderSeatHint(held(0))).toBe(
      'You hold this licence but are not one of its users, and it has no free seat: to log cases on it, free a ' +
        'seat (remove a user or withdraw a pending invitation) and then invite your own address, or ask your ' +
        'account manager for more seats.',
    );
  });

  it('with a seat left (or unlimited), says to invite their own address', () => {
    for (const seatsLeft of [1, 'unlimited'] as const)
      expect(holderSeatHint(held(seatsLeft))).toBe(
        'You hold this licence but are not one of its users: invite your own address to log cases on it.',
      );
  });

  it('says nothing to a holder who is a user of it, nor to a user who is not its holder', () => {
    expect(holderSeatHint(held(0, ['holder', 'active-user']))).toBeUndefined();
    expect(holderSeatHint(held(0, ['active-user']))).toBeUndefined();
  });

  it('on New case, says "no free seat" only when every licence they hold without a seat is full', () => {
    expect(heldLicencesHint([held(0)])).toContain('and it has no free seat: to log cases, under Licences');
    expect(heldLicencesHint([held(0), held(2)])).toBe(
      'You hold a licence but are not one of its users: invite your own address under Licences (in the navigation) to log cases.',
    );
    expect(heldLicencesHint([held(0, ['active-user'])])).toBeUndefined();
  });
});
