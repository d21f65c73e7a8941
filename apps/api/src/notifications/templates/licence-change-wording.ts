import type { RenderContext } from './render-notification';
import type { LicenceMailBlock } from './licence-mail-layout';

/** What a mail says that depends on the change and on whom it is for. */
export interface ChangeWording {
  subject: string;
  headline: string;
  blocks: LicenceMailBlock[];
  facts: [string, string][];
}

/** The console first (a customer who is no developer cannot act on a bearer-token request; N6). */
export const consoleFirst = (context: RenderContext, licenceId: string, what: string) =>
  `To ${what}, open the licence on the support console's Licences page, ${context.publicUrl}/#/licences/${encodeURIComponent(licenceId)}; ` +
  'from a program of your own, send with your bearer token:';

/**
 * What a licence past its end refuses its users (open-case, customer-reopening-refusal, sharing). A
 * closed case takes no comments (add-comment), so only the cases not yet closed do. An escalation
 * is a licensed user's of the account (DOMAIN.md: "a licensed user who can see the case";
 * requireMayEscalate asks for a licence of the account in force, not the case's), so a user who
 * also holds another licence of the account in force still escalates the cases of this one.
 */
export const AFTER_THE_END =
  'its users can no longer open, share or reopen cases on it until it is renewed. They can still comment on ' +
  'its cases not yet closed, and those who are also users of another licence of the account that is in force ' +
  'can still escalate them';
