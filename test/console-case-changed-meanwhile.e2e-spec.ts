import { openConsoleAs, wordsOf } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  openAcmeRetailCase,
} from './support/console/console-in-chromium';

/**
 * An engineer answers a case the customer changed meanwhile: the API refuses the stale revision
 * (412); the console reloads the case, keeps the draft and says in plain words what changed and by
 * whom, so the engineer reviews and sends again. Coming back to the tab reloads the case too.
 */
const { engineer, customer } = ACME_RETAIL_PEOPLE;
let caseId: string;

describeInChromium(
  'a case changed while the engineer was writing, in Chromium',
  (session) => {
    const errors: string[] = [];

    it('says what changed and by whom, keeps the draft, and posts it on the second try', async () => {
      const page = await openConsoleAs(session, engineer, `#/cases/${caseId}`, errors);
      await page.getByRole('heading', { name: 'Search returns nothing' }).waitFor();

      await session.api.call(customer, 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'Here is the log you asked for',
      });

      const comment = page.locator('details[data-action="comment"]');
      await comment.locator('summary').click();
      await comment.getByLabel('Comment').fill('We are rebuilding the search index now.');
      await comment.getByRole('button', { name: 'Post comment' }).click();

      const alert = comment.getByRole('alert');
      await alert.getByText('This case changed while you were working on it').waitFor();
      const said = (await alert.textContent())!.replace(/\s+/g, ' ');
      expect(said).toContain('Someone else changed it (Bob Smith: Commented).');
      expect(said).toContain('what you wrote is kept: check it, then send again');
      expect(said).not.toMatch(/412|revision|reload it/);
      // The page shows the customer's comment and still holds the engineer's text.
      await page.locator('.timeline', { hasText: 'Here is the log you asked for' }).waitFor();
      expect(await comment.getByLabel('Comment').inputValue()).toBe(
        'We are rebuilding the search index now.',
      );

      await comment.getByRole('button', { name: 'Post comment' }).click();
      await page.locator('.timeline', { hasText: 'We are rebuilding the search index now.' }).waitFor();
      await page.close();
    });

    it('reloads the case when the person comes back to its tab', async () => {
      const page = await openConsoleAs(session, engineer, `#/cases/${caseId}`, errors);
      await page.locator('.timeline', { hasText: 'We are rebuilding the search index now.' }).waitFor();

      await session.api.call(customer, 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'Search works again, thanks',
      });
      // A return within seconds of the last load does not reload; one after a while does.
      await page.waitForTimeout(5_500);
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.locator('.timeline', { hasText: 'Search works again, thanks' }).waitFor({ timeout: 5_000 });
      expect(await wordsOf(page, '.timeline')).toContain('Bob Smith');
      expect(errors).toEqual([]);
      await page.close();
    });
  },
  async (api) => {
    caseId = await openAcmeRetailCase(api, {
      title: 'Search returns nothing',
      description: 'Every search on the site returns no results since the upgrade.',
    });
  },
);
