import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiClient, ApiResponse } from './support/fixtures/api-client';
import { licenceIssuePayload, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp } from './support/test-app';

/**
 * DOMAIN.md "Licences and licensed users": a licensed user needs an individual company email;
 * group addresses and distribution lists are refused with a clear error, and the detection rules
 * are configuration (SUPPORT_POLICY_FILE), not code.
 */
async function startWithLicence(env: Record<string, string> = {}) {
  const t = await startTestApp({ env });
  const api = new ApiClient(t.app);
  const holder = await t.token('hannah.holder@company.com');
  const steps = new SetupSteps(
    api,
    await t.token('adam.admin@vendor.example', ['admin']),
    await t.token('eve@vendor.example', ['engineer']),
  );
  const accountId = await steps.registerAccount('Company');
  const licenceId = await steps.issueLicence(accountId, {
    plan: 'enterprise',
    holderEmail: 'hannah.holder@company.com',
  });
  const assign = (email: string): Promise<ApiResponse> =>
    api.send(
      {
        method: 'POST',
        url: `/v1/licences/${licenceId}/users`,
        payload: {
          email,
          firstName: 'Some',
          lastName: 'One',
          company: 'Company',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        },
      },
      holder,
    );
  return { t, api, steps, holder, accountId, licenceId, assign };
}

/**
 * The app started as by `startWithLicence`, with `policy` as its SUPPORT_POLICY_FILE (written to a
 * temp folder a test may add files to); `close` stops the app and removes the folder.
 */
async function startWithPolicyFile(policy: unknown) {
  const policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-policy-'));
  const policyFile = path.join(policyDir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(policy));
  const app = await startWithLicence({ SUPPORT_POLICY_FILE: policyFile });
  const close = async () => {
    await app.t.close();
    fs.rmSync(policyDir, { recursive: true, force: true });
  };
  return { app, policyDir, close };
}

function expectGroupMailboxRefusal(response: ApiResponse, email: string): void {
  expect(response.status).toBe(422);
  expect(response.contentType).toContain('application/problem+json');
  const problem = response.json();
  expect(problem.type).toMatch(/group-mailbox-not-allowed$/);
  expect(problem.detail).toContain(email.toLowerCase());
  expect(problem.detail).toMatch(/individual/i);
  expect(problem.errors).toEqual([expect.objectContaining({ field: 'email' })]);
}

describe('group addresses are refused as licensed users (built-in rules)', () => {
  let app: Awaited<ReturnType<typeof startWithLicence>>;

  beforeAll(async () => {
    app = await startWithLicence();
  });

  afterAll(() => app.t.close());

  it.each([
    'sitefinityteam@company.com',
    'support@company.com',
    'all-devs@company.com',
    'Support+CMS@Company.com',
    'web-team@company.com',
    'helpdesk@company.com',
    'info@company.com',
    'noreply@company.com',
    'dl-engineering@company.com',
    // Any separator reads alike, and role mailboxes are refused in other European languages too.
    'no_reply@company.com',
    'Do.Not.Reply@company.com',
    'allstaff@company.com',
    'everyone-de@company.com',
    'mailinglist@company.com',
    'soporte@company.com',
    'kundendienst@company.com',
    'kontakt@company.com',
    'vertrieb@company.com',
    'поддержка@company.com',
  ])('%s is refused with a clear 422 naming the email field', async (email) => {
    expectGroupMailboxRefusal(await app.assign(email), email);
  });

  it.each([
    'jane.doe@company.com',
    'allison@company.com',
    'dev.patel@company.com',
    'teamwork.lead@company.com',
    'jane+support@company.com',
    'maria_soporte@company.com',
    'ventas.garcia@company.com',
  ])('%s, an individual address, is accepted', async (email) => {
    expect((await app.assign(email)).status).toBe(201);
  });
});

describe('group-address detection comes from SUPPORT_POLICY_FILE', () => {
  let app: Awaited<ReturnType<typeof startWithLicence>>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // An operator who only refuses their own list naming convention (replacing the built-in list).
    ({ app, close } = await startWithPolicyFile({
      version: 'company-1',
      licensing: { groupMailboxPatterns: ['^grp[-.]'] },
    }));
  });

  afterAll(() => close());

  it('refuses what the configured patterns match', async () => {
    expectGroupMailboxRefusal(await app.assign('grp-marketing@company.com'), 'grp-marketing@company.com');
  });

  it('refuses the configured convention written with another separator', async () => {
    expectGroupMailboxRefusal(await app.assign('grp_sales@company.com'), 'grp_sales@company.com');
  });

  it('accepts what only the built-in list would have refused', async () => {
    expect((await app.assign('support@company.com')).status).toBe(201);
  });
});

