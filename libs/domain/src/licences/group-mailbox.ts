import { withoutInvisibleCharacters } from '../shared/unsafe-characters';

/**
 * Group addresses and distribution lists cannot be licensed users (the support portal's vendor
 * agreement requires individual addresses). Detection is configurable policy: each pattern is a
 * case-insensitive regular-expression source tested (`RegExp.test`, so anchor it yourself) against
 * the address's mailbox name, which is the local part without any `+tag` subaddress
 * (`support+cms@x.com` is still the support mailbox; `jane+team@x.com` is still Jane's).
 *
 * The defaults aim at addresses a support manager sees every week while leaving personal names
 * alone: `allison@` is a person (`^all[-_.]` needs a separator), `dev.patel@` is a person (only a
 * bare `dev@` is refused), `teamwork.lead@` is a person ("team" counts only at the end, or at the
 * start before a separator), `supporter.jones@` is a person ("support" counts at the end, or at the
 * start before a separator, a digit or "desk"). The price is that a person whose mailbox name ends in "team" or
 * "support" is refused too; that is rare, and operators can change the list.
 */
export const DEFAULT_GROUP_MAILBOX_PATTERNS: readonly string[] = [
  // support@, techsupport@, it-support@ (a superset of '^support$').
  'support$',
  // Regional, numbered and desk variants: support-emea@, support.eu@, support1@, supportdesk@.
  '^support([-_.\\d]|desk)',
  // Announcement lists: all-devs@, all.staff@, all_engineers@.
  '^all[-_.]',
  // Teams: sitefinityteam@, web-team@, team.berlin@.
  'team$',
  '^team[-_.]',
  // Well-known role mailboxes.
  '^(info|sales|help|admin|noreply|no-reply|contact|office|it|dev|devs|everyone)$',
  // More role mailboxes: lists, back office, web operations and no-reply senders.
  '^(all|staff|hello|mail|enquiries|inquiries|billing|accounts|finance|hr|jobs|careers|marketing|security|abuse|administrator|webmaster|postmaster|hostmaster|developers|engineering|ops|devops|service|services|donotreply|do-not-reply|notifications|alerts)$',
  // Plurals of the role mailboxes above, and customer service desks by any spelling.
  '^(teams|admins|sysadmins?|everybody|it[-_.]?ops|customer[-_.]?(service|services|care|support|success))$',
  // User groups: sitefinity-users@, all.members@.
  '[-_.](users|members)$',
  // Help desks: helpdesk@, it-helpdesk@, service-desk@.
  '(help|service)[-_.]?desk$',
  // Distribution-list naming conventions: dl-engineering@, list.devs@, web-group@, sales.dl@.
  '^(dl|list|group)[-_.]',
  '[-_.](dl|list|group)$',
];

/**
 * Compiles policy patterns. A malformed pattern is an operator's configuration error, not bad user
 * input, so it throws a plain Error naming the pattern; the policy loader can call this at start-up.
 */
export function compileGroupMailboxPatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((source) => {
    try {
      return new RegExp(source, 'i');
    } catch (error) {
      const reason = (error as Error).message;
      throw new Error(`Invalid group-mailbox pattern ${JSON.stringify(source)}: ${reason}`, { cause: error });
    }
  });
}

/**
 * The mailbox name the patterns look at: the local part as a reader sees it, unquoted, without a
 * `+tag` subaddress. A reader sees `ｓｕｐｐｏｒｔ` (fullwidth) or `𝐬𝐮𝐩𝐩𝐨𝐫𝐭` (mathematical bold) as
 * `support`, so the name is NFKC-folded (Unicode's compatibility normalization), and does not see
 * `sup\u200Bport`'s zero-width space, so invisible characters are dropped: judging the spelling
 * instead would let any of them slip a group address through. (requireEmail refuses such addresses
 * anyway; this keeps the rule right on its own.) A quoted local part means its content (RFC 5322
 * 3.2.4: `"support"@x` is `support@x`), so it is unquoted too.
 */
export function mailboxName(email: string): string {
  const at = email.lastIndexOf('@');
  const localPart = asRead(at < 0 ? email : email.slice(0, at));
  return unquoted(localPart.trim()).trim().split('+')[0];
}

/**
 * Text as a reader sees it: invisible characters gone, then width and style variants folded (in
 * that order: NFKC turns a hair space or a no-break space into a plain space, which shows).
 */
function asRead(text: string): string {
  return withoutInvisibleCharacters(text).normalize('NFKC');
}

/** A local part's content: quotes dropped, and a backslash escape inside quotes read as the character it escapes. */
function unquoted(localPart: string): string {
  let content = '';
  let quoted = false;
  for (let index = 0; index < localPart.length; index++) {
    const char = localPart[index];
    if (char === '"') {
      quoted = !quoted;
    } else if (quoted && char === '\\') {
      index++;
      content += localPart[index] ?? '';
    } else {
      content += char;
    }
  }
  return content;
}

export function isGroupMailbox(email: string, patterns: readonly string[]): boolean {
  const name = mailboxName(email);
  return compileGroupMailboxPatterns(patterns).some((expression) => expression.test(name));
}
