import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { ApiClient, type ApiRequest } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { undeclaredIn } from './support/openapi/declared-response';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

type Reader = 'dave' | 'zoe' | 'jane' | 'bob' | 'eve' | 'audra';

/** Those the case is theirs to see but the account's licence terms are not: a sharee from another customer, a partner on the case team. */
const OUTSIDERS: Reader[] = ['dave', 'zoe'];
/** The opener, a colleague who sees shared tickets, an engineer, an auditor. */
const OWNERS_AND_STAFF: Reader[] = ['jane', 'bob', 'eve', 'audra'];

const EDITION = 'Online Marketing License';
/** Acme's named calendar: an arrangement made for Acme alone (security review 3, F7). */
const CALENDAR = 'acme-plant-shutdown';

/**
 * DOMAIN.md lets a person a case is shared with, or a case-team member from another company, see
 * and update the case; the owning customer's licence terms (the edition, the Mission Critical plan
 * and the queue rank it gives) are not theirs, as the account view already refuses them. The
 * case's detail, list, as-of and history withhold them alike, in the shape the OpenAPI document
 * declares; the account's own people and staff read them as before. The named calendar the
 * account is on is withheld with them (another arrangement made for that customer alone).
 */
describe("a case's readers from outside its account do not learn the account's licence terms", () => {
  let t: TestApp;
  let api: ApiClient;
  let docs: OpenApiDocument;
  let validator: OpenApiValidator;
  let caseId: string;
  let policyDir: string;
  const tokens = {} as Record<Reader, string>;

  beforeAll(async () => {
    policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-terms-'));
    const policyFile = path.join(policyDir, 'policy.json');
    const calendars = { [CALENDAR]: { holidays: ['2026-12-21'] } };
    fs.writeFileSync(policyFile, JSON.stringify({ version: 'terms-privacy-1', calendars }));
    t = await startTestApp({ env: { SUPPORT_POLICY_FILE: policyFile } });
    api = new ApiClient(t.app);
    docs = await OpenApiDocument.of(t.app);
    validator = new OpenApiValidator(docs);
    const setup = new SetupSteps(
      api,
      await t.token('admin@vendor.example', ['admin']),
      await t.token('eve@vendor.example', ['engineer']),
    );
    tokens.eve = await t.token('eve@vendor.example', ['engineer']);
    tokens.audra = await mintToken(TEST_SECRET, { email: 'audra@vendor.example', roles: ['auditor'] });
    for (const [reader, email] of [
      ['jane', 'jane@acme.example'],
      ['bob', 'bob@acme.example'],
      ['dave', 'dave@globex.example'],
      ['zoe', 'zoe@partner.example'],
    ] as const)
      tokens[reader] = await t.token(email);

    const acme = await setup.registerAccount('Acme');
    const onCalendar = {
      method: 'PATCH',
      url: `/v1/accounts/${acme}`,
      payload: { calendar: CALENDAR },
    } as const;
    await api.expect(200, onCalendar, await t.token('admin@vendor.example', ['admin']));
    const acmeLicence = await setup.issueLicence(acme, {
      plan: 'mission-critical',
      edition: EDITION,
      holderEmail: 'boss@acme.example',
    });
    const everything = { manageUsers: false, shareTickets: true, seeSharedTickets: true };
    await setup.addLicensedUser(acmeLicence, 'jane@acme.example', everything, tokens.jane);
    await setup.addLicensedUser(acmeLicence, 'bob@acme.example', everything, tokens.bob);
    await setup.addCaseTeamMember(acme, 'zoe@partner.example', true);
    // Dave is a licensed user too, of another customer.
    const globex = await setup.registerAccount('Globex');
    const globexLicence = await setup.issueLicence(globex, {
      plan: 'enterprise',
      holderEmail: 'greg@globex.example',
    });
    await setup.addLicensedUser(globexLicence, 'dave@globex.example', everything, tokens.dave);

    caseId = await setup.openWebCase(acmeLicence, tokens.jane);
    await setup.shareCase(caseId, 'dave@globex.example', tokens.jane);
  });

  afterAll(async () => {
    await t?.close();
    fs.rmSync(policyDir, { recursive: true, force: true });
  });

  /** The answer's JSON, after checking the OpenAPI document declares it. */
  async function read(reader: Reader, url: string): Promise<any> {
    const request: ApiRequest = { method: 'GET', url };
    const response = await api.expect(200, request, tokens[reader]);
    expect(undeclaredIn(docs, validator, 'GET', url, response)).toEqual([]);
    return response.json();
  }

  const answers = async (reader: Reader) => {
    const list = await read(reader, '/v1/cases');
    return {
      detail: await read(reader, `/v1/cases/${caseId}`),
      listed: list.items.find((item: { id: string }) => item.id === caseId),
      asOf: await read(reader, `/v1/cases/${caseId}?asOf=${encodeURIComponent(new Date().toISOString())}`),
      opening: (await read(reader, `/v1/cases/${caseId}/history`)).events.find(
        (entry: { type: string }) => entry.type === 'CaseOpened',
      ),
    };
  };

  it.each(OUTSIDERS)(
    '%s reads the case without its edition, plan and Mission Critical cover',
    async (reader) => {
      const { detail, listed, asOf, opening } = await answers(reader);
      for (const view of [detail, listed, asOf]) {
        expect(view).toMatchObject({
          id: caseId,
          product: 'Sitefinity',
          edition: null,
          calendar: null,
          title: 'Checkout fails',
        });
        expect(view.priority).toEqual({ rank: null, missionCritical: null, escalated: false, severity: 2 });
      }
      expect(opening.data).toMatchObject({
        title: 'Checkout fails',
        product: 'Sitefinity',
        edition: null,
        plan: null,
        missionCritical: null,
        calendar: null,
        redacted: "the account's licence terms",
      });
      // The one random value a guess at the three would have to match against the entry's hash.
      expect(opening).not.toHaveProperty('correlationId');
      expect(opening.metadata).not.toHaveProperty('correlationId');
      expect(JSON.stringify([detail, listed, asOf, opening])).not.toContain(EDITION);
      expect(JSON.stringify([detail, listed, asOf, opening])).not.toContain(CALENDAR);
    },
  );

  it.each(OWNERS_AND_STAFF)('%s still reads them', async (reader) => {
    const { detail, listed, asOf, opening } = await answers(reader);
    for (const view of [detail, listed, asOf]) {
      expect(view).toMatchObject({
        edition: EDITION,
        calendar: CALENDAR,
        priority: { rank: 12, missionCritical: true },
      });
    }
    expect(opening.data).toMatchObject({
      edition: EDITION,
      plan: 'mission-critical',
      missionCritical: true,
      calendar: CALENDAR,
    });
    expect(opening.data).not.toHaveProperty('redacted');
    expect(opening.correlationId).toEqual(expect.any(String));
  });
});
