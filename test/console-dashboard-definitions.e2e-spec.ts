import { openConsoleAs, wordsOf } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  openAcmeRetailCase,
} from './support/console/console-in-chromium';

/**
 * After a reopening the dashboard (a cohort: the cases opened in the range, as they stand now) has
 * no resolution to judge, while the daily report (what happened each day) counts the resolution
 * given that day as met: both right by README "SLA clocks". The page says which is which.
 */
const { engineer, customer } = ACME_RETAIL_PEOPLE;

describeInChromium(
  'the SLA dashboard beside its daily report, in Chromium',
  (session) => {
    it('says the tiles judge the cases opened and the CSV counts each day, so their figures differ', async () => {
      const day = new Date(session.server.clock.now()).toISOString().slice(0, 10);
      const report = await session.api.call<{
        rows: { date: string; severity: number; resolutionMetPercent: number }[];
      }>(engineer, 'GET', `/v1/reports/sla-daily?from=${day}&to=${day}`);
      expect(report.rows.find((row) => row.severity === 2)?.resolutionMetPercent).toBe(100);

      const page = await openConsoleAs(session, engineer, `#/dashboard?from=${day}&to=${day}`);
      const tile = page.locator('.tile[data-severity="2"]');
      await tile.locator('[data-figure="resolution-met"]').waitFor();
      expect(await wordsOf(page, '.tile[data-severity="2"] [data-figure="resolution-met"]')).toBe(
        '— none judged yet',
      );
      expect(await wordsOf(page, '.tile[data-severity="2"] [data-figure="first-response-met"]')).toBe(
        '100% of 1',
      );
      const note = await wordsOf(page, '[data-note="goals-met"]');
      expect(note).toContain("a reopened case's resolution counts once it is resolved again");
      expect(note).toContain(
        'The daily report (CSV) and the breaches per day count what happened on each day',
      );
      await page.close();
    });
  },
  async (api) => {
    const id = await openAcmeRetailCase(api, {
      title: 'Search returns nothing',
      description: 'Every search on the site returns no results since the upgrade.',
      severity: 2,
    });
    await api.call(engineer, 'POST', `/v1/cases/${id}/comments`, { body: 'Looking into it.' });
    await api.call(engineer, 'POST', `/v1/cases/${id}/resolution`, { summary: 'Rebuilt the index.' });
    await api.call(customer, 'POST', `/v1/cases/${id}/reopening`, { reason: 'Empty again this morning' });
  },
);
