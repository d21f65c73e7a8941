import type { LicensedUserView } from '../api/api-types';
import { problemFromBody } from '../api/api-problem';
import {
  flaggedOverdue,
  invitationSending,
  resendRefusedUntil,
  resendWaits,
  sentAgainNote,
  stillOverdue,
} from './invitation-sending';

const ria: LicensedUserView = {
  email: 'ria.late@northwind.example',
  firstName: 'Ria',
  lastName: 'Late',
  company: 'Northwind',
  country: 'DE',
  status: 'pending',
  permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
  invitedAt: '2026-11-27T21:00:00.000Z',
  registeredAt: null,
};
const at = (iso: string) => Date.parse(iso);

describe('a pending invitation sent again', () => {
  it('is no longer overdue once sent again, until the follow-up time passes again', () => {
    const sending = invitationSending(ria, { lastSentAt: '2026-11-29T21:21:47.547Z' });
    expect(stillOverdue(true, sending, 48, at('2026-11-29T21:22:00Z'))).toBe(false);
    expect(stillOverdue(true, sending, 48, at('2026-12-01T21:22:00Z'))).toBe(true);
    expect(stillOverdue(true, invitationSending(ria), 48, at('2026-11-29T21:22:00Z'))).toBe(true);
  });

  it('is not flagged overdue once this page sent it again, even when the API’s entry (read before) said overdue', () => {
    const sending = invitationSending(ria, { lastSentAt: '2026-11-29T21:21:47.547Z' });
    const now = at('2026-11-29T21:22:00Z');
    // Before, the API's `overdue: true` won over the page's own resend of a moment ago.
    expect(flaggedOverdue({ ...ria, overdue: true }, false, true, sending, 48, now)).toBe(false);
    expect(flaggedOverdue({ ...ria, overdue: true }, false, true, invitationSending(ria), 48, now)).toBe(
      true,
    );
    // An API that does not say: whether pending-invitations listed it; an ended licence's wait, none overdue.
    expect(flaggedOverdue(ria, true, true, invitationSending(ria), 48, now)).toBe(true);
    expect(flaggedOverdue({ ...ria, overdue: true }, true, false, invitationSending(ria), 48, now)).toBe(
      false,
    );
    expect(
      flaggedOverdue(
        { ...ria, status: 'active', overdue: true },
        true,
        true,
        invitationSending(ria),
        48,
        now,
      ),
    ).toBe(false);
  });

  it('waits until the 409 retryAfter (or the API entry’s nextResendAt), and says so', () => {
    const refused = problemFromBody(409, 'Conflict', {
      type: 'https://casetrail.example/problems/invitation-sent-recently',
      title: 'Invitation sent recently',
      detail: 'The invitation … can be sent again from 2026-11-29T22:21:47.547Z',
      retryAfter: '2026-11-29T22:21:47.547Z',
    });
    const nextResendAt = resendRefusedUntil(refused);
    expect(nextResendAt).toBe('2026-11-29T22:21:47.547Z');
    const sending = invitationSending(ria, { nextResendAt });
    expect(resendWaits(sending, at('2026-11-29T21:30:00Z'))).toBe(true);
    expect(resendWaits(sending, at('2026-11-29T22:30:00Z'))).toBe(false);
    expect(sentAgainNote(sending, at('2026-11-29T21:30:00Z'))).toMatch(
      /^Can be sent again from Sun,? 29 Nov 2026, /,
    );
    const fromApi = invitationSending({ ...ria, lastSentAt: '2026-11-29T21:21:47.547Z', nextResendAt });
    expect(sentAgainNote(fromApi, at('2026-11-29T21:30:00Z'))).toMatch(
      /^Sent again Sun,? 29 Nov 2026, \d\d:21 .+; can be sent again from Sun,? 29 Nov 2026, \d\d:21 /,
    );
    expect(resendRefusedUntil(problemFromBody(409, 'Conflict', { title: 'x' }))).toBeUndefined();
  });
});