/**
 * The part after the `@`: DOMAIN.md's "individual company email" is nobody's throwaway address, so
 * disposable-mail domains are refused by default, and an operator may refuse more domains (free
 * mail, typically) in the policy's `licensing` section. Free mail is accepted by default: many
 * small customers have no other address.
 */
function expectDomainRefusal(response: ApiResponse, email: string, why: RegExp): void {
  expect(response.status).toBe(422);
  expect(response.contentType).toContain('application/problem+json');
  const problem = response.json();
  expect(problem.type).toMatch(/email-domain-not-allowed$/);
  expect(problem.detail).toContain(`${email.toLowerCase()} cannot be a licensed user`);
  expect(problem.detail).toMatch(why);
  expect(problem.detail).toContain('own individual company email address');
  expect(problem.errors).toEqual([expect.objectContaining({ field: 'email' })]);
}

describe('licensed users at disposable-mail domains (built-in rules)', () => {
  let app: Awaited<ReturnType<typeof startWithLicence>>;

  beforeAll(async () => {
    app = await startWithLicence();
  });

  afterAll(() => app.t.close());

  it.each(['x@mailinator.com', 'Jane@Mailinator.COM', 'jd@eu.mailinator.com', 'temp@yopmail.com'])(
    '%s is refused with 422 naming the email field and the disposable domain',
    async (email) => {
      expectDomainRefusal(await app.assign(email), email, /is a disposable \(throwaway\) mail service/);
    },
  );

  it.each(['jane.doe@gmail.com', 'jd@outlook.com', 'ann@notmailinator.com'])(
    '%s (free mail, or a domain that only ends like a disposable one) is accepted',
    async (email) => {
      expect((await app.assign(email)).status).toBe(201);
    },
  );
});

/**
 * The holder of a licence, a person a case is shared with and a case-team member are each one
 * person of the customer who is mailed and reads its cases there: the mail-domain rules hold for
 * them as for a licensed user, with the same 422 naming the field, and nothing is recorded.
 */
function expectRefusedDomainAt(response: ApiResponse, field: string, detail: RegExp): void {
  expect(response.status).toBe(422);
  expect(response.contentType).toContain('application/problem+json');
  const problem = response.json();
  expect(problem.type).toMatch(/email-domain-not-allowed$/);
  expect(problem.detail).toMatch(detail);
  expect(problem.errors).toEqual([expect.objectContaining({ field })]);
}

