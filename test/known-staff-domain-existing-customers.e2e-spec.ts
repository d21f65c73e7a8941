import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A desk that sets STAFF_EMAIL_DOMAINS after customers at that domain were recorded (96f355a):
 * someone on record as a customer by what they did (a registered user) is still one, added to
 * another licence and to a case team; someone known only by what a customer typed (an invitation
 * still pending) is known staff at a staff domain, as the class comment of CustomerDirectory says.
 */
describe('STAFF_EMAIL_DOMAINS set on a desk with customers at that domain', () => {
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  let acme: string;
  let second: string;
  let first: string;

  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-staff-domain-later-'));
    const before = await startTestApp({ dataDir });
    const steps = new SetupSteps(
      new ApiClient(before.app),
      await before.token('admin@vendor.example', ['admin']),
      await before.token('lena.lead@vendor.example', ['engineer']),
    );
    acme = await steps.registerAccount('Vendor as a customer');
    first = await steps.issueLicence(acme, { plan: 'standard', holderEmail: 'boss@acme.example' });
    second = await steps.issueLicence(acme, { plan: 'standard', holderEmail: 'boss@acme.example' });
    const vic = await before.token('vic@vendor.example');
    await steps.addLicensedUser(first, 'vic@vendor.example', NO_PERMISSIONS, vic);
    await steps.addLicensedUser(first, 'pia@vendor.example');
    await before.close();

    t = await startTestApp({ dataDir, apiEnv: { STAFF_EMAIL_DOMAINS: 'vendor.example' } });
    api = new ApiClient(t.app);
    setup = new SetupSteps(
      api,
      await t.token('admin@vendor.example', ['admin']),
      await t.token('lena.lead@vendor.example', ['engineer']),
    );
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds a registered user at the staff domain to another licence and to a case team', async () => {
    await setup.addLicensedUser(second, 'vic@vendor.example');
    const added = await api.send(
      {
        method: 'POST',
        url: `/v1/accounts/${acme}/case-team`,
        payload: { email: 'vic@vendor.example', name: 'Vic', notify: true },
      },
      await t.token('lena.lead@vendor.example', ['engineer']),
    );
    expect(added.status).toBe(201);
  });

  it('refuses one known only by a pending invitation, as the staff domain outweighs what a customer typed', async () => {
    const refused = await api.send(
      {
        method: 'POST',
        url: `/v1/licences/${second}/users`,
        payload: {
          email: 'pia@vendor.example',
          firstName: 'Pia',
          lastName: 'Example',
          company: 'Vendor',
          country: 'DE',
          permissions: NO_PERMISSIONS,
        },
      },
      await t.token('admin@vendor.example', ['admin']),
    );
    expect(refused.status).toBe(422);
    expect(refused.json().type).toBe('https://casetrail.dev/problems/licensed-user-is-staff');
  });

  it('lets one invited before complete her registration, and she is a customer from then on', async () => {
    await api.expect(
      200,
      { method: 'POST', url: `/v1/licences/${first}/users/pia@vendor.example/activation` },
      await t.token('pia@vendor.example'),
    );
    await setup.addLicensedUser(second, 'pia@vendor.example');
  });
});
