import { openConsoleAs, wordsOf } from './support/console/console-browser';
import { ACME_RETAIL_PEOPLE, describeInChromium } from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * A duty manager scans the queues, not every case: a case assigned to the account's CSM, whose
 * designation then passed to someone else, is marked on its queue row as nothing vouching for the
 * assignee (words, and the API's reason a click away), as the case page warns; a case assigned to
 * an engineer is not (finding F6).
 */
const { admin, engineer } = ACME_RETAIL_PEOPLE;
const customer: Person = { email: 'gina.ops@globex.example', name: 'Gina Ops' };
const formerCsm = 'cathy.csm@vendor.example';
let unvouchedCase: string;
let vouchedCase: string;

describeInChromium(
  'queue rows mark an assignee nothing vouches for, in Chromium',
  (session) => {
    it('marks the unvouched assignee on the open queue, with the reason as text, and leaves an engineer unmarked', async () => {
      const errors: string[] = [];
      const page = await openConsoleAs(session, engineer, '#/queues/open', errors);
      await page.getByRole('heading', { name: 'All open queue' }).waitFor();

      const unvouchedRow = page.locator(`tr[data-case-id="${unvouchedCase}"]`);
      const assigneeCell = unvouchedRow.locator('td[data-label="Assignee"]');
      await assigneeCell.getByText('Not vouched for').waitFor();
      await assigneeCell.getByText(/Gets none of the case's mail/).click();
      const said = await wordsOf(page, `tr[data-case-id="${unvouchedCase}"] td[data-label="Assignee"]`);
      expect(said).toContain('Not vouched for');
      // The API's reason on the row, without the request it quotes for API clients.
      const { items } = await session.api.call<{
        items: { id: string; assigneeVouched?: boolean; assigneeNotVouchedReason?: string }[];
      }>(engineer, 'GET', '/v1/queues/open');
      const row = items.find((item) => item.id === unvouchedCase)!;
      expect(row.assigneeVouched).toBe(false);
      expect(said).toContain(row.assigneeNotVouchedReason!.replace(/\s*\(POST \/v1\/[^)]*\)/, ''));
      expect(said).not.toContain('/v1/');
      expect(await assigneeCell.locator('.assignee-why p').isVisible()).toBe(true);

      const vouchedRow = page.locator(`tr[data-case-id="${vouchedCase}"]`);
      await vouchedRow.waitFor();
      expect(await vouchedRow.getByText('Not vouched for').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('fits a phone: the marked row becomes a card without widening the page', async () => {
      const page = await openConsoleAs(session, engineer, '#/queues/open');
      await page.setViewportSize({ width: 375, height: 800 });
      await page.locator(`tr[data-case-id="${unvouchedCase}"]`).getByText('Not vouched for').waitFor();
      await page.locator(`tr[data-case-id="${unvouchedCase}"] .assignee-why summary`).click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
  },
  async (api) => {
    const { accountId, licenceId } = await api.setUpAccount(admin, {
      name: 'Globex',
      csm: { email: formerCsm, name: 'Cathy Csm' },
      licence: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        holder: { email: 'cto@globex.example', name: 'Globex CTO' },
      },
      users: [{ ...customer, company: 'Globex', country: 'US' }],
    });
    const open = async (title: string) =>
      (
        await api.call(customer, 'POST', '/v1/cases', {
          licenceId,
          title,
          description: `${title}: seen since this morning.`,
          severity: 3,
          channel: 'web',
        })
      ).id;
    unvouchedCase = await open('Invoices export empty');
    vouchedCase = await open('Search index stale');
    await api.call(engineer, 'POST', `/v1/cases/${unvouchedCase}/assignment`, { engineer: formerCsm });
    await api.call(engineer, 'POST', `/v1/cases/${vouchedCase}/assignment`, { engineer: engineer.email });
    await api.call(admin, 'PUT', `/v1/accounts/${accountId}/csm`, { email: 'dan.csm@vendor.example' });
  },
);
