import type { LicensedUserView } from '../api/api-types';
import { ApiProblem } from '../api/api-problem';
import { formatInstant } from '../shared/format';

/** When a pending invitation was last sent again and from when it may be sent again (ISO instants). */
export interface InvitationSending {
  lastSentAt?: string;
  nextResendAt?: string;
}

const later = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : Date.parse(a) >= Date.parse(b) ? a : b;

/**
 * What the page knows of a pending invitation's sending: the API's own fields on the user entry
 * (`lastSentAt`, `nextResendAt`), and what the page saw itself (a resend it made, a 409
 * invitation-sent-recently's `retryAfter`), the later of each, as the API may answer without them.
 */
export function invitationSending(user: LicensedUserView, seen: InvitationSending = {}): InvitationSending {
  return {
    lastSentAt: later(user.lastSentAt ?? undefined, seen.lastSentAt),
    nextResendAt: later(user.nextResendAt, seen.nextResendAt),
  };
}

/** Whether a resend would be refused now (409 invitation-sent-recently): its next time is still ahead. */
export function resendWaits(sending: InvitationSending, nowMs: number): boolean {
  return sending.nextResendAt !== undefined && Date.parse(sending.nextResendAt) > nowMs;
}

/** "Sent again Sun 29 Nov 2026, 22:21 CET; can be sent again from …", in the viewer's time or `format`'s. */
export function sentAgainNote(
  sending: InvitationSending,
  nowMs: number,
  format: (iso: string) => string = formatInstant,
): string | undefined {
  const parts: string[] = [];
  if (sending.lastSentAt) parts.push(`Sent again ${format(sending.lastSentAt)}`);
  if (sending.nextResendAt && resendWaits(sending, nowMs))
    parts.push(`can be sent again from ${format(sending.nextResendAt)}`);
  if (parts.length === 0) return undefined;
  const note = parts.join('; ');
  return note.charAt(0).toUpperCase() + note.slice(1);
}

/**
 * An invitation the API lists as overdue stops being flagged once it was sent again: the reminder
 * promises access within the follow-up time of its own sending, which starts afresh.
 */
export function stillOverdue(
  listedOverdue: boolean,
  sending: InvitationSending,
  followUpHours: number,
  nowMs: number,
): boolean {
  if (!listedOverdue) return false;
  if (!sending.lastSentAt) return true;
  return Date.parse(sending.lastSentAt) + followUpHours * 3_600_000 <= nowMs;
}

/**
 * Whether the licence page flags a pending entry overdue: the API's verdict (the rule its count of
 * overdue invitations follows; else whether pending-invitations lists it), still subject to a resend
 * this page made or learnt of since (stillOverdue), which the API's answer may predate. On an ended
 * licence nobody can register (403 licence-expired): its invitations wait for the renewal, none overdue.
 */
export function flaggedOverdue(
  entry: { status: 'pending' | 'active'; overdue?: boolean },
  listedOverdue: boolean,
  licenceActive: boolean,
  sending: InvitationSending,
  followUpHours: number,
  nowMs: number,
): boolean {
  if (entry.status !== 'pending' || !licenceActive) return false;
  return stillOverdue(entry.overdue ?? listedOverdue, sending, followUpHours, nowMs);
}

/** The `retryAfter` of a 409 invitation-sent-recently: from when the invitation may be sent again. */
export function resendRefusedUntil(error: unknown): string | undefined {
  return error instanceof ApiProblem && error.hasCode('invitation-sent-recently')
    ? error.retryAfter
    : undefined;
}
