import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { LicenceCommand, LicenceDecisionContext } from './licence.commands';
import { licenceDecider } from './licence.decider';
import {
  BASIC,
  LICENCE_IDS,
  licenceIssued,
  termsChanged,
  userInvited,
  userRegistered,
} from './testing/licence-events';
import { givenLicenceWith } from './testing/given-licence';

/**
 * ResendInvitation and the access promise an invitation records, Given / When / Then. The licence
 * of the builders is held by holder@acme.example and expires at the start of 2027.
 */
const INVITED_AT = '2026-03-01T08:00:00.000Z';
const NOW = '2026-03-05T09:00:00.000Z';
const context: LicenceDecisionContext = {
  groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS,
  pendingInvitationFollowUpHours: 72,
};
const holder: ActorIdentity = { email: 'holder@acme.example', roles: [] };
const person = (email: string): ActorIdentity => ({ email, roles: [] });

const resend = (email: string, actor = holder, at = NOW): LicenceCommand => ({
  type: 'ResendInvitation',
  data: { email },
  actor,
  at,
});

const given = givenLicenceWith(context);

describe('ResendInvitation', () => {
  it('sends a pending invitation again with its details, its original date and the policy’s promise', () => {
    given(licenceIssued(), userInvited('sam@acme.example', INVITED_AT))
      .when(resend('sam@acme.example'))
      .then([
        {
          type: 'LicensedUserInvitationResent',
          data: {
            ...LICENCE_IDS,
            email: 'sam@acme.example',
            firstName: 'F',
            lastName: 'L',
            company: 'Acme',
            country: 'BG',
            permissions: BASIC,
            invitedAt: INVITED_AT,
            accessPromisedWithinHours: 72,
            at: NOW,
          },
        },
      ]);
  });

  it('leaves the invitation as it was (still pending, invited when it was), noting when it was sent again', () => {
    const before = fold(licenceDecider, [licenceIssued(), userInvited('sam@acme.example', INVITED_AT)]);
    const [event] = licenceDecider.decide(resend('sam@acme.example'), before, context);
    const after = licenceDecider.evolve(before, event);
    if (after.status !== 'issued' || before.status !== 'issued') throw new Error('issued licence expected');
    expect(after.users.get('sam@acme.example')).toEqual({
      ...before.users.get('sam@acme.example'),
      lastSentAt: NOW,
    });
  });

  it('lifts the hourly limit once the licence, ended since the last resend, is renewed', () => {
    const invited = [licenceIssued(), userInvited('sam@acme.example', INVITED_AT)];
    const [first] = licenceDecider.decide(resend('sam@acme.example'), fold(licenceDecider, invited), context);
    const end = { activeUntil: '2026-03-05T09:10:00.000Z', expiresAt: '2026-03-05T09:10:00.000Z' };
    const issued = { activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' };
    const renewal = { activeUntil: '2027-12-31', expiresAt: '2028-01-01T12:00:00.000Z' };
    given(
      ...invited,
      first,
      termsChanged(end, issued, '2026-03-05T09:05:00.000Z'),
      termsChanged(renewal, end, '2026-03-05T09:20:00.000Z'),
    )
      .when(resend('sam@acme.example', holder, '2026-03-05T09:21:00.000Z'))
      .then([expect.objectContaining({ type: 'LicensedUserInvitationResent' })]);
    // A renewal before the end interrupted nothing: the limit stands.
    given(...invited, first, termsChanged(renewal, issued, '2026-03-05T09:20:00.000Z'))
      .when(resend('sam@acme.example', holder, '2026-03-05T09:21:00.000Z'))
      .thenFails({
        code: 'invitation-sent-recently',
        kind: 'conflict',
        field: 'email',
        message: expect.any(String),
      });
  });

  it('sends an invitation again at most once an hour, naming when it may be sent again (409)', () => {
    const invited = [licenceIssued(), userInvited('sam@acme.example', INVITED_AT)];
    // The first resend goes at once, even right after the invitation.
    given(...invited)
      .when(resend('sam@acme.example', holder, '2026-03-01T08:00:01.000Z'))
      .then([expect.objectContaining({ type: 'LicensedUserInvitationResent' })]);
    const [first] = licenceDecider.decide(resend('sam@acme.example'), fold(licenceDecider, invited), context);
    given(...invited, first)
      .when(resend('sam@acme.example', holder, '2026-03-05T09:59:59.000Z'))
      .thenFails({
        code: 'invitation-sent-recently',
        kind: 'conflict',
        field: 'email',
        message: expect.stringMatching(
          /last sent again at 2026-03-05T09:00:00.000Z.*can be sent again from 2026-03-05T10:00:00.000Z/,
        ),
      });
    given(...invited, first)
      .when(resend('sam@acme.example', holder, '2026-03-05T10:00:00.000Z'))
      .then([expect.objectContaining({ type: 'LicensedUserInvitationResent' })]);
  });

  it('refuses a registered user (nothing to resend), an unknown address, and an expired licence', () => {
    const history = [licenceIssued(), userInvited('sam@acme.example', INVITED_AT)];
    given(...history, userRegistered('sam@acme.example', INVITED_AT))
      .when(resend('sam@acme.example'))
      .thenFails({ code: 'licensed-user-already-registered', kind: 'conflict', field: 'email' });
    given(...history)
      .when(resend('nobody@acme.example'))
      .thenFails({ code: 'licensed-user-not-found' });
    given(...history)
      .when(resend('sam@acme.example', holder, '2027-02-01T00:00:00.000Z'))
      .thenFails({ code: 'licence-expired' });
  });

  it('is for those who manage users: not the invitee, and a stranger is told of no licence', () => {
    const history = [licenceIssued(), userInvited('sam@acme.example', INVITED_AT)];
    given(...history)
      .when(resend('sam@acme.example', person('sam@acme.example')))
      .thenFails({ kind: 'forbidden' });
    given(...history)
      .when(resend('sam@acme.example', person('zed@other.example')))
      .thenFails({ code: 'licence-not-found' });
  });
});

describe('AssignLicensedUser and the access promise', () => {
  const assign = (email: string): LicenceCommand => ({
    type: 'AssignLicensedUser',
    data: { email, firstName: 'F', lastName: 'L', company: 'Acme', country: 'BG', permissions: BASIC },
    actor: holder,
    at: NOW,
  });

  it('records the hours the policy promises with the invitation', () => {
    const [event] = licenceDecider.decide(
      assign('sam@acme.example'),
      fold(licenceDecider, [licenceIssued()]),
      context,
    );
    expect(event.data).toMatchObject({ accessPromisedWithinHours: 72 });
  });

  it('tells whoever invites a pending address again how to resend the invitation', () => {
    given(licenceIssued(), userInvited('sam@acme.example', INVITED_AT))
      .when(assign('sam@acme.example'))
      .thenFails({
        code: 'licensed-user-already-assigned',
        kind: 'conflict',
        message: expect.stringContaining('/v1/licences/lic-1/users/sam@acme.example/invitation'),
      });
  });
});
