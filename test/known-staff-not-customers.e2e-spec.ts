import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * README "Accounts and licences": known staff addresses are refused as users, holders and
 * case-team members (422 naming the field), and no customer can make an engineer unassignable
 * (finding security4 F3). What the records know as staff (an engineer who has taken a case, a CSM
 * of any account) is judged by one rule (CustomerDirectory.isKnownStaff) wherever only a customer
 * belongs: recorded there, an engineer counted as a customer, could take no more cases and had
 * their cases' mail held back, and another account's CSM on a case team read all its cases.
 */
describe('known staff are refused where only a customer belongs', () => {
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  let lead: string;
  let admin: string;
  let acme: string;
  let acmeLicence: string;
  let globex: string;
  let customer: string;

  const takeCase = async (email: string) => {
    const caseId = await setup.openWebCase(acmeLicence, customer, `A case for ${email}`);
    await api.expect(
      200,
      { method: 'POST', url: `/v1/cases/${caseId}/assignment`, payload: { engineer: email } },
      await t.token(email, ['engineer']),
    );
    return caseId;
  };
  const addToTeam = (accountId: string, email: string) =>
    api.send(
      {
        method: 'POST',
        url: `/v1/accounts/${accountId}/case-team`,
        payload: { email, name: 'Someone', notify: true },
      },
      lead,
    );
  const expectStaffRefusal = (
    response: Awaited<ReturnType<ApiClient['send']>>,
    code: string,
    email: string,
  ) => {
    expect(response.status).toBe(422);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().type).toBe(`https://casetrail.dev/problems/${code}`);
    expect(response.json().errors).toEqual([
      { field: 'email', message: expect.stringContaining(`${email} is known as vendor support staff`) },
    ]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    admin = await t.token('admin@vendor.example', ['admin']);
    lead = await t.token('lena.lead@vendor.example', ['engineer']);
    setup = new SetupSteps(api, admin, lead);
    acme = await setup.registerAccount('Acme');
    acmeLicence = await setup.issueLicence(acme, {
      plan: 'mission-critical',
      holderEmail: 'boss@acme.example',
    });
    customer = await t.token('cat@acme.example');
    await setup.addLicensedUser(acmeLicence, 'cat@acme.example', NO_PERMISSIONS, customer);
    globex = await setup.registerAccount('Globex');
    await setup.assignCsm(acme, 'dave.csm@vendor.example');
    await setup.assignCsm(globex, 'chris.csm@vendor.example');
    const initech = await setup.registerAccount('Initech');
    await setup.assignCsm(initech, 'fred.csm@vendor.example');
    await setup.assignCsm(initech, 'gail.csm@vendor.example');
  });
  afterAll(() => t.close());

  it('refuses an engineer who has taken a case as a case-team member, who can then still take cases', async () => {
    const first = await takeCase('ian@vendor.example');
    expectStaffRefusal(
      await addToTeam(globex, 'ian@vendor.example'),
      'case-team-member-is-staff',
      'ian@vendor.example',
    );
    const account = await api.expect(200, { method: 'GET', url: `/v1/accounts/${globex}` }, lead);
    expect(JSON.stringify(account.json())).not.toContain('ian@vendor.example');
    await takeCase('ian@vendor.example');
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${first}` }, lead);
    expect(detail.json()).toMatchObject({ assignee: 'ian@vendor.example', assigneeVouched: true });
  });

  it.each([
    ['the CSM of another account', 'chris.csm@vendor.example'],
    ["the account's own CSM", 'dave.csm@vendor.example'],
  ])('refuses %s as a case-team member', async (_who, email) => {
    expectStaffRefusal(await addToTeam(acme, email), 'case-team-member-is-staff', email);
  });

  it('locks nobody out for a CSM designation taken back: a customer named CSM by mistake may be a licensed user, and is still assigned no case she cannot see', async () => {
    const umbrella = await setup.registerAccount('Umbrella');
    await setup.assignCsm(umbrella, 'kim@acme.example');
    await setup.assignCsm(umbrella, 'gail.csm@vendor.example');
    const invited = await api.send(
      {
        method: 'POST',
        url: `/v1/licences/${acmeLicence}/users`,
        payload: {
          email: 'kim@acme.example',
          firstName: 'Kim',
          lastName: 'Example',
          company: 'Acme',
          country: 'DE',
          permissions: NO_PERMISSIONS,
        },
      },
      admin,
    );
    expect(invited.status).toBe(201);
    const caseId = await setup.openWebCase(acmeLicence, customer, 'A case for a former CSM');
    const refused = await api.send(
      {
        method: 'POST',
        url: `/v1/cases/${caseId}/assignment`,
        payload: { engineer: 'fred.csm@vendor.example' },
      },
      lead,
    );
    expect(refused.status).toBe(422);
    expect(refused.json().type).toBe('https://casetrail.dev/problems/assignee-cannot-see-case');
  });

  it('refuses an engineer who has taken a case, or a CSM, as a licensed user', async () => {
    await takeCase('hal@vendor.example');
    const invite = (email: string) =>
      api.send(
        {
          method: 'POST',
          url: `/v1/licences/${acmeLicence}/users`,
          payload: {
            email,
            firstName: 'Hal',
            lastName: 'Example',
            company: 'Acme',
            country: 'DE',
            permissions: NO_PERMISSIONS,
          },
        },
        admin,
      );
    expectStaffRefusal(await invite('hal@vendor.example'), 'licensed-user-is-staff', 'hal@vendor.example');
    expectStaffRefusal(
      await invite('chris.csm@vendor.example'),
      'licensed-user-is-staff',
      'chris.csm@vendor.example',
    );
    await takeCase('hal@vendor.example');
  });

  // The reverse order: nothing knew Rex as staff when he was put on the team, so he is a customer
  // (case-team member) to the desk, and taking a case is refused until he is taken off the team.
  it('refuses a case-team member taking a case until he is taken off the team, then lets him', async () => {
    expect((await addToTeam(acme, 'rex@newhire.example')).status).toBe(201);
    const caseId = await setup.openWebCase(acmeLicence, customer, 'Taken by a new hire');
    const rex = await t.token('rex@newhire.example', ['engineer']);
    const take = () =>
      api.send(
        {
          method: 'POST',
          url: `/v1/cases/${caseId}/assignment`,
          payload: { engineer: 'rex@newhire.example' },
        },
        rex,
      );
    const refused = await take();
    expect(refused.status).toBe(422);
    expect(refused.json().type).toBe('https://casetrail.dev/problems/assignee-not-staff');
    await api.expect(
      200,
      { method: 'DELETE', url: `/v1/accounts/${acme}/case-team/rex@newhire.example` },
      lead,
    );
    expect((await take()).status).toBe(200);
    expectStaffRefusal(
      await addToTeam(acme, 'rex@newhire.example'),
      'case-team-member-is-staff',
      'rex@newhire.example',
    );
  });

  it('still adds a partner’s person to a case team and a customer as a user', async () => {
    expect((await addToTeam(acme, 'pat@partner.example')).status).toBe(201);
    await setup.addLicensedUser(acmeLicence, 'ann@acme.example');
  });
});
