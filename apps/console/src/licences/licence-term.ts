import { html, TemplateResult } from 'lit-html';
import { licenceTermWords, type LicenceTerm } from './licence-time';

/**
 * A licence's term on the Licences pages: "Active until 2027-06-30", or "Expired" (flagged): ended when,
 * in its account's zone with UTC beside it, as the mails about its end say it.
 */
export function licenceTerm(
  licence: LicenceTerm & { active: boolean },
  timeZone: string | null | undefined,
): string | TemplateResult {
  const term = licenceTermWords(licence, timeZone);
  return term.ended ? html`<strong class="overdue-note">Expired</strong>: ended ${term.words}` : term.words;
}
