import type { LicensedUserView } from '../api/api-types';
import { problemFromBody } from '../api/api-problem';
import {
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
