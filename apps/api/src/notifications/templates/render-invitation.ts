import { DateTime } from 'luxon';
import { ACCESS_PROMISE_HOURS, type LicensedUserPermissions } from '@casetrail/domain';
import { onOneLine } from '@casetrail/domain/shared/unsafe-characters';
import type { InvitationNotification } from '@casetrail/readmodels/notifications';
import { formatInstant } from './format-instant';
import { layOutLicenceMail } from './licence-mail-layout';
import type { RenderContext, RenderedNotification } from './render-notification';
import { whyYouReceiveThis } from './why-you-receive-this';

const PERMISSION_NAMES: Record<keyof LicensedUserPermissions, string> = {
  manageUsers: 'manage users',
  shareTickets: 'share tickets',
  seeSharedTickets: 'see shared tickets',
};

/**
 * The invitation to a licence (the support policy: "Once you invite a user, a notification email is
 * sent. Users need to complete the registration process by following the instructions in the
 * email"): which licence, who invited, how to complete the registration (the console's Complete
 * registration, and the API's activation request, both under PUBLIC_URL) and when access is
 * promised: within the hours the policy set when the invitation was made (recorded with it;
 * DOMAIN.md's 48 for invitations recorded before), counted from the invitation, or for a resend
 * (a reminder) from the reminder, which sends the invitee to support rather than back to whoever
 * just sent it.
 * From the row's facts alone, so every send renders the same message.
 */
export function renderInvitation(row: InvitationNotification, context: RenderContext): RenderedNotification {
  const licence = licenceName(row);
  // Names and the licence's product and edition are one line; values recorded before line breaks
  // were refused in them must not start a line of their own in the greeting, subject or facts.
  const resent = row.change.type === 'LicensedUserInvitationResent';
  // A reminder keeps the invitation: its inviter is who made it, not who sent it again (the row's
  // actor), who is named beside; unknown for reminders written before the writer kept inviters.
  const invitedBy = resent ? row.invitedBy : row.actor;
  const inviter = invitedBy && personOf(invitedBy);
  const sentAgainBy = resent ? personOf(row.actor) : undefined;
  const invitedThemselves = invitedBy?.email.trim().toLowerCase() === row.recipient;
  const sameSender = invitedBy?.email.trim().toLowerCase() === row.actor.email.trim().toLowerCase();
  const invitation = invitedThemselves
    ? `You added yourself as a user of ${licence}`
    : inviter
      ? `${inviter} invited you to ${licence}`
      : `You are invited to ${licence}`;
  const headline =
    invitation +
    (resent
      ? ` (sent again${sameSender ? '' : ` by ${sentAgainBy}`}: your registration is still pending)`
      : '');
  // The path's email is the records' spelling; "@" may stand in a path segment (RFC 3986), so it stays readable.
  const email = encodeURIComponent(row.recipient).replace(/%40/g, '@');
  const activation = `POST ${context.publicUrl}/v1/licences/${encodeURIComponent(row.licenceId)}/users/${email}/activation`;
  const invitedAt =
    row.change.type === 'LicensedUserInvitationResent' ? row.change.data.invitedAt : row.occurredAt;
  const promiseHours = row.change.data.accessPromisedWithinHours ?? ACCESS_PROMISE_HOURS;
  // A reminder promises afresh from itself: the first promise may have passed (a resend is for an
  // invitation still pending, most often an overdue one), and repeating a missed deadline helps nobody.
  const promisedFrom = resent ? row.occurredAt : invitedAt;
  const promisedBy = DateTime.fromISO(promisedFrom, { zone: 'utc' }).plus({ hours: promiseHours });
  // In the account's business time zone with UTC beside it, as a case's messages show times; rows
  // written before the zone was recorded have none, and show UTC only.
  const when = (iso: string) => formatInstant(iso, row.licence.timeZone);
  // The console first: a customer who is no developer cannot act on a bearer-token request; the
  // request stays for integrators (newcomer review 2, N6).
  const steps = [
    'Your registration is pending: you can log support cases under this licence once it is complete.',
    `To complete it, open the support console at ${context.publicUrl}/#/cases, sign in as ${row.recipient} ` +
      'and choose Complete registration on My cases.',
    `From a program of your own, send this request instead (no body) with your bearer token as ${row.recipient}:`,
  ];
  // A licence ending before the promised time gives no access then: the mail says when it ends
  // instead, and whom to ask for its renewal (as its end's own mail does).
  const endsFirst =
    row.licenceExpiresAt !== undefined && Date.parse(row.licenceExpiresAt) < promisedBy.toMillis();
  // The promise is support's, so is the help past it: the invitation and its reminder say the same
  // (whoever sent either knows the registration is pending).
  const access = endsFirst
    ? `The licence ends ${when(row.licenceExpiresAt!)}, before the ${hoursText(promiseHours)} within which support ` +
      'promises access: complete your registration before then. Once it has ended you cannot complete it, nor ' +
      "log cases on it, until it is renewed: ask the licence's holder or your account manager to have it renewed."
    : `Support promises you access within ${hoursText(promiseHours)} of this ${resent ? 'reminder' : 'invitation'}, by ` +
      `${when(promisedBy.toISO()!)}. If you cannot log cases by then, contact support.`;
  const facts: [string, string][] = [
    ['Licence', licence],
    ['Licence id', row.licenceId],
    ...(inviter ? ([['Invited by', inviter]] as [string, string][]) : []),
    ['Invited', when(invitedAt)],
    ...(resent
      ? ([
          ['Sent again', when(row.occurredAt)],
          ['Sent again by', sentAgainBy!],
        ] as [string, string][])
      : []),
    ['Permissions', permissionsOf(row.change.data.permissions)],
    ...(endsFirst ? ([['Licence ends', when(row.licenceExpiresAt!)]] as [string, string][]) : []),
  ];
  const greeting = row.recipientName ? `Hello ${onOneLine(row.recipientName)},` : 'Hello,';
  return layOutLicenceMail({
    // The licence alone: the inviter's name is whatever their token said, not for a subject line.
    subject: `[Casetrail] ${resent ? 'Reminder: you' : 'You'} are invited to ${licence}: complete your registration`,
    greeting,
    headline,
    blocks: [{ lines: steps }, { request: activation }, { lines: [access] }],
    facts,
    why: whyYouReceiveThis(row.reasons),
  });
}

/** "Name <address>", or the address alone when their token gave no name. */
function personOf(actor: InvitationNotification['actor']): string {
  return actor.name ? `${onOneLine(actor.name)} <${actor.email}>` : actor.email;
}

/** "Sitefinity CMS (Online Marketing License)", or the id of a licence issued before the outbox followed licences. */
export function licenceName(row: Pick<InvitationNotification, 'licenceId' | 'licence'>): string {
  const { product, edition } = row.licence;
  if (product === null) return `licence ${row.licenceId}`;
  return onOneLine(edition ? `${product} (${edition})` : product);
}

/** Basic always, and the permissions granted on top. */
export function permissionsOf(permissions: LicensedUserPermissions): string {
  const granted = (Object.keys(PERMISSION_NAMES) as (keyof LicensedUserPermissions)[])
    .filter((name) => permissions[name])
    .map((name) => PERMISSION_NAMES[name]);
  return ['basic', ...granted].join(', ');
}

/** "48 hours", "1 hour", "1.5 hours": the policy's follow-up time may be any positive number. */
function hoursText(hours: number): string {
  return `${Number(hours.toFixed(2))} ${hours === 1 ? 'hour' : 'hours'}`;
}
