import type { Page } from 'playwright-core';
import { openConsoleAs } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  openAcmeRetailCase,
} from './support/console/console-in-chromium';

/**
 * An engineer on an escalated case is offered De-escalate only once someone acknowledged the
 * escalation (the case detail's allowedActions leaves it out before, and the API refuses it with
 * escalation-not-acknowledged), also when the customer raises a further level (finding F3).
 */
const { engineer, customer } = ACME_RETAIL_PEOPLE;
let caseId: string;

const actionSummaries = (page: Page) => page.locator('details.action > summary').allTextContents();

describeInChromium(
  'De-escalate offered only after the acknowledgement, in Chromium',
  (session) => {
    it('offers Acknowledge, not De-escalate, until the engineer acknowledges; again for a further level', async () => {
      const errors: string[] = [];
      const page = await openConsoleAs(session, engineer, `#/cases/${caseId}`, errors);
      await page.getByRole('heading', { name: 'Checkout times out' }).waitFor();
      await page.locator('details[data-action="acknowledge-escalation"]').waitFor();
      expect(await actionSummaries(page)).toContain('Acknowledge the escalation');
      expect(await page.locator('details[data-action="de-escalate"]').count()).toBe(0);

      const acknowledge = page.locator('details[data-action="acknowledge-escalation"]');
      await acknowledge.locator('summary').click();
      await acknowledge.getByRole('button', { name: 'Acknowledge' }).click();
      await page.locator('details[data-action="de-escalate"]').waitFor();
      expect(await actionSummaries(page)).not.toContain('Acknowledge the escalation');

      // The customer raises level 2: nobody acknowledged it, so De-escalate is gone again.
      await session.api.call(customer, 'POST', `/v1/cases/${caseId}/escalations`, {
        reason: 'low-satisfaction',
        details: 'Still failing at peak hours',
      });
      await page.reload();
      await page.getByRole('heading', { name: 'Escalation · level 2' }).waitFor();
      await page.locator('details[data-action="acknowledge-escalation"]').waitFor();
      expect(await page.locator('details[data-action="de-escalate"]').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  },
  async (api) => {
    caseId = await openAcmeRetailCase(api, {
      title: 'Checkout times out',
      description: 'The checkout page times out for every shopper since this morning.',
    });
    await api.call(customer, 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Our shop cannot take orders',
    });
  },
);
