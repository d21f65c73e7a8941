import { newConsoleTab, openConsoleAs, signInAs, wordsOf } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  openAcmeRetailCase,
} from './support/console/console-in-chromium';

/**
 * The audit view as a customer reads it. The API keeps an internal note in the customer's history
 * (its hash links the chain) with its content withheld (`redacted: "internal note"`); the case page
 * leaves it out, and the audit view says only that an entry is not shown to them, not "Added an
 * internal note" by a named engineer as if they could read it.
 */
const { engineer, customer } = ACME_RETAIL_PEOPLE;
const NOTE = 'Customer is on an old build; do not promise a date';
let caseId: string;

describeInChromium(
  'the audit view, in Chromium',
  (session) => {
    const errors: string[] = [];

    it("shows a customer an internal note's entry only as one not shown to them, with its hash in the chain", async () => {
      const page = await openConsoleAs(session, customer, `#/cases/${caseId}/audit`, errors);
      await page.locator('.integrity.valid', { hasText: 'Hash chain intact' }).waitFor();
      await page.locator('.snapshot h2').waitFor();

      const rows = page.locator('table.audit-events tbody tr');
      const withheld = rows.last();
      // The last instant's events, in order (the demo server's clock may give several one instant).
      expect(await wordsOf(page, '.as-of-events')).toMatch(
        /^Event \d+ of \d+: .*Commented; .*An entry not shown to you \(internal note\)$/,
      );
      const said = (await withheld.locator('td').nth(2).textContent())!.replace(/\s+/g, ' ');
      expect(said).toContain('An entry not shown to you (internal note)');
      expect(said).not.toMatch(/CommentAdded|eve\.marsh/);
      expect(await withheld.locator('td').last().textContent()).toMatch(/[0-9a-f]{12}…/);
      expect(await wordsOf(page, 'main')).not.toMatch(/Added an internal note|do not promise/);
      // The engineer's public comment reads as before: the one CommentAdded row, with its author.
      const comments = rows.filter({ hasText: 'CommentAdded' });
      expect(await comments.count()).toBe(1);
      expect(await comments.textContent()).toMatch(/CommentAdded\s+eve\.marsh@vendor\.example/);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('fits a 375 px phone as cards, and shows full hashes to copy without a hover tooltip', async () => {
      const page = await newConsoleTab(session.chromium, errors);
      await page.setViewportSize({ width: 375, height: 740 });
      await signInAs(page, session.server, session.api, engineer);
      await page.goto(`${session.server.url}/#/cases/${caseId}/audit`);
      await page.locator('.integrity.valid', { hasText: 'Hash chain intact' }).waitFor();
      await page.locator('table.audit-events tbody tr').first().waitFor();

      const widths = await page.evaluate(() => {
        const wrap = document.querySelector('.events .table-wrap')!;
        return {
          document: document.documentElement.scrollWidth,
          table: wrap.scrollWidth <= wrap.clientWidth,
        };
      });
      expect(widths).toEqual({ document: 375, table: true });
      // Words stay whole: the first event's type is on one line, not "CaseOpen|ed".
      const typeLines = await page.evaluate(() => {
        const cell = document.querySelector('table.audit-events tbody tr td[data-label="Event"] div')!;
        const range = document.createRange();
        const type = [...cell.childNodes].find((node) => node.nodeType === 3 && node.textContent!.trim())!;
        range.selectNodeContents(type);
        return {
          text: range.toString().trim(),
          lines: new Set([...range.getClientRects()].map((r) => r.top)).size,
        };
      });
      expect(typeLines).toEqual({ text: 'CaseOpened', lines: 1 });

      const history = await session.api.call<{ events: { hash: string; previousHash?: string }[] }>(
        engineer,
        'GET',
        `/v1/cases/${caseId}/history`,
      );
      const last = history.events[history.events.length - 1];
      // The chain's last hash is in the banner in full, as text.
      expect(await wordsOf(page, '.integrity.valid')).toContain(last.hash);
      // A row's hash opens by a click or tap to the full hash and its predecessor, inside the screen.
      const row = page.locator('table.audit-events tbody tr').last();
      await row.locator('summary').click();
      const full = row.locator('.hash-full code').first();
      await full.waitFor({ state: 'visible' });
      expect(await full.textContent()).toBe(last.hash);
      expect(await row.locator('.hash-full code').nth(1).textContent()).toBe(last.previousHash);
      const box = (await full.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
      expect(errors).toEqual([]);
      await page.close();
    });
  },
  async (api) => {
    caseId = await openAcmeRetailCase(api, {
      title: 'Checkout rejects coupons',
      description: 'Every coupon code is refused at checkout.',
    });
    await api.call(engineer, 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await api.call(engineer, 'POST', `/v1/cases/${caseId}/comments`, { body: NOTE, internal: true });
  },
);
