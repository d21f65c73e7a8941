import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * An address pasted from a mail client often brings a space or a tab along. The records keep every
 * address trimmed (the domain's normalizeEmail), so the API reads a body's or a query's email the
 * same way: the pasted address is that person, not "must be an email address". A space inside an
 * address is still refused, naming the field.
 */
describe('emails pasted with surrounding spaces', () => {
  let t: TestApp;
  let api: ApiClient;
  let steps: SetupSteps;
  let licenceId: string;
  const holder = 'it.lead@globex.example';
  const alice = 'alice.smith@globex.example';

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    steps = new SetupSteps(
      api,
      await t.token('adam.admin@vendor.example', ['admin']),
      await t.token('eve.engineer@vendor.example', ['engineer']),
    );
    const accountId = await steps.registerAccount('Globex');
    licenceId = await steps.issueLicence(accountId, {
      plan: 'enterprise',
      holderEmail: ' It.Lead@Globex.example ',
    });
  });

  afterAll(() => t.close());

  const invite = async (email: string) =>
    api.send(
      {
        method: 'POST',
        url: `/v1/licences/${licenceId}/users`,
        payload: {
          email,
          firstName: 'Alice',
          lastName: 'Smith',
          company: 'Globex',
          country: 'DE',
          permissions: { ...NO_PERMISSIONS, shareTickets: true },
        },
      },
      await t.token(holder),
    );

  it('a holder issued with spaces around the address holds the licence', async () => {
    const licence = await api.expect(
      200,
      { method: 'GET', url: `/v1/licences/${licenceId}` },
      await t.token(holder),
    );
    expect(licence.json().holderEmail).toBe(holder);
  });

  it('an invitation to " alice.smith@globex.example\\t" invites alice.smith@globex.example', async () => {
    const response = await invite(` ${alice}\t`);
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`/v1/licences/${licenceId}/users/${encodeURIComponent(alice)}`);
    await api.expect(
      200,
      { method: 'POST', url: `/v1/licences/${licenceId}/users/${alice}/activation` },
      await t.token(alice),
    );
    const caseId = await steps.openWebCase(licenceId, await t.token(alice));
    await steps.shareCase(caseId, 'consultant@consulting.example  ', await t.token(alice));
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, await t.token(alice));
    expect(detail.json().shares).toEqual([
      expect.objectContaining({ email: 'consultant@consulting.example' }),
    ]);
  });

  it('a space inside an address is still refused, naming the field', async () => {
    const response = await invite('alice smith@globex.example');
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field: 'email', message: 'email must be an email address' }]);
  });
});
