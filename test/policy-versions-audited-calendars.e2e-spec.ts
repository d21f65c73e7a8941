import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

/**
 * Security review 3, F6: a customer's compliance auditor (a token scoped to accounts) read every
 * named calendar of a policy version, other customers' included (a calendar named after Globex,
 * with its plant-shutdown holidays), though customers are refused the policy for exactly that
 * reason. She now reads the named calendars her accounts and their cases use, the default calendar
 * and every other setting; a vendor auditor and staff still read the whole policy.
 */
describe('a policy version read by a customer’s compliance auditor', () => {
  const VERSION = 'sec3-2';
  let policyDir: string;
  let app: TestApp;
  let world: SeededWorld;
  let globex: string;
  const send = injectRequester(() => app.app);
  const versionPath = `/v1/policy/versions/${VERSION}`;
  const scopedTo = (accountId: string) =>
    mintToken(TEST_SECRET, { email: 'audra@acme.example', roles: ['auditor'], accounts: [accountId] });
  const calendarsRead = async (token: string) => {
    const answer = await send('GET', versionPath, token);
    expect(answer.status).toBe(200);
    return answer.body as {
      policy: { calendars: Record<string, unknown>; calendar: unknown; severities: unknown };
    };
  };

  beforeAll(async () => {
    policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-sec3-'));
    const policyFile = path.join(policyDir, 'policy.json');
    fs.writeFileSync(
      policyFile,
      JSON.stringify({
        version: VERSION,
        calendars: {
          'acme-old': { holidays: ['2026-12-24'] },
          'acme-cal': { holidays: ['2026-12-31'] },
          'globex-plant-shutdown': { holidays: ['2026-12-21', '2026-12-22'] },
          'unused-cal': { holidays: ['2026-12-28'] },
        },
      }),
    );
    app = await startTestApp({ env: { SUPPORT_POLICY_FILE: policyFile } });
    world = await seedWorld(send);
    const accountPath = `/v1/accounts/${world.accountId}`;
    // A case opened on acme-old keeps it after the account moves to acme-cal.
    expect((await send('PATCH', accountPath, world.adminToken, { calendar: 'acme-old' })).status).toBe(200);
    await openCase(send, world, 'Opened on the old calendar');
    expect((await send('PATCH', accountPath, world.adminToken, { calendar: 'acme-cal' })).status).toBe(200);
    const registered = await send('POST', '/v1/accounts', world.adminToken, { name: 'Globex' });
    globex = (registered.body as { id: string }).id;
    const onShutdown = { calendar: 'globex-plant-shutdown' };
    expect((await send('PATCH', `/v1/accounts/${globex}`, world.adminToken, onShutdown)).status).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(policyDir, { recursive: true, force: true });
  });

  it('shows her the calendars her account and its cases use, not another customer’s, with every other setting', async () => {
    const whole = await calendarsRead(world.engineerToken);
    const hers = await calendarsRead(await scopedTo(world.accountId));
    expect(Object.keys(hers.policy.calendars).sort()).toEqual(['acme-cal', 'acme-old']);
    expect(hers.policy.calendars['acme-cal']).toEqual(whole.policy.calendars['acme-cal']);
    expect(hers.policy.calendar).toEqual(whole.policy.calendar);
    expect(hers.policy.severities).toEqual(whole.policy.severities);
    expect(hers).toMatchObject({ calendarsLimited: true });
    expect(JSON.stringify(hers)).not.toContain('globex');

    const globexAuditor = await calendarsRead(await scopedTo(globex));
    expect(Object.keys(globexAuditor.policy.calendars)).toEqual(['globex-plant-shutdown']);
  });

  it('leaves staff and a vendor auditor the whole policy', async () => {
    const vendorAuditor = await mintToken(TEST_SECRET, {
      email: 'audrey@vendor.example',
      roles: ['auditor'],
    });
    for (const token of [world.engineerToken, world.adminToken, vendorAuditor]) {
      const read = await calendarsRead(token);
      expect(Object.keys(read.policy.calendars).sort()).toEqual([
        'acme-cal',
        'acme-old',
        'globex-plant-shutdown',
        'unused-cal',
      ]);
      expect(read).not.toHaveProperty('calendarsLimited');
    }
  });

  it('lists the versions to her without any calendar', async () => {
    const list = await send('GET', '/v1/policy/versions', await scopedTo(world.accountId));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      inForce: VERSION,
      items: [expect.objectContaining({ version: VERSION })],
    });
    expect(JSON.stringify(list.body)).not.toMatch(/calendar|globex|acme-/);
  });
});
