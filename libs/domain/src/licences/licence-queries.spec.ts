import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { initialLicenceState } from './licence.state';
import { isLicenceActive, licenceExpiresAt } from './licence-expiry';
import {
  findLicensedUser,
  licensedUserWhoMayLogCases,
  mayLogCases,
  mayManageLicensedUsers,
} from './licensed-user-access';
import { isMissionCriticalAccount } from './mission-critical';
import { ACCESS_PROMISE_HOURS, isInvitationOverdue } from './pending-invitations';
import { BASIC, LICENCE_IDS, licenceIssued, userInvited, userRegistered } from './testing/licence-events';

const ids = LICENCE_IDS;
const person = (email: string): ActorIdentity => ({ email, roles: [] });
const basic = BASIC;
const manager = { ...basic, manageUsers: true };

const issued = licenceIssued();
const invited = userInvited;
const registered = userRegistered;
const permissionsChanged = (
  email: string,
  permissions: typeof basic,
  previousPermissions: typeof basic,
): LicenceEvent => ({
  type: 'LicensedUserPermissionsChanged',
  data: { ...ids, email, permissions, previousPermissions, at: '2026-03-04T00:00:00.000Z' },
});

describe('licence expiry', () => {
  it('rule: a date-only activeUntil lasts until that day has ended everywhere (UTC-12)', () => {
    expect(licenceExpiresAt('2026-12-31')).toBe('2027-01-01T12:00:00.000Z');
  });

  it('rule: an instant activeUntil is kept as the UTC instant it names', () => {
    expect(licenceExpiresAt('2026-06-30T23:00:00-05:00')).toBe('2026-07-01T04:00:00.000Z');
  });

  it('rule: a licence is active before its expiry instant and not from it on', () => {
    const state = fold(licenceDecider, [issued]);
    expect(isLicenceActive(state, '2027-01-01T11:59:59.999Z')).toBe(true);
    expect(isLicenceActive(state, '2027-01-01T12:00:00.000Z')).toBe(false);
    expect(isLicenceActive(state, '2027-01-01T13:59:59.999+02:00')).toBe(true);
  });

  it('rule: a licence that was never issued is not active, and neither is an unreadable instant', () => {
    expect(isLicenceActive(initialLicenceState, '2026-06-01T00:00:00Z')).toBe(false);
    expect(isLicenceActive(fold(licenceDecider, [issued]), 'yesterday')).toBe(false);
  });
});

describe('mayManageLicensedUsers', () => {
  /** While the licence is in force (it expires at 2027-01-01T12:00Z). */
  const DURING = '2026-06-01T00:00:00.000Z';
  const state = fold(licenceDecider, [
    issued,
    invited('mia@acme.example', '2026-03-02T00:00:00Z', manager),
    registered('mia@acme.example', '2026-03-02T01:00:00Z'),
    invited('paul.pending@acme.example', '2026-03-02T00:00:00Z', manager),
    invited('ben@acme.example', '2026-03-02T00:00:00Z'),
    registered('ben@acme.example', '2026-03-02T01:00:00Z'),
  ]);

  it.each([
    ['the licence holder (any case of the email)', person('Holder@ACME.example'), true],
    ['an admin', { email: 'ops@vendor.example', roles: ['admin'] }, true],
    ['an active user with manage users', person('mia@acme.example'), true],
    ['a pending user with manage users', person('paul.pending@acme.example'), false],
    ['an active user without manage users', person('ben@acme.example'), false],
    ['an engineer', { email: 'eng@vendor.example', roles: ['engineer'] }, false],
    ['a stranger', person('x@elsewhere.example'), false],
  ])('rule: %s → %s', (_who, actor, allowed) => {
    expect(mayManageLicensedUsers(state, actor, DURING)).toBe(allowed);
  });

  it('rule: once the licence has expired, only its holder and admins manage its users', () => {
    const expired = '2027-01-01T12:00:00.000Z';
    expect(mayManageLicensedUsers(state, person('mia@acme.example'), expired)).toBe(false);
    expect(mayManageLicensedUsers(state, person('holder@acme.example'), expired)).toBe(true);
    expect(mayManageLicensedUsers(state, { email: 'ops@vendor.example', roles: ['admin'] }, expired)).toBe(
      true,
    );
  });

  it('rule: losing manage users takes the right away', () => {
    const demoted = fold(licenceDecider, [
      issued,
      invited('mia@acme.example', '2026-03-02T00:00:00Z', manager),
      registered('mia@acme.example', '2026-03-02T01:00:00Z'),
      permissionsChanged('mia@acme.example', basic, manager),
    ]);
    expect(mayManageLicensedUsers(demoted, person('mia@acme.example'), DURING)).toBe(false);
  });

  it('rule: nobody manages users of a licence that was never issued', () => {
    expect(
      mayManageLicensedUsers(initialLicenceState, { email: 'ops@vendor.example', roles: ['admin'] }, DURING),
    ).toBe(false);
  });
});

