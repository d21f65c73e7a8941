import { openConsoleAs, wordsOf } from './support/console/console-browser';
import { ACME_RETAIL_PEOPLE, describeInChromium } from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * A case assigned to the account's CSM, whose designation then passed to someone else: nothing
 * vouches for the assignee any more, and the API holds back all the case's mail to them. The engineer
 * opening the case in the console is told so, and why, and reassigns it from the notice (finding F9).
 */
const { admin, engineer } = ACME_RETAIL_PEOPLE;
const customer: Person = { email: 'gina.ops@globex.example', name: 'Gina Ops' };
const formerCsm = 'cathy.csm@vendor.example';
let caseId: string;

describeInChromium(
  'an assignee nothing vouches for, in Chromium',
  (session) => {
    it('warns that the assignee gets none of the mail, says why, and reassigns from the notice', async () => {
      const errors: string[] = [];
      const page = await openConsoleAs(session, engineer, `#/cases/${caseId}`, errors);
      await page.getByRole('heading', { name: 'Invoices export empty' }).waitFor();

      const notice = page.getByRole('status').filter({ hasText: 'Not vouched for' });
      await notice.waitFor();
      const said = await wordsOf(page, '.assignee-not-vouched');
      expect(said).toContain(
        `Not vouched for: ${formerCsm} gets none of this case's mail (comments, internal notes, alerts) until it is reassigned.`,
      );
      // The API's reason, without the request it quotes for API clients (the notice has a button).
      const { assigneeNotVouchedReason: reason } = await session.api.call<{
        assigneeNotVouchedReason: string;
      }>(engineer, 'GET', `/v1/cases/${caseId}`);
      expect(said).toContain(reason.replace(/\s*\(POST \/v1\/[^)]*\)/, ''));
      expect(said).not.toContain('/v1/');

      await notice.getByRole('button', { name: 'Reassign the case' }).click();
      const assign = page.locator('details[data-action="assign"]');
      expect(await assign.getAttribute('open')).not.toBeNull();
      await page.waitForFunction(() => document.activeElement?.id === 'assign-engineer');
      await assign.getByRole('button', { name: 'Assign' }).click();

      await page.locator('.case-header', { hasText: engineer.email }).waitFor();
      expect(await page.locator('.assignee-not-vouched').count()).toBe(0);
      expect(errors).toEqual([]);
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
    ({ id: caseId } = await api.call(customer, 'POST', '/v1/cases', {
      licenceId,
      title: 'Invoices export empty',
      description: 'The monthly invoices export produces an empty file.',
      severity: 3,
      channel: 'web',
    }));
    await api.call(engineer, 'POST', `/v1/cases/${caseId}/assignment`, { engineer: formerCsm });
    await api.call(admin, 'PUT', `/v1/accounts/${accountId}/csm`, { email: 'dan.csm@vendor.example' });
  },
);
