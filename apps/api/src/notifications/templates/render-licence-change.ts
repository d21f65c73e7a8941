import {
  endsLicenceEarlier,
  instantToMillis,
  licenceHolderToAsk,
  movesLicenceEndLaterInForce,
  renewsEndedLicence,
  type ChangeableLicenceTerms,
  type LicensedUserPermissions,
} from '@casetrail/domain';
import { onOneLine } from '@casetrail/domain/shared/unsafe-characters';
import type { LicenceChangeNotification } from '@casetrail/readmodels/notifications';
import { formatInstant } from './format-instant';
import { AFTER_THE_END, consoleFirst, type ChangeWording } from './licence-change-wording';
import { layOutLicenceMail, type LicenceMailBlock } from './licence-mail-layout';
import { missionCriticalCoverLine } from './mission-critical-cover-wording';
import { licenceName, permissionsOf } from './render-invitation';
import { handOverWording } from './render-licence-hand-over';
import type { RenderContext, RenderedNotification } from './render-notification';
import { whyYouReceiveThis } from './why-you-receive-this';

/** What a change of a licence's terms carries (its new and previous terms). */
type TermsChangeData = Extract<LicenceChangeNotification['change'], { type: 'LicenceTermsChanged' }>['data'];

/**
 * The body of a change of permissions, as API.md gives it, with the user's permissions as they now
 * stand where the mail knows them, so that sending it unchanged changes nothing; otherwise with each
 * to be filled in (a sample of all false, sent as is, took away every permission the user held).
 */