describe('who may log cases', () => {
  const state = fold(licenceDecider, [
    issued,
    invited('jane@acme.example', '2026-03-02T00:00:00Z'),
    registered('jane@acme.example', '2026-03-03T00:00:00Z'),
    invited('pete@acme.example', '2026-03-02T00:00:00Z'),
  ]);

  it('rule: access to log cases is granted once registration completes', () => {
    expect(mayLogCases(state, 'Jane@acme.example', '2026-06-01T00:00:00Z')).toBe(true);
    expect(licensedUserWhoMayLogCases(state, 'jane@acme.example', '2026-06-01T00:00:00Z')).toMatchObject({
      status: 'active',
      registeredAt: '2026-03-03T00:00:00Z',
    });
    expect(mayLogCases(state, 'pete@acme.example', '2026-06-01T00:00:00Z')).toBe(false);
  });

  it('rule: only users of an active licence can log cases', () => {
    expect(mayLogCases(state, 'jane@acme.example', '2027-01-02T00:00:00Z')).toBe(false);
  });

  it('rule: the holder logs cases only as a licensed user', () => {
    expect(mayLogCases(state, 'holder@acme.example', '2026-06-01T00:00:00Z')).toBe(false);
    expect(findLicensedUser(state, 'holder@acme.example')).toBeUndefined();
  });
});

describe('isInvitationOverdue', () => {
  // The licence is in force until 2027-01-01T12:00Z (licenceIssued's activeUntil 2026-12-31).
  const facts = (now: string) => ({ licenceExpiresAt: '2027-01-01T12:00:00.000Z', now, hours: 48 });
  const pending = { status: 'pending', invitedAt: '2026-03-01T09:00:00.000Z' };

  it('rule: a pending invitation is overdue once the follow-up time has passed since it was sent', () => {
    expect(isInvitationOverdue(pending, facts('2026-03-03T08:59:59.000Z'))).toBe(false);
    expect(isInvitationOverdue(pending, facts('2026-03-03T09:00:00.000Z'))).toBe(true);
  });

  it('rule: a resend promises access afresh: overdue again only once the follow-up time passed since it', () => {
    const resent = { ...pending, lastSentAt: '2026-03-05T10:00:00.000Z' };
    expect(isInvitationOverdue(resent, facts('2026-03-05T10:01:00.000Z'))).toBe(false);
    expect(isInvitationOverdue(resent, facts('2026-03-07T10:00:00.000Z'))).toBe(true);
  });

  it('rule: an invitation on a licence that has ended waits for its renewal, it is not overdue', () => {
    expect(isInvitationOverdue(pending, facts('2027-01-01T12:00:00.000Z'))).toBe(false);
  });

  it('rule: after a renewal of the ended licence the follow-up time runs again from the renewal', () => {
    // Sent 1 March, ended meanwhile, renewed 10 March: the lapse does not count against the promise.
    const renewed = (now: string) => ({ ...facts(now), licenceRenewedAt: '2026-03-10T12:00:00.000Z' });
    expect(isInvitationOverdue(pending, renewed('2026-03-12T11:59:59.000Z'))).toBe(false);
    expect(isInvitationOverdue(pending, renewed('2026-03-12T12:00:00.000Z'))).toBe(true);
    // A resend after the renewal promises from its own sending.
    const resent = { ...pending, lastSentAt: '2026-03-11T12:00:00.000Z' };
    expect(isInvitationOverdue(resent, renewed('2026-03-13T11:59:59.000Z'))).toBe(false);
  });

  it("rule: the follow-up time is the policy's (48 hours, the access promise, by default)", () => {
    expect(ACCESS_PROMISE_HOURS).toBe(48);
    const in24 = (now: string) => ({ ...facts(now), hours: 24 });
    expect(isInvitationOverdue(pending, in24('2026-03-02T08:59:59.000Z'))).toBe(false);
    expect(isInvitationOverdue(pending, in24('2026-03-02T09:00:00.000Z'))).toBe(true);
  });

  it('rule: a registered user is never overdue', () => {
    expect(isInvitationOverdue({ ...pending, status: 'active' }, facts('2026-06-01T00:00:00.000Z'))).toBe(
      false,
    );
  });
});

describe('isMissionCriticalAccount', () => {
  const at = '2026-06-01T00:00:00Z';
  const licence = (plan: 'standard' | 'enterprise' | 'mission-critical', expiresAt: string) => ({
    plan,
    expiresAt,
  });

  it('rule: an account is Mission Critical while it holds an active mission-critical licence', () => {
    expect(
      isMissionCriticalAccount(
        [licence('enterprise', '2027-01-01T00:00:00Z'), licence('mission-critical', '2026-12-01T00:00:00Z')],
        at,
      ),
    ).toBe(true);
  });

  it('rule: an expired mission-critical licence no longer makes the account Mission Critical', () => {
    expect(isMissionCriticalAccount([licence('mission-critical', '2026-05-31T23:59:59Z')], at)).toBe(false);
  });

  it('rule: enterprise and standard licences do not make an account Mission Critical', () => {
    expect(
      isMissionCriticalAccount(
        [licence('enterprise', '2027-01-01T00:00:00Z'), licence('standard', '2027-01-01T00:00:00Z')],
        at,
      ),
    ).toBe(false);
    expect(isMissionCriticalAccount([], at)).toBe(false);
  });

  it('accepts folded licence states', () => {
    const state = fold(licenceDecider, [
      { ...issued, data: { ...issued.data, plan: 'mission-critical' } } as LicenceEvent,
    ]);
    expect(state.status === 'issued' && isMissionCriticalAccount([state], at)).toBe(true);
  });
});
