import { openConsoleAs, wordsOf } from './support/console/console-browser';
import { ACME_RETAIL_PEOPLE, describeInChromium } from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * The SLA dashboard and the escalations board as a duty manager and a CSM read them (tester's
 * findings F1, F1b, F4 and the dashboard's overdueEscalations): goals met over the goals judged, a
 * breach nobody answered counted, the escalations overdue now with a link to the overdue board, and,
 * to a CSM, that the figures cover only their accounts.
 */
const { admin, engineer, customer } = ACME_RETAIL_PEOPLE;
const csm: Person = { email: 'carla.mendes@vendor.example', name: 'Carla Mendes', roles: ['csm'] };
const HOUR = 3_600_000;
let accountId: string;

interface GoalFigures {
  met: number;
  missed: number;
  metPercent: number | null;
  measured: number;
}
interface Dashboard {
  severities: { severity: number; overdueEscalations: number; firstResponse: GoalFigures }[];
  overdueEscalations: number;
}

describeInChromium(
  'the SLA dashboard and escalations board, in Chromium',
  (session) => {
    beforeAll(() => {
      // A business day and more later: the acknowledged escalation's status update is overdue and
      // the unanswered case's first response breached.
      session.server.clock.advance(30 * HOUR);
    });

    it('counts goals met over the goals judged, the unanswered breach too, and shows the escalations overdue now', async () => {
      const api = await session.api.call<Dashboard>(engineer, 'GET', '/v1/dashboards/sla');
      const s2 = api.severities.find((row) => row.severity === 2)!;
      // The unanswered case's response is judged (missed) but has no time to measure.
      expect(s2.firstResponse.met + s2.firstResponse.missed).toBeGreaterThan(s2.firstResponse.measured);
      expect(s2.overdueEscalations).toBe(1);

      const page = await openConsoleAs(session, engineer, '#/dashboard');
      const tile = '.tile[data-severity="2"]';
      await page.locator(`${tile} [data-figure="first-response-met"]`).waitFor();
      const judged = s2.firstResponse.met + s2.firstResponse.missed;
      expect(await wordsOf(page, `${tile} [data-figure="first-response-met"]`)).toBe(
        `${Math.round(s2.firstResponse.metPercent! * 10) / 10}% of ${judged}`,
      );
      expect(await wordsOf(page, `${tile} [data-figure="overdue-escalations"]`)).toBe('1');
      expect(await page.locator(`${tile} [data-figure="overdue-escalations"] a`).getAttribute('href')).toBe(
        '#/escalations?state=overdue&severity=2',
      );
      expect(await wordsOf(page, '[data-figure="overdue-escalations-total"]')).toBe('1');
      expect(await page.locator('[data-note="coverage"]').count()).toBe(0);

      await page.locator(`${tile} [data-figure="overdue-escalations"] a`).click();
      await page.waitForFunction(() => location.hash === '#/escalations?state=overdue&severity=2');
      await page.locator('table.escalation-board tbody tr').first().waitFor();
      expect(await page.locator('table.escalation-board tbody tr').count()).toBe(1);
      await page.close();
    });

    it("tells a CSM the dashboard's and the board's figures are only their accounts", async () => {
      const dashboard = await openConsoleAs(session, csm, '#/dashboard');
      await dashboard.locator('[data-note="coverage"]').waitFor();
      expect(await wordsOf(dashboard, '[data-note="coverage"]')).toBe(
        `Figures for your accounts only, not the whole desk: the account you are the designated CSM of (account ${accountId}).`,
      );
      await dashboard.close();

      const board = await openConsoleAs(session, csm, '#/escalations');
      await board.locator('[data-note="coverage"]').waitFor();
      expect(await wordsOf(board, '[data-note="coverage"]')).toContain(
        'Figures for your accounts only, not the whole desk',
      );
      await board.close();
    });
  },
  async (api) => {
    let licenceId: string;
    ({ accountId, licenceId } = await api.setUpAccount(admin, {
      name: 'Acme Retail',
      csm,
      licence: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        holder: { email: 'cto@acme.example', name: 'Acme CTO' },
      },
      users: [{ ...customer, company: 'Acme Retail', country: 'US' }],
    }));
    const open = async (title: string) =>
      (
        await api.call(customer, 'POST', '/v1/cases', {
          licenceId,
          title,
          description: `${title}, since this morning.`,
          severity: 2,
          channel: 'web',
        })
      ).id;
    const answered = await open('Checkout fails at payment');
    await api.call(engineer, 'POST', `/v1/cases/${answered}/comments`, { body: 'Looking into it.' });
    await api.call(engineer, 'POST', `/v1/cases/${answered}/assignment`, { engineer: engineer.email });
    await api.call(customer, 'POST', `/v1/cases/${answered}/escalations`, {
      reason: 'business-operations-risk',
      details: 'Orders are piling up.',
    });
    await api.call(engineer, 'POST', `/v1/cases/${answered}/escalations/acknowledgement`, {
      reason: 'Taking it on now',
    });
    await open('Search returns nothing'); // never answered
  },
);
