import { html, TemplateResult } from 'lit-html';
import type { LicenceListItem } from '../api/api-types';
import type { Page } from '../app/page';
import { pendingInvitations } from '../licences/pending-invitations';
import { routeHref } from '../app/routes';
import { hasRole, SignedInUser } from '../auth/session';
import { pageHeading } from '../shared/ui';

/**
 * Who opens cases (API.md, OpenCase): a licensed user on the web, an engineer logging a call.
 * Other staff (auditors, CSMs, admins) hold roles, not licences: the licence form's hints
 * ("your licences have expired") would be wrong for them.
 */
export function mayOpenCases(user: SignedInUser): boolean {
  return !user.staff || hasRole(user, 'engineer');
}

/**
 * Whether the navigation (and My cases) offers New case: to an engineer, and to a customer with a
 * licence to open a case on now, or an invitation to one they can complete on the page. A customer
 * party to no licence (a case-team member or a person a case is shared with, often of another
 * company), a holder who is not one of its users, and a customer whose licences all expired are
 * not offered a form every submit of which is refused; `#/cases/new` still tells them why.
 * `licences`: the customer's GET /v1/licences; undefined while it loads (not offered yet), null
 * when it could not be read (offered: the page and the API decide).
 */
export function offersNewCase(
  user: SignedInUser,
  licences: readonly LicenceListItem[] | null | undefined,
): boolean {
  if (!mayOpenCases(user)) return false;
  if (user.staff || licences === null) return true;
  if (licences === undefined) return false;
  return licences.some((licence) => licence.mayOpenCases) || pendingInvitations(licences).length > 0;
}

/** `#/cases/new` for someone whose role does not open cases: says so, and where to go instead. */
export class CannotOpenCasesPage implements Page {
  readonly title = 'Open a case';

  constructor(private readonly user: SignedInUser) {}

  template(): TemplateResult {
    return html`${pageHeading(this.title)}
      <p class="role-note">${roleNote(this.user)}</p>
      <p><a href=${routeHref({ page: 'cases' })}>Go to the cases</a></p>`;
  }
}

export function roleNote(user: SignedInUser): string {
  return hasRole(user, 'auditor')
    ? 'Your role reads cases; it does not open them (auditors are read-only).'
    : 'Your role does not open cases: customers open them on the web, and support engineers for a customer who phones.';
}
