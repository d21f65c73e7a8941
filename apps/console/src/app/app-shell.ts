import { html, nothing, TemplateResult } from 'lit-html';
import type { SignedInUser } from '../auth/session';
import type { LicenceListItem } from '../api/api-types';
import { offersNewCase } from '../cases/opening-cases-role';
import { lapsedDelegate, managesUsers } from '../licences/licence-admin-labels';
import { Route, routeHref } from './routes';

interface NavItem {
  label: string;
  route: Route;
  /** Which routes light this item up. */
  matches: (route: Route) => boolean;
}

function navItems(user: SignedInUser, licences: readonly LicenceListItem[] | null | undefined): NavItem[] {
  const items: NavItem[] = [];
  if (user.staff) {
    items.push({
      label: 'Queues',
      route: { page: 'queue', queue: 'open' },
      matches: (route) => route.page === 'queue',
    });
    items.push({
      label: 'Escalations',
      route: { page: 'escalations' },
      matches: (route) => route.page === 'escalations',
    });
  }
  items.push({
    label: user.staff ? 'Cases' : 'My cases',
    route: { page: 'cases' },
    matches: (route) => route.page === 'cases' || route.page === 'case' || route.page === 'audit',
  });
  if (user.staff) {
    items.push({
      label: 'SLA dashboard',
      route: { page: 'dashboard' },
      matches: (route) => route.page === 'dashboard',
    });
  }
  if (licences?.some((licence) => managesUsers(licence) || lapsedDelegate(licence))) {
    items.push({
      label: 'Licences',
      route: { page: 'licences' },
      matches: (route) => route.page === 'licences' || route.page === 'licence',
    });
  }
  if (offersNewCase(user, licences)) {
    items.push({
      label: 'New case',
      route: { page: 'new-case' },
      matches: (route) => route.page === 'new-case',
    });
  }
  return items;
}

/** The frame around every signed-in page: skip link, navigation, who is signed in, live messages. */
export function appShell(options: {
  user: SignedInUser;
  /** A customer's own licences (OwnLicences.items): which of New case and Licences to offer. */
  licences: readonly LicenceListItem[] | null | undefined;
  route: Route;
  page: TemplateResult;
  announcement: string;
  onSignOut: () => void;
}): TemplateResult {
  const { user, route } = options;
  const roles = user.roles.length > 0 ? user.roles.join(', ') : 'customer';
  return html`<a class="skip-link" href="#page-title" @click=${skipToContent}>Skip to content</a>
    <header class="topbar">
      <a class="brand" href=${routeHref({ page: 'home' })}
        ><span class="brand-mark" aria-hidden="true"></span>Casetrail</a
      >
      <nav class="main-nav" aria-label="Main">
        <ul>
          ${navItems(user, options.licences).map(
            (item) =>
              html`<li>
                <a href=${routeHref(item.route)} aria-current=${item.matches(route) ? 'page' : nothing}
                  >${item.label}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      <div class="signed-in">
        <span class="who" title=${user.email}
          ><span class="who-name">${user.name ?? user.email}</span>
          <span class="who-roles">${roles}</span></span
        >
        <button class="button subtle" type="button" @click=${options.onSignOut}>Sign out</button>
      </div>
    </header>
    <main id="main" class="main">${options.page}</main>
    <div class="toast" role="status" aria-live="polite">${options.announcement}</div>`;
}

/** The hash is the router's, so the skip link moves focus itself instead of navigating. */
function skipToContent(event: Event): void {
  event.preventDefault();
  document.getElementById('page-title')?.focus();
}
