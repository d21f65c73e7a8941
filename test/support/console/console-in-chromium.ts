import * as fs from 'node:fs';
import { type ChromiumSession, chromiumAvailable, launchChromium } from './chromium';
import { buildConsole } from './console-build';
import { type ConsoleServer, startConsoleServer } from './console-server';
import { DemoApi, type Person } from './demo-api';

/** What a browser spec works with: the console's server, the API behind it, and Chromium. */
export interface ConsoleSession {
  server: ConsoleServer;
  api: DemoApi;
  chromium: ChromiumSession;
}

/**
 * A describe block that runs in Chromium, or one skipped test saying why where there is no
 * Chromium. Inside, the console is built and served by a fresh API, `setUp` arranges the world
 * through the API, and Chromium starts; all of it is closed after the block.
 */
export function describeInChromium(
  name: string,
  body: (session: ConsoleSession) => void,
  setUp?: (api: DemoApi) => Promise<void>,
): void {
  if (!chromiumAvailable()) {
    process.stdout.write('skipped: console browser tests (no /usr/bin/chromium)\n');
    it.skip('skipped: console browser tests (no /usr/bin/chromium)', () => undefined);
    return;
  }
  describe(name, () => {
    const session = {} as ConsoleSession;
    let consoleDir: string;

    beforeAll(async () => {
      consoleDir = buildConsole();
      session.server = await startConsoleServer({ consoleDir });
      session.api = new DemoApi(session.server.app, session.server.token);
      await setUp?.(session.api);
      session.chromium = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await session.chromium?.close();
      await session.server?.close();
      fs.rmSync(consoleDir, { recursive: true, force: true });
    });

    body(session);
  });
}

/** The people of the Acme Retail world. */
export const ACME_RETAIL_PEOPLE: Record<'admin' | 'engineer' | 'customer', Person> = {
  admin: { email: 'ada.admin@vendor.example', name: 'Ada Admin', roles: ['admin'] },
  engineer: { email: 'eve.marsh@vendor.example', name: 'Eve Marsh', roles: ['engineer'] },
  customer: { email: 'bob.smith@acme.example', name: 'Bob Smith' },
};

/** Acme Retail with an enterprise Sitefinity licence, Bob Smith its registered user; its licence id. */
export async function setUpAcmeRetail(api: DemoApi): Promise<string> {
  const { admin, customer } = ACME_RETAIL_PEOPLE;
  const { licenceId } = await api.setUpAccount(admin, {
    name: 'Acme Retail',
    licence: {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'enterprise',
      holder: { email: 'cto@acme.example', name: 'Acme CTO' },
    },
    users: [{ ...customer, company: 'Acme Retail', country: 'US' }],
  });
  return licenceId;
}

/** A web case Bob Smith opens on Acme Retail's licence (set up here first); its id. */
export async function openAcmeRetailCase(
  api: DemoApi,
  { title, description, severity = 3 }: { title: string; description: string; severity?: number },
): Promise<string> {
  const licenceId = await setUpAcmeRetail(api);
  const { id } = await api.call<{ id: string }>(ACME_RETAIL_PEOPLE.customer, 'POST', '/v1/cases', {
    licenceId,
    title,
    description,
    severity,
    channel: 'web',
  });
  return id;
}
