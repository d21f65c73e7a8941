import { onOneLine } from '@casetrail/domain/shared/unsafe-characters';
import type { LicenceIssuedNotification } from '@casetrail/readmodels/notifications';
import { formatInstant } from './format-instant';
import { layOutLicenceMail } from './licence-mail-layout';
import { licenceName } from './render-invitation';
import type { RenderContext, RenderedNotification } from './render-notification';
import { whyYouReceiveThis } from './why-you-receive-this';

/** What the users' POST body holds, as API.md gives it; the permissions are what the holder grants. */
/** The body of an invitation to a licence, as API.md gives it (the hand-over mail shows it too). */
export const INVITE_BODY =
  '{"email": "...", "firstName": "...", "lastName": "...", "company": "...", "country": "...", ' +
  '"permissions": {"manageUsers": false, "shareTickets": false, "seeSharedTickets": false}}';

/**
 * The mail to a licence's holder once it is issued: which licence (its id above all: inviting users
 * and opening cases ask for it), its terms, and what to do next, as requests under PUBLIC_URL like
 * the invitation's (a holder manages users, and logs cases only once they add themselves as one).
 * From the row's facts alone, so every send renders the same message.
 */
export function renderLicenceIssued(
  row: LicenceIssuedNotification,
  context: RenderContext,
): RenderedNotification {
  const licence = licenceName(row);
  // The account as people know it, by name; its id stays among the facts for support. Rows from
  // before the name was recorded, or of an account the writer knew no name of, give the id alone.
  const accountName = row.licence.accountName ? onOneLine(row.licence.accountName) : undefined;
  const { plan, activeUntil, seats } = row.change.data;
  const licenceUrl = `${context.publicUrl}/v1/licences/${encodeURIComponent(row.licenceId)}`;
  const openCaseBody = `{"licenceId": "${row.licenceId}", "title": "...", "description": "...", "severity": 2, "channel": "web"}`;
  return layOutLicenceMail({
    subject: `[Casetrail] Your licence for ${licence} is issued: licence id ${row.licenceId}`,
    greeting: 'Hello,',
    headline: accountName
      ? `A licence for ${licence} was issued to ${accountName} with you as its holder`
      : `A licence for ${licence} was issued with you as its holder`,
    blocks: [
      {
        lines: [
          `Its licence id is ${row.licenceId}: your users give it when they open a support case, and you when you invite them.`,
          // The console first: a customer who is no developer cannot act on a bearer-token request.
          "As its holder you invite, remove and change its users, on the support console's Licences page: " +
            `${context.publicUrl}/#/licences/${encodeURIComponent(row.licenceId)}. Invite each one (an individual ` +
            'company address, not a group mailbox; each user takes a seat); from a program of your own, with your bearer token:',
        ],
      },
      { request: `POST ${licenceUrl}/users  ${INVITE_BODY}` },
      {
        lines: [
          'Each invitee is mailed how to complete their registration; once complete, they open cases on the web at ' +
            'severity 2 or 3 (severity 1, production down, is phoned in on plans with phone support):',
        ],
      },
      { request: `POST ${context.publicUrl}/v1/cases  ${openCaseBody}` },
      {
        lines: [
          'The holder is not a user: to open cases yourself, invite your own address too. ' +
            'Your licences, their ids and seats are listed at any time by:',
        ],
      },
      { request: `GET ${context.publicUrl}/v1/licences` },
    ],
    facts: [
      ['Licence', licence],
      ['Licence id', row.licenceId],
      ...(accountName ? [['Account', accountName] as [string, string]] : []),
      ['Account id', row.licence.accountId],
      ['Plan', plan],
      ['Active until', activeUntil],
      ['Seats', String(seats)],
      ['Issued', formatInstant(row.occurredAt, row.licence.timeZone)],
    ],
    why: whyYouReceiveThis(row.reasons),
  });
}
