import type { Page } from 'playwright-core';
import type { ChromiumSession } from './chromium';
import type { ConsoleSession } from './console-in-chromium';
import type { ConsoleServer } from './console-server';
import type { DemoApi, Person } from './demo-api';

/** A fresh tab that records script errors, with the browser tests' timeout. */
export async function newConsoleTab(chromium: ChromiumSession, errors: string[] = []): Promise<Page> {
  const page = await chromium.context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return page;
}

/** Signs in on the console's sign-in page with a CLI-style token, as a person would paste it. */
export async function signInAs(
  page: Page,
  server: ConsoleServer,
  api: DemoApi,
  person: Person,
): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: 'Sign in to the support console' }).waitFor();
  await page.getByLabel('Bearer token').fill(await api.tokenFor(person));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A fresh tab (as `newConsoleTab`) signed in as `person` and opened on the console's `route` (`#/cases/…`). */
export async function openConsoleAs(
  session: ConsoleSession,
  person: Person,
  route: string,
  errors: string[] = [],
): Promise<Page> {
  const page = await newConsoleTab(session.chromium, errors);
  await signInAs(page, session.server, session.api, person);
  await page.goto(`${session.server.url}/${route}`);
  return page;
}

/** A new tab signed in as `person`, on the Licences page reached from the main navigation, as a user would. */
export async function openLicencesAs(
  session: ConsoleSession,
  person: Person,
  errors: string[] = [],
): Promise<Page> {
  const page = await newConsoleTab(session.chromium, errors);
  await signInAs(page, session.server, session.api, person);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licences' }).click();
  return page;
}

/** An element's words, spaces collapsed. */
export async function wordsOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