function permissionsBody(permissions?: LicensedUserPermissions): string {
  if (!permissions)
    return '{"permissions": {"manageUsers": true|false, "shareTickets": true|false, "seeSharedTickets": true|false}}';
  const { manageUsers, shareTickets, seeSharedTickets } = permissions;
  return JSON.stringify({ permissions: { manageUsers, shareTickets, seeSharedTickets } })
    .replace(/":/g, '": ')
    .replace(/,"/g, ', "');
}

/** What an opener removed from a licence keeps and loses (command-ground.ts: an opener's ground lasts). */
const REMOVED_USER_KEEPS =
  'The cases you opened stay yours: you can still read them and comment on those not yet closed. ' +
  'You can no longer open cases on this licence, nor escalate or share the ones you opened.';

/**
 * A licence's administration after its issue (F8: it was silent): to its holder, a user completing
 * their registration, having their permissions changed or being removed, and a change of its terms
 * (an early end above all); to the user a change is about, what changed for them. It says who made
 * the change and why when given. From the row's facts alone, so every send renders the same.
 */
export function renderLicenceChange(
  row: LicenceChangeNotification,
  context: RenderContext,
): RenderedNotification {
  const licence = licenceName(row);
  const when = (iso: string) => formatInstant(iso, row.licence.timeZone);
  const by = row.actor.name ? `${onOneLine(row.actor.name)} <${row.actor.email}>` : row.actor.email;
  const wording = wordingOf(row, licence, by, when, context);
  const reason = 'reason' in row.change.data ? row.change.data.reason : undefined;
  const accountName = row.licence.accountName ? onOneLine(row.licence.accountName) : undefined;
  return layOutLicenceMail({
    subject: `[Casetrail] ${wording.subject}`,
    greeting: 'Hello,',
    headline: wording.headline,
    blocks: wording.blocks,
    facts: [
      ['Licence', licence],
      ['Licence id', row.licenceId],
      ...(accountName ? [['Account', accountName] as [string, string]] : []),
      ...wording.facts,
      // A licence reaching its end was nobody's change: its facts say when it ended.
      ...(row.change.type === 'LicenceExpired'
        ? []
        : ([
            ['Changed by', by],
            ['When', when(row.occurredAt)],
          ] as [string, string][])),
      ...(reason ? [['Reason', onOneLine(reason)] as [string, string]] : []),
    ],
    why: whyYouReceiveThis(row.reasons),
  });
}

function wordingOf(
  row: LicenceChangeNotification,
  licence: string,
  by: string,
  when: (iso: string) => string,
  context: RenderContext,
): ChangeWording {
  const change = row.change;
  // The person the change is about reads it as theirs, even when they hold the licence too.
  const toTheUser = row.reasons.includes('licensed-user');
  const userUrl = (email: string) =>
    `${context.publicUrl}/v1/licences/${encodeURIComponent(row.licenceId)}/users/${encodeURIComponent(email).replace(/%40/g, '@')}`;
  switch (change.type) {
    case 'LicensedUserRegistrationCompleted': {
      const { email } = change.data;
      return {
        subject: `${email} completed their registration on ${licence}`,
        headline: `${email} completed their registration on ${licence} and can now open cases on it`,
        blocks: [
          { lines: [consoleFirst(context, row.licenceId, 'change their permissions, or to remove them')] },
          { request: `PATCH ${userUrl(email)}  ${permissionsBody()}` },
          { request: `DELETE ${userUrl(email)}` },
        ],
        facts: [['User', email]],
      };
    }
    case 'LicensedUserPermissionsChanged': {
      const { email, permissions, previousPermissions } = change.data;
      const now = permissionsOf(permissions);
      const facts: [string, string][] = [
        ...(toTheUser ? [] : [['User', email] as [string, string]]),
        ['Permissions', now],
        ['Before', permissionsOf(previousPermissions)],
      ];
      return toTheUser
        ? {
            subject: `Your permissions on ${licence} changed`,
            headline: `Your permissions on ${licence} changed: ${now}`,
            blocks: permissionsTakeEffect(row, context),
            facts,
          }
        : {
            subject: `The permissions of ${email} on ${licence} changed`,
            headline: `${by} changed the permissions of ${email} on ${licence}: ${now}`,
            blocks: [
              { lines: [consoleFirst(context, row.licenceId, 'change them again')] },
              { request: `PATCH ${userUrl(email)}  ${permissionsBody(permissions)}` },
            ],
            facts,
          };
    }
    case 'LicensedUserRemoved': {
      const { email } = change.data;
      if (change.data.invitationWithdrawn === true) return invitationWithdrawn(email, licence, by, toTheUser);
      return toTheUser
        ? {
            subject: `You were removed from ${licence}`,
            headline: `You were removed from ${licence}: you can no longer open cases on it`,
            blocks: [
              {
                lines: [
                  REMOVED_USER_KEEPS,
                  `If this is a mistake, ask the licence's holder${row.licenceHolder ? ` (${row.licenceHolder})` : ''} ` +
                    'or a colleague who manages its users to add you again.',
                ],
              },
            ],
            facts: [],
          }
        : {
            subject: `${email} was removed from ${licence}`,
            headline: `${by} removed ${email} from ${licence}`,
            blocks: [
              {
                lines: [
                  'They can no longer open cases on it, nor escalate or share the ones they opened; those stay open ' +
                    'with support, and they can still read and comment on them.',
                ],
              },
            ],
            facts: [['User', email]],
          };
    }
    case 'LicenceTermsChanged':
      if (toTheUser && renewsEndedLicence(change.data, row.occurredAt))
        return renewalToTheUser(row, change.data, licence, by, context, when);
      // Only users told of an earlier end are mailed an end moved later (the writer's renewalToUsers).
      if (toTheUser && movesLicenceEndLaterInForce(change.data))
        return extensionToTheUser(row, change.data, licence, by, when);
      return toTheUser
        ? endToTheUser(row, change.data, licence, by, when)
        : termsWording(row, change.data, licence, by, when);
    case 'LicenceHolderChanged':
      return handOverWording(row, change.data, licence, by, context);
    case 'LicenceExpired':
      return lapseWording(row, change.data, licence, when, toTheUser);
  }
}

/**
 * When the changed permissions apply, where not at once: an invitee's at their registration (how
 * to complete it, as the invitation says), and none on a licence past its end until it is renewed.
 */
function permissionsTakeEffect(row: LicenceChangeNotification, context: RenderContext): LicenceMailBlock[] {
  const lines: string[] = [];
  if (row.recipientPending === true && row.licenceEnded !== true)
    lines.push(
      'Your registration is still pending: these permissions apply once you complete it. To complete it, open the ' +
        `support console at ${context.publicUrl}/#/cases, sign in as ${row.recipient} and choose Complete registration on My cases.`,
    );
  if (row.recipientPending === true && row.licenceEnded === true)
    lines.push(
      'Your registration is still pending, and the licence has ended: you can complete your registration, and these ' +
        `permissions apply, once it is renewed (ask ${holderToAsk(row)} or your account manager).`,
    );
  if (row.recipientPending !== true && row.licenceEnded === true)
    lines.push(
      `The licence has ended: these permissions apply once it is renewed (ask ${holderToAsk(row)} or your account ` +
        'manager). Until then you cannot open, share or reopen cases on it, nor see shared cases through it.',
    );
  return lines.length ? [{ lines }] : [];
}

const TERM_LABELS: Record<Exclude<keyof ChangeableLicenceTerms, 'expiresAt'>, string> = {
  edition: 'Edition',
  plan: 'Plan',
  activeUntil: 'Active until',
  seats: 'Seats',
};

function termsWording(
  row: LicenceChangeNotification,
  data: TermsChangeData,
  licence: string,
  by: string,
  when: (iso: string) => string,
): ChangeWording {
  const at = row.occurredAt;
  const { terms, previousTerms } = data;
  const facts = (Object.keys(TERM_LABELS) as (keyof typeof TERM_LABELS)[])
    .filter((term) => terms[term] !== undefined)
    .map((term): [string, string] => {
      const was = previousTerms[term];
      const words = (value: unknown) =>
        term === 'activeUntil' ? activeUntilWords(value, when) : onOneLine(String(value));
      const value = words(terms[term]);
      return [TERM_LABELS[term], was === undefined ? value : `${value} (was ${words(was)})`];
    });
  const endsEarlier = endsLicenceEarlier(data);
  if (renewsEndedLicence(data, at))
    return {
      subject: `${licence} is in force again`,
      headline: `${by} renewed ${licence}: it is in force again`,
      blocks: [
        {
          lines: [
            'Its users can open, share and reopen cases on it again, users who manage users manage them again, ' +
              'and pending invitees can complete their registration; you can invite colleagues again.',
            // Those told of its end hear of the renewal; after an end nobody was told of, nobody is.
            ...(row.usersToldOfRenewal
              ? ['Its users and pending invitees, told of its end, are told of it by mail too.']
              : []),
            ...missionCriticalCoverLine(row, 'renewal'),
          ],
        },
      ],
      facts,
    };
  if (!endsEarlier || terms.expiresAt === undefined)
    return {
      subject: `The terms of ${licence} changed`,
      headline: `${by} changed the terms of ${licence}`,
      // An end moved later before the earlier end its users were told of came.
      blocks: row.usersToldOfRenewal
        ? [
            {
              lines: [
                'Its users and pending invitees, told of its earlier end, are told by mail that it no longer applies.',
              ],
            },
          ]
        : [],
      facts,
    };
  const ended = instantToMillis(terms.expiresAt) <= instantToMillis(at);
  return {
    subject: ended
      ? `${licence} was ended early`
      : `${licence} ends early: active until ${activeUntilWords(terms.activeUntil, when)}`,
    headline: ended
      ? `${by} ended ${licence} early`
      : `${by} moved the end of ${licence} earlier, to ${when(terms.expiresAt)}`,
    blocks: [
      {
        lines: [
          ended ? `It has ended: ${AFTER_THE_END}.` : `From ${when(terms.expiresAt)}, ${AFTER_THE_END}.`,
          SHARED_CASES_LOST,
          ...missionCriticalCoverLine(row, 'end'),
          usersTold(row),
        ],
      },
    ],
    // An end already past reads "Ended", not "Ends" (the admin may date it weeks back).
    facts: [...facts, [ended ? 'Ended' : 'Ends', when(terms.expiresAt)]],
  };
}

/**
 * A renewal after an end the licence's users and pending invitees were told of (they were told to
 * wait for it): it is in force again, and what that gives them back; an invitee, how to complete
 * the registration now, as the invitation says it.
 */
function renewalToTheUser(
  row: LicenceChangeNotification,
  data: TermsChangeData,
  licence: string,
  by: string,
  context: RenderContext,
  when: (iso: string) => string,
): ChangeWording {
  const email = encodeURIComponent(row.recipient).replace(/%40/g, '@');
  const blocks: LicenceMailBlock[] =
    row.recipientPending === true
      ? [
          {
            lines: [
              'Your invitation to it no longer waits: you can complete your registration now, and log support ' +
                'cases under this licence once it is complete.',
              `To complete it, open the support console at ${context.publicUrl}/#/cases, sign in as ${row.recipient} ` +
                'and choose Complete registration on My cases.',
              `From a program of your own, send this request instead (no body) with your bearer token as ${row.recipient}:`,
            ],
          },
          {
            request: `POST ${context.publicUrl}/v1/licences/${encodeURIComponent(row.licenceId)}/users/${email}/activation`,
          },
        ]
      : [
          {
            lines: [
              "You can open, share and reopen cases on it again, and escalate its cases. If you see colleagues' " +
                'shared cases through it, you see them again; if you manage its users, you manage them again.',
            ],
          },
        ];
  return {
    subject: `${licence} is in force again`,
    headline: `${by} renewed ${licence}: it is in force again`,
    blocks,
    facts:
      data.terms.activeUntil === undefined
        ? []
        : [['Active until', activeUntilWords(data.terms.activeUntil, when)]],
  };
}

/**
 * An end moved later before the earlier end the licence's users and pending invitees were told of
 * came: that end no longer applies, and the licence runs to the later one (before, they were told
 * nothing and went on expecting the earlier end).
 */
function extensionToTheUser(
  row: LicenceChangeNotification,
  data: TermsChangeData,
  licence: string,
  by: string,
  when: (iso: string) => string,
): ChangeWording {
  const { terms, previousTerms } = data;
  const activeUntil =
    terms.activeUntil === undefined ? when(terms.expiresAt!) : activeUntilWords(terms.activeUntil, when);
  // Moved later, yet perhaps not back to where it was: "no longer ends early" could be untrue.
  const meanwhile =
    row.recipientPending === true
      ? 'you can complete your registration until then, as your invitation says'
      : 'you can open, share and reopen cases on it until then';
  return {
    subject: `The end of ${licence} moved later: active until ${activeUntil}`,
    headline: `${by} moved the end of ${licence} later, to ${when(terms.expiresAt!)}`,
    blocks: [
      {
        lines: [
          `The earlier end you were told of (${when(previousTerms.expiresAt!)}) no longer applies: the licence is in ` +
            `force until ${when(terms.expiresAt!)}, and ${meanwhile}.`,
        ],
      },
    ],
    facts: [
      ['Ends', when(terms.expiresAt!)],
      ['No longer ends', when(previousTerms.expiresAt!)],
    ],
  };
}

/**
 * An early end, told to each of the licence's users and pending invitees (the outbox mails them only
 * for an end moved earlier): what they can no longer do, what is left, and who renews it.
 */
function endToTheUser(
  row: LicenceChangeNotification,
  data: TermsChangeData,
  licence: string,
  by: string,
  when: (iso: string) => string,
): ChangeWording {
  const expiresAt = data.terms.expiresAt!;
  const ended = instantToMillis(expiresAt) <= instantToMillis(row.occurredAt);
  const lines = endLinesToTheUser(row, ended);
  return {
    subject: ended
      ? `${licence} has ended`
      : `${licence} ends early: active until ${activeUntilWords(data.terms.activeUntil, when)}`,
    headline: ended
      ? `${by} ended ${licence} early`
      : `${by} moved the end of ${licence} earlier, to ${when(expiresAt)}`,
    blocks: [{ lines }],
    facts: [[ended ? 'Ended' : 'Ends', when(expiresAt)]],
  };
}

/**
 * What a user (or a pending invitee) of a licence that ended, or is about to, can and cannot do, and
 * whom to ask: the same words for an early end and for a licence reaching its end.
 */
function endLinesToTheUser(row: LicenceChangeNotification, ended: boolean): string[] {
  const renewal = `ask ${holderToAsk(row)} or your account manager to have it renewed`;
  return row.recipientPending === true
    ? [
        `Your invitation to it waits for its renewal: you cannot complete your registration ${ended ? 'now' : 'after its end'}; ${renewal}.`,
      ]
    : [
        `${ended ? 'You can no longer' : 'From then on you can no longer'} open, share or reopen cases on it until it is renewed. ` +
          'You can still comment on its cases not yet closed, and escalate them if you are also a user of another ' +
          'licence of the account that is in force.',
        "If you see colleagues' shared cases through it, you no longer do, unless you hold see shared tickets on " +
          'another licence of the account that is in force.',
        ...(row.recipientManagesUsers
          ? [
              `Your manage-users permission on it is suspended ${ended ? '' : 'from then '}until it is renewed: you ` +
                'cannot invite, change or remove its users, nor see its pending invitations, meanwhile.',
            ]
          : []),
        `To go on using it, ${renewal}.`,
      ];
}

/** The holder named where the row knows them (and they are someone else), as the console names them. */
function holderToAsk(row: LicenceChangeNotification): string {
  return licenceHolderToAsk(row.licenceHolder, row.recipient);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A licence's `activeUntil` as the mail's other instants read: a date as the admin gave it (it covers
 * its whole day everywhere), an instant formatted in the account's time zone like "Ended:" beside it
 * (customer3 F5: "active until 2026-11-30T05:32:00Z" stood next to "Ended: Mon 30 Nov 2026, 00:32 EST").
 */
function activeUntilWords(activeUntil: unknown, when: (iso: string) => string): string {
  const text = onOneLine(String(activeUntil));
  return DATE_ONLY.test(text) || Number.isNaN(Date.parse(text)) ? text : when(text);
}

/**
 * A licence that reached the end of its term (LicenceExpired), told to its holder, and to each user
 * and pending invitee in the words of an early end: what it means, and that renewal is the account
 * manager's (DOMAIN.md, scope triage: licensing, purchase and renewal belong to the account manager).
 */
function lapseWording(
  row: LicenceChangeNotification,
  data: Extract<LicenceChangeNotification['change'], { type: 'LicenceExpired' }>['data'],
  licence: string,
  when: (iso: string) => string,
  toTheUser: boolean,
): ChangeWording {
  const facts: [string, string][] = [
    ['Active until', activeUntilWords(data.activeUntil, when)],
    ['Ended', when(data.expiresAt)],
  ];
  const subject = `${licence} has ended`;
  const headline = `${licence} reached the end of its term (active until ${activeUntilWords(data.activeUntil, when)}) and has ended`;
  if (toTheUser) return { subject, headline, blocks: [{ lines: endLinesToTheUser(row, true) }], facts };
  return {
    subject,
    headline,
    blocks: [
      {
        lines: [
          `It has ended: ${AFTER_THE_END}.`,
          SHARED_CASES_LOST,
          ...missionCriticalCoverLine(row, 'end'),
          usersTold(row),
          "To renew it, ask your account manager: licensing and renewals are theirs, not support's. Once it is " +
            'renewed, its users open cases on it again as before.',
        ],
      },
    ],
    facts,
  };
}

/**
 * Whether the licence's users and pending invitees hear of its end themselves: not those of a
 * licence issued before the outbox writer kept its users (it knows none of them to mail).
 */
function usersTold(row: LicenceChangeNotification): string {
  return row.usersNotMailed
    ? 'Its users and pending invitees are not told of it by mail: this desk does not know them (the licence ' +
        'was issued before it kept them). Please tell them yourself.'
    : 'Its users and pending invitees are told of it by mail too.';
}

/**
 * See-shared-tickets goes with the licence (seesCaseThroughSharedTickets: an active user of a
 * licence of the account in force): a user whose only such licence this was loses colleagues'
 * shared cases, which nothing else in the mail says.
 */
const SHARED_CASES_LOST =
  "Users who see colleagues' shared cases through this licence no longer see them, unless they hold see shared " +
  'tickets on another licence of the account that is in force.';

/**
 * A pending invitation withdrawn (a removal of a user who never completed registration): they never
 * could open cases and have none, so they are told the invitation was withdrawn and by whom, and
 * nothing of cases kept or lost.
 */
function invitationWithdrawn(email: string, licence: string, by: string, toTheUser: boolean): ChangeWording {
  return toTheUser
    ? {
        subject: `Your invitation to ${licence} was withdrawn`,
        headline: `${by} withdrew your invitation to ${licence}`,
        blocks: [{ lines: [`If this is a mistake, ask ${by} to invite you again.`] }],
        facts: [],
      }
    : {
        subject: `The invitation of ${email} to ${licence} was withdrawn`,
        headline: `${by} withdrew the invitation of ${email} to ${licence}`,
        blocks: [{ lines: ['They had not completed registration; their seat is free again.'] }],
        facts: [['User', email]],
      };
}