describe('refused mail domains hold for holders, shares and case-team members too', () => {
  let app: Awaited<ReturnType<typeof startWithLicence>>;
  let close: () => Promise<void>;
  let admin: string;
  let engineer: string;

  beforeAll(async () => {
    ({ app, close } = await startWithPolicyFile({
      version: 'company-domains-3',
      licensing: { refusedEmailDomains: ['gmail.com'] },
    }));
    admin = await app.t.token('adam.admin@vendor.example', ['admin']);
    engineer = await app.t.token('eve@vendor.example', ['engineer']);
  });

  afterAll(() => close());

  const licenceCount = async () =>
    (
      await app.api.send({ method: 'GET', url: `/v1/licences?accountId=${app.accountId}&limit=100` }, admin)
    ).json().items.length;

  it('issuing a licence to a holder at a refused or throwaway domain is a 422 naming holderEmail', async () => {
    const before = await licenceCount();
    for (const [holderEmail, detail] of [
      [
        'owner@gmail.com',
        /owner@gmail\.com cannot hold a licence: .*addresses at gmail\.com .*for licence holders/,
      ],
      [
        'owner@mailinator.com',
        /owner@mailinator\.com cannot hold a licence: mailinator\.com is a disposable/,
      ],
    ] as const) {
      const response = await app.api.send(
        {
          method: 'POST',
          url: `/v1/accounts/${app.accountId}/licences`,
          payload: licenceIssuePayload({ plan: 'enterprise', holderEmail }),
        },
        admin,
      );
      expectRefusedDomainAt(response, 'holderEmail', detail);
    }
    expect(await licenceCount()).toBe(before);
  });

  it('handing a licence over to an address at a refused domain is a 422 naming email; the holder stays', async () => {
    const response = await app.api.send(
      {
        method: 'PUT',
        url: `/v1/licences/${app.licenceId}/holder`,
        payload: { email: 'new.owner@gmail.com', reason: 'hannah left' },
      },
      admin,
    );
    expectRefusedDomainAt(response, 'email', /new\.owner@gmail\.com cannot hold a licence/);
    const licence = await app.api.send({ method: 'GET', url: `/v1/licences/${app.licenceId}` }, admin);
    expect(licence.json().holderEmail).toBe('hannah.holder@company.com');
  });

  it('adding a case-team member at a refused or throwaway domain is a 422 naming email; nobody is added', async () => {
    for (const email of ['pat@gmail.com', 'pat@eu.mailinator.com']) {
      const response = await app.api.send(
        {
          method: 'POST',
          url: `/v1/accounts/${app.accountId}/case-team`,
          payload: { email, name: 'Pat', notify: true },
        },
        engineer,
      );
      expectRefusedDomainAt(response, 'email', /cannot be a case-team member: .*every case of the account/);
    }
    const account = await app.api.send({ method: 'GET', url: `/v1/accounts/${app.accountId}` }, admin);
    expect(account.json().caseTeam).toEqual([]);
  });

  it('sharing a case with an address at a refused or throwaway domain is a 422 naming email; it is not shared', async () => {
    const sharer = await app.t.token('sam.sharer@company.com');
    await app.steps.addLicensedUser(
      app.licenceId,
      'sam.sharer@company.com',
      { manageUsers: false, shareTickets: true, seeSharedTickets: false },
      sharer,
    );
    const caseId = await app.steps.openWebCase(app.licenceId, sharer);
    for (const email of ['rob@gmail.com', 'rob@yopmail.com']) {
      const response = await app.api.send(
        { method: 'POST', url: `/v1/cases/${caseId}/shares`, payload: { email, name: 'Rob' } },
        sharer,
      );
      expectRefusedDomainAt(response, 'email', /cannot have a case shared with them: /);
    }
    await app.steps.shareCase(caseId, 'rob@partner.example', sharer);
    const detail = await app.api.send({ method: 'GET', url: `/v1/cases/${caseId}` }, sharer);
    expect(detail.json().shares.map((share: { email: string }) => share.email)).toEqual([
      'rob@partner.example',
    ]);
  });
});

describe('refused mail domains come from SUPPORT_POLICY_FILE', () => {
  let app: Awaited<ReturnType<typeof startWithLicence>>;
  let policyDir: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // A desk that requires company addresses refuses free mail; it keeps its own disposable list.
    ({ app, policyDir, close } = await startWithPolicyFile({
      version: 'company-domains-1',
      licensing: {
        refusedEmailDomains: ['gmail.com', 'Outlook.com'],
        disposableEmailDomains: ['throwaway.test'],
      },
    }));
  });

  afterAll(() => close());

  it('refuses the configured free-mail domains, naming the domain', async () => {
    expectDomainRefusal(
      await app.assign('jane.doe@gmail.com'),
      'jane.doe@gmail.com',
      /does not accept addresses at gmail\.com \(such as free-mail providers\)/,
    );
    expectDomainRefusal(await app.assign('jd@outlook.com'), 'jd@outlook.com', /addresses at outlook\.com/);
  });

  it('refuses the configured disposable domains, and accepts one only the built-in list named', async () => {
    expectDomainRefusal(await app.assign('x@throwaway.test'), 'x@throwaway.test', /disposable/);
    expect((await app.assign('x@mailinator.com')).status).toBe(201);
  });

  it('refuses a policy file whose domain entry is no domain, naming the setting', async () => {
    const badFile = path.join(policyDir, 'bad.json');
    fs.writeFileSync(
      badFile,
      JSON.stringify({ version: 'company-domains-2', licensing: { refusedEmailDomains: ['@gmail.com'] } }),
    );
    await expect(startTestApp({ env: { SUPPORT_POLICY_FILE: badFile } })).rejects.toThrow(
      /licensing\.refusedEmailDomains\.0: must be a mail domain such as mailinator\.com/,
    );
  });
});
