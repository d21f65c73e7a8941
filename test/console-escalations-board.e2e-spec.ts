import { newConsoleTab, openConsoleAs, signInAs, wordsOf } from './support/console/console-browser';
import { ACME_RETAIL_PEOPLE, describeInChromium } from './support/console/console-in-chromium';
import type { DemoApi, Person } from './support/console/demo-api';

/**
 * The duty manager's escalations board in the console (finding F7): from the main navigation, the
 * open escalations in the API's order, the overdue one marked in words with who owes its status
 * update and when it was due (the case's zone with UTC beside it), the overdue board, the mark on
 * the case's queue row, and no such page for a customer.
 */
const { admin, engineer, customer } = ACME_RETAIL_PEOPLE;
const HOUR = 3_600_000;
let licenceId: string;
let lateCase: string;
let freshCase: string;

interface BoardRow {
  id: string;
  caseId: string;
  overdue: boolean;
  statusUpdatesOwedBy: string | null;
}

async function openCase(api: DemoApi, title: string): Promise<string> {
  const { id } = await api.call(customer, 'POST', '/v1/cases', {
    licenceId,
    title,
    description: `${title}, since this morning.`,
    severity: 2,
    channel: 'web',
  });
  return id;
}

async function escalate(api: DemoApi, caseId: string, by: Person): Promise<void> {
  await api.call(by, 'POST', `/v1/cases/${caseId}/escalations`, {
    reason: 'business-operations-risk',
    details: 'Orders are piling up.',
  });
}

describeInChromium(
  'the escalations board, in Chromium',
  (session) => {
    beforeAll(async () => {
      // A business day later the acknowledged escalation's status update is overdue; one raised now is not.
      session.server.clock.advance(30 * HOUR);
      freshCase = await openCase(session.api, 'Search results stale');
      await escalate(session.api, freshCase, customer);
    });

    it('shows the overdue escalation as overdue, who owes its update and when it was due, in the API order', async () => {
      const errors: string[] = [];
      const page = await newConsoleTab(session.chromium, errors);
      await signInAs(page, session.server, session.api, engineer);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Escalations' }).click();
      const heading = page.getByRole('heading', { name: 'Escalations', level: 1 });
      await heading.waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'page-title');
      await page.locator(`tr[data-case-id="${lateCase}"]`).waitFor();

      const board = await session.api.call<{ items: BoardRow[] }>(engineer, 'GET', '/v1/escalations');
      const shownOrder = await page
        .locator('table.escalation-board tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-escalation-id')));
      expect(shownOrder).toEqual(board.items.map((item) => item.id));
      const late = board.items.find((item) => item.caseId === lateCase)!;
      expect(late).toMatchObject({ overdue: true, statusUpdatesOwedBy: engineer.email });

      const lateRow = `tr[data-case-id="${lateCase}"]`;
      const nextDue = await wordsOf(page, `${lateRow} td[data-label="Next due"]`);
      // Acknowledged Monday 09:00 UTC, its update due a business day later; 30 hours on, 6 hours late.
      expect(nextDue).toContain(
        'Overdue Status update Tue, 3 Mar 2026, 10:00 CET (09:00 UTC) overdue by 6h 0m',
      );
      expect(await wordsOf(page, `${lateRow} td[data-label="Owed by"]`)).toBe(engineer.email);
      expect(await page.locator(`${lateRow} a.case-link`).getAttribute('href')).toBe(`#/cases/${lateCase}`);

      const freshRow = `tr[data-case-id="${freshCase}"]`;
      const freshDue = await wordsOf(page, `${freshRow} td[data-label="Next due"]`);
      expect(freshDue).toMatch(/^Acknowledgement .+ due in /);
      expect(freshDue).not.toContain('Overdue');
      expect(await wordsOf(page, `${freshRow} td[data-label="Owed by"]`)).toBe(
        'Whoever is on duty (not acknowledged yet)',
      );
      expect(await wordsOf(page, '.board-summary')).toBe('2 escalations on page 1, 1 overdue.');

      // The overdue board lists only the late one.
      await page
        .getByRole('navigation', { name: 'Escalation boards' })
        .getByRole('link', { name: 'Overdue' })
        .click();
      await page.waitForFunction(() => location.hash === '#/escalations?state=overdue');
      await page.locator(`tr[data-case-id="${freshCase}"]`).waitFor({ state: 'detached' });
      expect(await page.locator('table.escalation-board tbody tr').count()).toBe(1);

      // The API's filters: both cases are severity 2, so none is left at severity 3.
      await page.getByLabel('Severity').selectOption('3');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('No overdue escalations with these filters.').waitFor();
      expect(await page.evaluate(() => location.hash)).toBe('#/escalations?state=overdue&severity=3');
      expect(errors).toEqual([]);
      await page.close();
    });

    it("marks the overdue escalation on the case's queue row", async () => {
      const page = await openConsoleAs(session, engineer, '#/queues/escalated');
      const row = page.locator(`tr[data-case-id="${lateCase}"]`);
      await row.getByText('Escalation overdue: status update').waitFor();
      expect(
        await page.locator(`tr[data-case-id="${freshCase}"]`).getByText('Escalation overdue').count(),
      ).toBe(0);
      await page.close();
    });

    it('fits a phone: the board becomes cards without widening the page', async () => {
      const page = await openConsoleAs(session, engineer, '#/escalations');
      await page.setViewportSize({ width: 375, height: 800 });
      await page.locator(`tr[data-case-id="${lateCase}"]`).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });

    it('offers a customer no escalations board', async () => {
      const page = await openConsoleAs(session, customer, '#/escalations');
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Escalations' }).count()).toBe(0);
      await page.close();
    });
  },
  async (api) => {
    ({ licenceId } = await api.setUpAccount(admin, {
      name: 'Acme Retail',
      timeZone: 'Europe/Berlin',
      licence: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        holder: { email: 'cto@acme.example', name: 'Acme CTO' },
      },
      users: [{ ...customer, company: 'Acme Retail', country: 'DE' }],
    }));
    lateCase = await openCase(api, 'Checkout fails at payment');
    await api.call(engineer, 'POST', `/v1/cases/${lateCase}/assignment`, { engineer: engineer.email });
    await escalate(api, lateCase, customer);
    await api.call(engineer, 'POST', `/v1/cases/${lateCase}/escalations/acknowledgement`, {
      reason: 'Taking it on now',
    });
  },
);
