// scratch: not to be committed
import { DemoApi } from './demo-api';
import { startConsoleServer } from './console-server';
import { launchChromium } from './chromium';

async function main() {
  const server = await startConsoleServer();
  const api = new DemoApi(server.app, server.token);
  const admin = { email: 'admin@vendor.example', name: 'Ada Admin', roles: ['admin' as const] };
  const jane = { email: 'jane.doe@acme.example', name: 'Jane Doe' };
  const eve = { email: 'eve@vendor.example', name: 'Eve Engineer', roles: ['engineer' as const] };
  const { licenceId } = await api.setUpAccount(admin, {
    name: 'Acme', timeZone: 'Europe/Sofia',
    licence: { product: 'Sitefinity', edition: 'Online Marketing License', plan: 'enterprise', holder: { email: 'boss@acme.example', name: 'Boss' } },
    users: [{ ...jane, company: 'Acme', country: 'BG', permissions: { shareTickets: true } }],
  });
  const c = await api.call(jane, 'POST', '/v1/cases', { licenceId, title: 'Checkout is slow', description: 'Since 14.2', severity: 2, channel: 'web' });
  await api.call(eve, 'POST', `/v1/cases/${c.id}/comments`, { body: 'internal!', internal: true });
  await api.call(eve, 'POST', `/v1/cases/${c.id}/comments`, { body: 'Looking' });
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  page.on('console', (m) => console.log('console:', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(server.url + '/');
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/shot-signin.png' });
  await page.fill('#token', await server.token(eve.email, ['engineer'], eve.name));
  await page.click('button[type=submit]');
  await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/shot-queue.png' });
  await page.goto(server.url + '/#/cases/' + c.id);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/shot-case.png', fullPage: true });
  await page.goto(server.url + '/#/cases/' + c.id + '/audit');
  await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/shot-audit.png', fullPage: true });
  await browser.close();
  await server.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
