import type { LicenceChangeNotification } from '@casetrail/readmodels/notifications';
import { AFTER_THE_END, consoleFirst, type ChangeWording } from './licence-change-wording';
import { INVITE_BODY } from './render-licence-issued';
import type { RenderContext } from './render-notification';

/** What the previous holder keeps of the licence, by their own user entry (absent: not known). */
const PREVIOUS_HOLDER_KEEPS: Record<NonNullable<LicenceChangeNotification['previousHolderEntry']>, string> = {
  'active-user': 'You keep your user entry and its permissions: you can still open cases on this licence.',
  'pending-invitation':
    'You keep your pending invitation as a user: complete your registration to open cases on this licence.',
  none:
    'You have no user entry on this licence, so you can no longer read it or open cases on it; ' +
    'your existing cases stay yours. Ask the new holder to invite you if you still need it.',
};

/**
 * What the previous holder keeps: on a licence past its end (licenceEnded), an entry opens no cases
 * until the licence is renewed, so the mail promises none.
 */
function previousHolderKeeps(
  entry: NonNullable<LicenceChangeNotification['previousHolderEntry']>,
  licenceEnded: true | undefined,
): string {
  if (licenceEnded !== true || entry === 'none') return PREVIOUS_HOLDER_KEEPS[entry];
  return entry === 'active-user'
    ? 'You keep your user entry and its permissions, but the licence has ended: nobody can open cases on it ' +
        'until it is renewed (ask your account manager).'
    : 'You keep your pending invitation as a user, but the licence has ended: nobody can open cases on it ' +
        'until it is renewed (ask your account manager).';
}

/**
 * A hand-over (PUT /v1/licences/{id}/holder): the new holder learns what holding lets them do,
 * with the requests, the previous holder that they no longer hold it and what they keep.
 */
export function handOverWording(
  row: LicenceChangeNotification,
  data: Extract<LicenceChangeNotification['change'], { type: 'LicenceHolderChanged' }>['data'],
  licence: string,
  by: string,
  context: RenderContext,
): ChangeWording {
  const { holderEmail, previousHolderEmail } = data;
  const licenceUrl = `${context.publicUrl}/v1/licences/${encodeURIComponent(row.licenceId)}`;
  const facts: [string, string][] = [
    ['Holder', holderEmail],
    ['Previous holder', previousHolderEmail],
  ];
  if (row.reasons.includes('holder') && row.licenceEnded === true)
    return {
      subject: `You now hold ${licence}, which has ended`,
      headline: `${by} handed ${licence} over to you: you now hold it, but it has ended`,
      blocks: [
        {
          lines: [
            `The licence has ended: ${AFTER_THE_END}. Nobody can be invited to it, nor complete a pending ` +
              'registration, until it is renewed: ask your account manager to renew it.',
            'Meanwhile, as its holder, you read the whole licence with its users, can change their permissions ' +
              '(they apply once it is renewed) and remove them, and are told of each change to it. ' +
              'Send with your bearer token:',
          ],
        },
        { request: `GET ${licenceUrl}` },
        { request: `PUT ${licenceUrl}/holder  {"email": "..."}` },
        { lines: ['The last request hands the licence over to one of its registered users.'] },
      ],
      facts,
    };
  if (row.reasons.includes('holder'))
    return {
      subject: `You now hold ${licence}`,
      headline: `${by} handed ${licence} over to you: you now hold it`,
      blocks: [
        {
          lines: [
            'As its holder you manage its users: you invite colleagues, change their permissions and ' +
              'remove them, read the whole licence with its users, and are told of each change to it. ' +
              consoleFirst(context, row.licenceId, 'do so'),
          ],
        },
        { request: `GET ${licenceUrl}` },
        { request: `POST ${licenceUrl}/users  ${INVITE_BODY}` },
        { request: `PUT ${licenceUrl}/holder  {"email": "..."}` },
        { lines: ['The last request hands the licence over to one of its registered users.'] },
      ],
      facts,
    };
  const keeps = row.previousHolderEntry
    ? [previousHolderKeeps(row.previousHolderEntry, row.licenceEnded)]
    : [];
  return {
    subject: `You no longer hold ${licence}`,
    headline: `${by} handed ${licence} over to ${holderEmail}: you no longer hold it`,
    blocks: [{ lines: [administrationKept(row, row.licenceEnded), ...keeps] }],
    facts,
  };
}

/**
 * What the previous holder keeps of the licence's administration: with manage-users on their own
 * entry, a delegate's (delegate-limits.ts), which a licence past its end suspends until renewal;
 * without it, none; not known (facts from before the writer kept the permission), by that rule.
 */
function administrationKept(
  { previousHolderEntry, previousHolderManagesUsers }: LicenceChangeNotification,
  licenceEnded: true | undefined,
): string {
  // Only an active user manages users: no entry, or a pending one, manages none.
  const managesUsers =
    previousHolderEntry !== undefined && previousHolderEntry !== 'active-user'
      ? false
      : previousHolderManagesUsers;
  const notTold = 'You are no longer told of changes to it; the new holder is.';
  const asDelegate =
    "invite colleagues, change users' permissions and remove users, but not the holder's entry, another " +
    "manager's or your own permissions, nor give anyone manage users";
  if (managesUsers === true)
    return licenceEnded === true
      ? `${notTold} You keep the manage-users permission: once the licence is renewed you can again ${asDelegate}.`
      : `${notTold} You keep the manage-users permission: you can still ${asDelegate}.`;
  if (managesUsers === false)
    return `You no longer manage its users, nor are you told of changes to it; the new holder is.`;
  return `${notTold} You manage its users only if your own user entry has the manage-users permission.`;
}
