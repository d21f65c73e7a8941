import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChromiumSession, chromiumAvailable, launchChromium } from './support/console/chromium';
import { buildConsole } from './support/console/console-build';
import { ConsoleServer, startConsoleServer } from './support/console/console-server';
import { DemoApi, Person } from './support/console/demo-api';
import { FakeOidcProvider, startFakeOidcProvider } from './support/console/fake-oidc-provider';
import { signInAs, wordsOf } from './support/console/console-browser';

/**
 * The support console in a real browser (playwright-core driving Debian's Chromium) against the
 * real API on a local port: sign in, open a case, find it in a queue, change its severity,
 * escalate, watch the dashboard follow, drag the audit view's as-of slider; by keyboard; at phone
 * width; with no script or Content-Security-Policy errors along the way.
 */
const admin: Person = { email: 'ada.admin@vendor.example', name: 'Ada Admin', roles: ['admin'] };
const engineer: Person = { email: 'eve.marsh@vendor.example', name: 'Eve Marsh', roles: ['engineer'] };
const customer: Person = { email: 'jane.doe@acme.example', name: 'Jane Doe' };
const TITLE = 'Checkout rejects valid coupon codes';

if (!chromiumAvailable()) {
  process.stdout.write('skipped: console browser tests (no /usr/bin/chromium)\n');
  it.skip('skipped: console browser tests (no /usr/bin/chromium)', () => undefined);
} else {
  // One build of the current sources for both servers below.
  let consoleDir: string;
  beforeAll(() => {
    consoleDir = buildConsole();
  }, 120_000);
  afterAll(() => fs.rmSync(consoleDir, { recursive: true, force: true }));

  describe('support console in Chromium', () => {
    let server: ConsoleServer;
    let chromium: ChromiumSession;
    let api: DemoApi;
    let licenceId: string;
    let caseId: string;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      server = await startConsoleServer({ consoleDir });
      api = new DemoApi(server.app, server.token);
      ({ licenceId } = await api.setUpAccount(admin, {
        name: 'Acme Retail',
        timeZone: 'Europe/Sofia',
        licence: {
          product: 'Sitefinity',
          edition: 'Online Marketing License',
          plan: 'enterprise',
          holder: { email: 'cto@acme.example', name: 'Acme CTO' },
        },
        users: [{ ...customer, company: 'Acme Retail', country: 'BG', permissions: { shareTickets: true } }],
      }));
      chromium = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await chromium?.close();
      await server?.close();
    });

    async function newPage(): Promise<Page> {
      const page = await chromium.context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`);
      });
      return page;
    }

    const signIn = (page: Page, person: Person) => signInAs(page, server, api, person);
    const text = wordsOf;

    it('signs a customer in with a CLI token and opens a case through the UI', async () => {
      const page = await newPage();
      await signIn(page, customer);
      await page.getByRole('heading', { name: 'My cases' }).waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click();
      // Her one licence (GET /v1/licences) is named and filled in: no UUID to dig out of a mail.
      await page
        .getByText('Your licence: Acme Retail · Sitefinity · Online Marketing License (enterprise).')
        .waitFor();
      expect(await page.getByLabel('Licence').inputValue()).toBe(licenceId);
      await page.getByLabel('Title').fill(TITLE);
      await page
        .getByLabel('What happens, and what did you expect?')
        .fill('Coupon SPRING26 is valid until April but checkout says it expired.');
      await page.getByLabel('Severity').selectOption('2');
      await page.getByRole('button', { name: 'Open case' }).click();

      await page.getByRole('heading', { name: TITLE }).waitFor();
      caseId = /#\/cases\/([^/]+)$/.exec(page.url())![1];
      expect(await text(page, '.case-badges')).toContain('S2 · Restricted Operations');
      expect(await text(page, '.sla-targets')).toMatch(/First response.*On track.*due in/);
      await page.close();
    });

    it('tells a customer on a plan without phone support to open a production-down case at severity 2', async () => {
      const walt: Person = { email: 'walt@basic.example', name: 'Walt Basic' };
      const { licenceId: standardLicence } = await api.setUpAccount(admin, {
        name: 'Basic Shop',
        licence: {
          product: 'Sitefinity',
          edition: 'Standard License',
          plan: 'standard',
          holder: { email: 'owner@basic.example', name: 'Basic Owner' },
        },
        users: [{ ...walt, company: 'Basic Shop', country: 'BG', permissions: {} }],
      });
      const page = await newPage();
      await signIn(page, walt);
      await page.goto(`${server.url}/#/cases/new`);
      await page.getByText('Your plan has no phone support: open it at severity 2 and say so.').waitFor();
      expect(await page.getByLabel('Licence').inputValue()).toBe(standardLicence);
      await page.close();
    });

    it('says phone support for severity 1 by the chosen licence plan: none on a standard licence', async () => {
      const nina: Person = { email: 'nina@twoplans.example', name: 'Nina Twoplans' };
      const licenceOn = async (name: string, plan: 'standard' | 'enterprise') =>
        (
          await api.setUpAccount(admin, {
            name,
            licence: { product: 'Sitefinity', edition: `${name} License`, plan, holder: nina },
            users: [{ ...nina, company: name, country: 'BG', permissions: {} }],
          })
        ).licenceId;
      const enterprise = await licenceOn('Twoplans Enterprise', 'enterprise');
      const standard = await licenceOn('Twoplans Standard', 'standard');
      const page = await newPage();
      await signIn(page, nina);
      await page.goto(`${server.url}/#/cases/new`);
      await page.getByText('Choose one of your licences').waitFor();
      await page.getByLabel('Licence').fill(standard);
      await page.getByText('Your plan has no phone support: open it at severity 2 and say so.').waitFor();
      await page.getByLabel('Licence').fill(enterprise);
      await page.getByText('Severity 1 cases are opened by phone: call support.').waitFor();
      await page.close();
    });

    it('lets an invited customer complete the registration with a button, and then log cases', async () => {
      const john: Person = { email: 'john.roe@acme.example', name: 'John Roe' };
      // Invited, not activated: the mail asks John to send the activation request himself.
      await api.call(admin, 'POST', `/v1/licences/${licenceId}/users`, {
        email: john.email,
        firstName: 'John',
        lastName: 'Roe',
        company: 'Acme Retail',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      });
      const page = await newPage();
      await signIn(page, john);
      await page.getByRole('heading', { name: 'My cases' }).waitFor();
      const invitation = page.locator('section.pending-invitations');
      await invitation.getByRole('heading', { name: 'Your invitation is pending' }).waitFor();
      expect(await text(page, 'section.pending-invitations')).toContain(
        'Acme Retail · Sitefinity · Online Marketing License (enterprise)',
      );

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click();
      await page
        .getByText('Your invitation to a licence is pending: complete your registration (above) first.')
        .waitFor();
      expect(await page.getByLabel('Licence').inputValue()).toBe('');
      await page.getByRole('button', { name: 'Complete registration' }).click();

      // Registered: the panel goes, and the form offers his licence as it does an active user's.
      await page
        .getByText('Your licence: Acme Retail · Sitefinity · Online Marketing License (enterprise).')
        .waitFor();
      expect(await page.locator('section.pending-invitations').count()).toBe(0);
      // Its button is gone with the card: the page's heading keeps the keyboard's place.
      await page.waitForFunction(() => document.activeElement?.id === 'page-title', undefined, {
        timeout: 5000,
      });
      expect(await page.getByLabel('Licence').inputValue()).toBe(licenceId);
      const { items } = await api.call<{ items: { id: string; standing: string[] }[] }>(
        john,
        'GET',
        '/v1/licences',
      );
      expect(items.find((item) => item.id === licenceId)?.standing).toEqual(['active-user']);
      await page.close();
    });

    it('shows the API’s problem details when it refuses a command', async () => {
      const page = await newPage();
      await signIn(page, customer);
      await page.goto(`${server.url}/#/cases/new`);
      // Well-formed but of no licence: the API looks it up and answers 404 licence-not-found.
      await page.getByLabel('Licence').fill('00000000-0000-4000-8000-000000000000');
      await page.getByLabel('Title').fill('Anything');
      await page.getByLabel('What happens, and what did you expect?').fill('Anything at all');
      await page.getByRole('button', { name: 'Open case' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      // Said once, beside the field it is about; the alert keeps the title only.
      const beside = await page.locator('#case-licence-error').textContent();
      expect(beside).toMatch(/00000000-0000-4000-8000-000000000000/);
      expect(await alert.textContent()).not.toContain(beside?.trim());
      // The keyboard is taken to the field the refusal is about, not left on the page's body.
      await page.waitForFunction(() => document.activeElement?.id === 'case-licence');
      await page.close();
    });

    it('checks required fields before sending, says so in plain words beside each, and takes the focus to the first', async () => {
      const page = await newPage();
      await signIn(page, customer);
      await page.goto(`${server.url}/#/cases/new`);
      await page.getByRole('heading', { name: 'Open a case' }).waitFor();
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/v1/cases')) posts.push(request.url());
      });
      await page.getByLabel('Licence').fill('');
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('Please check the fields marked below');
      expect(await page.locator('#case-title-error').textContent()).toBe('Please fill this in.');
      expect(await page.locator('#case-description-error').textContent()).toBe('Please fill this in.');
      await page.waitForFunction(() => document.activeElement?.id === 'case-licence');
      expect(posts).toEqual([]);
      await page.close();
    });

    it('offers an engineer logging a phone case every licence by account, product, edition and plan', async () => {
      const page = await newPage();
      // No case of this engineer uses the licence: it is offered all the same (GET /v1/licences).
      await signIn(page, { email: 'pat.phone@vendor.example', name: 'Pat Phone', roles: ['engineer'] });
      await page.goto(`${server.url}/#/cases/new`);
      await page.getByText('Type the caller’s account or product and pick their licence').waitFor();
      const option = page.locator(`#case-licences option[value="${licenceId}"]`);
      await option.waitFor({ state: 'attached' });
      expect(await option.textContent()).toBe(
        'Acme Retail · Sitefinity · Online Marketing License (enterprise)',
      );
      await page.close();
    });

    it('lets an engineer find the case in a queue, change its severity and escalate it, and the dashboard follows', async () => {
      const page = await newPage();
      await signIn(page, engineer);
      await page.getByRole('heading', { name: 'All open queue' }).waitFor();

      const before = await escalationsOnDashboard(page);
      // Time moves on between steps, so the audit view has distinct instants to show.
      server.clock.advance(25 * 60_000);

      await page.goto(`${server.url}/#/queues/open`);
      await page
        .getByRole('navigation', { name: 'Queues' })
        .getByRole('link', { name: 'Unassigned' })
        .click();
      await page.getByRole('heading', { name: 'Unassigned queue' }).waitFor();
      const row = page.locator(`tr[data-case-id="${caseId}"]`);
      await row.waitFor();
      expect((await row.textContent())?.replace(/\s+/g, ' ')).toMatch(
        /First response\s*On track\s*due in 2\d?h? ?\d+m|First response On track due in/,
      );
      await row.getByRole('link', { name: TITLE }).click();
      await page.getByRole('heading', { name: TITLE }).waitFor();

      const severity = page.locator('details[data-action="change-severity"]');
      await severity.locator('summary').click();
      await severity.getByLabel('New severity').selectOption('1');
      await severity.getByLabel('Reason').fill('Checkout is failing for every customer with a coupon');
      await severity.getByRole('button', { name: 'Change severity' }).click();
      await page.locator('.case-badges', { hasText: 'S1 · Production System Down' }).waitFor();
      await page.locator('.timeline', { hasText: 'Changed severity from 2 to 1' }).waitFor();
      expect(await text(page, '.timeline')).toContain('Checkout is failing for every customer with a coupon');
      // Severity 1 restarts the response clock with a one-hour goal: its countdown ticks in seconds.
      const countdown = page.locator('.sla-bar', { hasText: 'First response' }).locator('.sla-countdown');
      const first = await countdown.textContent();
      expect(first).toMatch(/^due in \d+m \d+s$/);
      await page.waitForFunction((before) => {
        const shown = document.querySelector('.sla-targets .sla-bar .sla-countdown')?.textContent;
        return !!shown && shown !== before;
      }, first);
      server.clock.advance(10 * 60_000);

      const escalate = page.locator('details[data-action="escalate"]');
      await escalate.locator('summary').click();
      await escalate.getByLabel('Reason').selectOption('production-impact');
      await escalate.getByLabel('Details').fill('Orders with coupons are lost at peak hours');
      await escalate.getByRole('button', { name: 'Escalate' }).click();
      await page.locator('.case-badges', { hasText: 'Escalated L1' }).waitFor();
      await page.getByRole('heading', { name: 'Escalation · level 1' }).waitFor();

      await page.goto(`${server.url}/#/queues/escalated`);
      await page.locator(`tr[data-case-id="${caseId}"]`, { hasText: 'Escalated L1' }).waitFor();

      expect(await escalationsOnDashboard(page)).toEqual({ ...before, 1: before[1] + 1 });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download daily report (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^sla-daily-\d{4}-\d{2}-\d{2}-2026-03-02\.csv$/);
      const csv = await new Promise<string>((resolve, reject) => {
        void download.createReadStream().then((stream) => {
          let content = '';
          stream.on('data', (chunk) => (content += chunk));
          stream.on('end', () => resolve(content));
          stream.on('error', reject);
        }, reject);
      });
      // Opened in Excel by people: marked as UTF-8.
      expect(csv.split(/\r?\n/)[0]).toMatch(/^\uFEFFdate,severity,opened,/);
      expect(csv).toMatch(/2026-03-02,1,0,/);
      await page.close();
    });

    it('pages through a queue with the API’s cursors', async () => {
      const second = await api.call(customer, 'POST', '/v1/cases', {
        licenceId,
        title: 'Newsletter sign-up shows a blank page',
        description: 'The sign-up form renders nothing on Safari.',
        severity: 3,
        channel: 'web',
      });
      const page = await newPage();
      await signIn(page, engineer);
      await page.goto(`${server.url}/#/queues/open?limit=1`);
      const rows = page.locator('table.cases tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      const firstId = await rows.first().getAttribute('data-case-id');

      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2', { exact: true }).waitFor();
      await page.locator(`tr[data-case-id]:not([data-case-id="${firstId}"])`).waitFor();
      expect(await text(page, 'table.cases tbody .col-rank')).toBe('2');
      expect([caseId, second.id]).toContain(await rows.first().getAttribute('data-case-id'));

      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.locator(`tr[data-case-id="${firstId}"]`).waitFor();
      await page.close();
    });

    it('never shows internal notes to the customer, nor staff-only actions', async () => {
      await api.call(engineer, 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'Coupon service caches expiry dates per node',
        internal: true,
      });
      await api.call(engineer, 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'We found the cause and are testing a fix.',
      });
      const page = await newPage();
      await signIn(page, customer);
      await page.goto(`${server.url}/#/cases/${caseId}`);
      await page.locator('.timeline', { hasText: 'We found the cause and are testing a fix.' }).waitFor();
      expect(await text(page, '.timeline')).not.toContain('Coupon service caches');
      expect(await page.locator('.tl-internal').count()).toBe(0);
      expect(await page.locator('details[data-action="change-severity"]').count()).toBe(0);
      expect(await page.locator('details[data-action="comment"] input[name="internal"]').count()).toBe(0);
      await page.close();
    });

    it('drags the audit view’s as-of slider back to the case as it was opened', async () => {
      const page = await newPage();
      await signIn(page, engineer);
      await page.goto(`${server.url}/#/cases/${caseId}/audit`);
      await page.locator('.integrity.valid', { hasText: 'Hash chain intact' }).waitFor();
      await page.locator('.snapshot [data-as-of-severity="1"]').waitFor();

      const slider = page.getByRole('slider', { name: 'Show the case as of' });
      const box = (await slider.boundingBox())!;
      await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 2, box.y + box.height / 2, { steps: 12 });
      await page.mouse.up();

      await page.locator('.snapshot [data-as-of-severity="2"]').waitFor();
      expect(await slider.inputValue()).toBe('0');
      expect(await text(page, '.as-of-events')).toMatch(/^Event 1 of \d+: Opened the case as severity 2/);
      expect(await text(page, '.snapshot .case-badges')).not.toContain('Escalated');

      await slider.focus();
      await page.keyboard.press('End');
      await page.locator('.snapshot [data-as-of-severity="1"]').waitFor();
      await page.close();
    });

    it('can be worked by keyboard alone', async () => {
      const page = await newPage();
      await page.goto(`${server.url}/`);
      await page.getByLabel('Bearer token').focus();
      await page.keyboard.insertText(await api.tokenFor(engineer));
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'All open queue' }).waitFor();
      // Navigation moves focus to the new page's heading; a fresh load starts at the skip link.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
      await page.reload();
      await page.getByRole('heading', { name: 'All open queue' }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');

      await tabUntil(page, { text: TITLE });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: TITLE }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');

      await tabUntil(page, { tag: 'SUMMARY', text: 'Add a comment' });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.insertText('Typed without a mouse');
      await tabUntil(page, { tag: 'BUTTON', text: 'Post comment' });
      await page.keyboard.press('Enter');
      await page.locator('.timeline', { hasText: 'Typed without a mouse' }).waitFor();
      // The closed form held the focus: it goes to the Actions heading, not back to the body.
      await page.waitForFunction(() => document.activeElement?.id === 'actions-heading', undefined, {
        timeout: 5000,
      });
      await page.close();
    });

    it('fits a phone-width screen without sideways scrolling', async () => {
      const page = await newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, engineer);
      const pages: [string, string][] = [
        ['#/queues/open', `tr[data-case-id="${caseId}"]`],
        [`#/cases/${caseId}`, '.timeline .tl-item'],
        ['#/dashboard', '.tile [data-figure="open"]'],
        [`#/cases/${caseId}/audit`, '.integrity.valid'],
      ];
      for (const [hash, ready] of pages) {
        await page.goto(`${server.url}/${hash}`);
        await page.locator(ready).first().waitFor();
        const widths = await page.evaluate(() => ({
          content: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
        }));
        expect({ hash, ...widths }).toEqual({ hash, content: widths.viewport, viewport: 390 });
      }
      await page.close();
    });

    it('explains in the audit view a case whose stored events cannot be read, and what to do', async () => {
      const damaged = await api.call(customer, 'POST', '/v1/cases', {
        licenceId,
        title: 'Invoices page times out',
        description: 'The invoices page never finishes loading.',
        severity: 3,
        channel: 'web',
      });
      await api.call(customer, 'POST', `/v1/cases/${damaged.id}/comments`, { body: 'Still timing out' });
      const db = new Database(path.join(server.dataDir, 'events.sqlite'));
      try {
        db.prepare(`UPDATE events SET data = '{"body": cut' WHERE stream = ? AND revision = 1`).run(
          `case-${damaged.id}`,
        );
      } finally {
        db.close();
      }
      // Its own page: the history's 503 is logged by the browser on purpose, as a failed load.
      const page = await chromium.context.newPage();
      page.setDefaultTimeout(15_000);
      const scriptErrors: string[] = [];
      page.on('pageerror', (error) => scriptErrors.push(error.message));
      await signIn(page, engineer);
      await page.goto(`${server.url}/#/cases/${damaged.id}/audit`);
      const banner = page.locator('.integrity.broken', { hasText: 'A stored event cannot be read' });
      await banner.waitFor();
      const said = await text(page, '.integrity.broken');
      expect(said).toContain('The event stored at revision 1');
      expect(said).toContain('damaged or edited after it was written');
      expect(said).toContain('`casetrail verify`');
      expect(said).toContain(`\`casetrail replay ${damaged.id}\``);
      expect(scriptErrors).toEqual([]);
      await page.close();
    });

    it('raised no script or Content-Security-Policy errors along the way', () => {
      expect(pageErrors.filter((message) => !isExpectedRefusal(message))).toEqual([]);
    });

    /** Open escalations per severity, as the dashboard's tiles show them. */
    async function escalationsOnDashboard(page: Page): Promise<Record<number, number>> {
      await page.goto(`${server.url}/#/dashboard`);
      const figures: Record<number, number> = {};
      for (const severity of [1, 2, 3]) {
        const figure = page.locator(`.tile[data-severity="${severity}"] [data-figure="open-escalations"]`);
        await figure.waitFor();
        figures[severity] = Number(await figure.textContent());
      }
      return figures;
    }
  });

  describe('production sign-in through the OIDC provider', () => {
    let provider: FakeOidcProvider;
    let server: ConsoleServer;
    let chromium: ChromiumSession;
    const oidcEnv = { CONSOLE_OIDC_ISSUER: '', CONSOLE_OIDC_CLIENT_ID: 'casetrail-console' };

    beforeAll(async () => {
      provider = await startFakeOidcProvider({
        email: 'priya.shah@globex.example',
        name: 'Priya Shah',
        roles: ['engineer'],
      });
      oidcEnv.CONSOLE_OIDC_ISSUER = provider.issuer;
      Object.assign(process.env, oidcEnv);
      server = await startConsoleServer({ consoleDir, env: { AUTH_JWKS_URL: provider.jwksUrl } });
      chromium = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      for (const name of Object.keys(oidcEnv)) delete process.env[name];
      await chromium?.close();
      await server?.close();
      await provider?.close();
    });

    it('signs in at the provider with PKCE and calls the API with the provider’s ID token', async () => {
      const page = await chromium.context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

      await page.goto(`${server.url}/#/queues/mine`);
      await page.getByRole('button', { name: 'Continue to sign-in' }).click();
      await page.getByRole('heading', { name: 'Mine queue' }).waitFor();

      expect(page.url()).toBe(`${server.url}/#/queues/mine`);
      expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
      expect(await page.locator('.who-name').textContent()).toBe('Priya Shah');
      expect(provider.exchanges).toEqual([
        {
          codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          clientId: 'casetrail-console',
          redirectUri: `${server.url}/`,
        },
      ]);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

/** The browser logs every 4xx the console asks for; the refused case above is one on purpose. */
function isExpectedRefusal(message: string): boolean {
  return /Failed to load resource: the server responded with a status of 404/.test(message);
}

/** Presses Tab until the focused element has this text (and tag), as a keyboard user would. */
async function tabUntil(page: Page, target: { text: string; tag?: string }, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(({ text, tag }) => {
      const element = document.activeElement;
      return !!element && element.textContent?.trim() === text && (!tag || element.tagName === tag);
    }, target);
    if (found) return;
  }
  throw new Error(`Nothing reading "${target.text}" took the focus after ${limit} presses of Tab`);
}
