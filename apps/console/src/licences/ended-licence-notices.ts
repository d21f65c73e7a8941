import { html, nothing, TemplateResult } from 'lit-html';
import type { LicenceListItem } from '../api/api-types';
import { endedLicenceNotes } from './ended-licence-notes';

/**
 * What a customer is told on My cases (and New case) about licences of theirs that have ended, from
 * their own GET /v1/licences alone (so nothing they may not see): where "Complete registration" or
 * "New case" is no longer offered, the reason and whom to ask, instead of a page that just lacks it.
 */
export function endedLicenceNotices(
  items: readonly LicenceListItem[] | null | undefined,
  ownEmail: string,
): TemplateResult | typeof nothing {
  const notes = endedLicenceNotes(items ?? [], ownEmail);
  if (notes.length === 0) return nothing;
  return html`<div class="ended-licence-notices">
    ${notes.map((note) => html`<p class="notice ${note.kind}">${note.text}</p>`)}
  </div>`;
}
