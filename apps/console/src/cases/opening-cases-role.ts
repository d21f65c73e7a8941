import { html, TemplateResult } from 'lit-html';
import type { Page } from '../app/page';
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
