import { AuditPage } from '../audit/audit.page';
import { CaseListPage } from '../cases/case-list.page';
import { CasePage } from '../cases/case.page';
import { NewCasePage } from '../cases/new-case.page';
import { CannotOpenCasesPage, mayOpenCases } from '../cases/opening-cases-role';
import { EscalationsPage } from '../escalations/escalations.page';
import { LicencePage } from '../licences/licence.page';
import { LicencesPage } from '../licences/licences.page';
import { QueuePage } from '../queues/queue.page';
import { LazyPage } from './lazy-page';
import { NotFoundPage } from './not-found.page';
import type { ConsoleContext, Page } from './page';
import type { Route } from './routes';

/** The page for a route. `home` and `sign-in` are the app's own business and never get here. */
export function createPage(
  route: Exclude<Route, { page: 'home' | 'sign-in' }>,
  context: ConsoleContext,
): Page {
  switch (route.page) {
    case 'queue':
      return new QueuePage(context, route);
    case 'cases':
      return new CaseListPage(context, route);
    case 'new-case':
      return mayOpenCases(context.user) ? new NewCasePage(context) : new CannotOpenCasesPage(context.user);
    case 'case':
      return new CasePage(context, route.caseId);
    case 'audit':
      return new AuditPage(context, route.caseId);
    case 'dashboard':
      // The dashboard brings the chart library; nobody else needs to download it.
      return new LazyPage(context, 'SLA dashboard', async () => {
        const { DashboardPage } = await import('../dashboard/dashboard.page');
        return new DashboardPage(context, route);
      });
    case 'escalations':
      // The board is staff's (the API refuses customers): a customer is told of no such page.
      return context.user.staff ? new EscalationsPage(context, route) : new NotFoundPage('/escalations');
    case 'licences':
      return new LicencesPage(context);
    case 'licence':
      return new LicencePage(context, route.licenceId);
    case 'not-found':
      return new NotFoundPage(route.path);
  }
}
