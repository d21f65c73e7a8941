import { CASE_ACTIONS, type CaseActionName } from '@casetrail/domain';
import { ApiRequest, ApiResponse } from './support/fixtures/api-client';
import { PEOPLE } from './support/fixtures/access-actors';
import { AccessWorld } from './support/fixtures/access-world';
import { NO_PERMISSIONS } from './support/fixtures/setup-steps';
import { undeclaredIn } from './support/openapi/declared-response';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';

/**
 * The case detail's `allowedActions` is what the API then accepts from the caller: for each caller
 * and case state below, every action is tried with a well-formed body, on a case freshly arranged in
 * that state whenever an earlier try changed it, and the actions accepted (2xx) that record
 * something are exactly those listed (an accepted no-op, as handing back an unassigned case, is not). Before, the detail said nothing of it, and the console offered a sharee Reopen and Share
 * on a case whose licence had expired, which the API then refused.
 */
describe("the case detail's allowedActions", () => {
  // Before the test clock's start (2026-03-02T09:00Z): a licence ended an hour ago.
  const ENDED = '2026-03-02T08:00:00Z';
  let world: AccessWorld;
  let docs: OpenApiDocument;
  let erin: { email: string; token: string };
  let lapsed: { licenceId: string; opener: string; sharee: { email: string; token: string } };

  beforeAll(async () => {
    world = await AccessWorld.build();
    docs = await OpenApiDocument.of(world.testApp.app);
    const erinEmail = 'erin.engineer@vendor.example';
    erin = { email: erinEmail, token: await world.testApp.token(erinEmail, ['engineer']) };
    const licenceId = await world.steps.issueLicence(world.accounts.acme, {
      plan: 'enterprise',
      holderEmail: PEOPLE.hannah.email,
    });
    const una = world.uniqueEmail('una.opener');
    const unaToken = await world.testApp.token(una);
    await world.steps.addLicensedUser(licenceId, una, { ...NO_PERMISSIONS, shareTickets: true }, unaToken);
    const shareeEmail = world.uniqueEmail('sid.sharee', 'othercorp.example');
    lapsed = {
      licenceId,
      opener: unaToken,
      sharee: { email: shareeEmail, token: await world.testApp.token(shareeEmail) },
    };
  });
  afterAll(() => world.close());

  const token = (kind: keyof typeof PEOPLE) => world.token(kind);
  const eve = () => token('eve');
  const admin = () => token('adam');

  async function post(caseId: string, path: string, by: string, payload: object = {}): Promise<void> {
    await world.api.expect(
      path === '/escalations' || path === '/comments' ? 201 : 200,
      { method: 'POST', url: `/v1/cases/${caseId}${path}`, payload },
      by,
    );
  }

  /** Alice's new case, shared with sam. */
  async function newCase(): Promise<string> {
    const caseId = await world.steps.openWebCase(world.licences.acme, token('alice'), 'Allowed actions');
    await world.steps.shareCase(caseId, PEOPLE.sam.email, token('alice'));
    return caseId;
  }
  async function inProgress(): Promise<string> {
    const caseId = await newCase();
    await post(caseId, '/comments', eve(), { body: 'Looking into it', internal: false });
    return caseId;
  }
  async function assignedToErin(): Promise<string> {
    const caseId = await inProgress();
    await post(caseId, '/assignment', erin.token, { engineer: erin.email });
    return caseId;
  }
  async function resolved(): Promise<string> {
    const caseId = await inProgress();
    await post(caseId, '/resolution', eve(), { summary: 'Patched' });
    return caseId;
  }
  async function closed(): Promise<string> {
    const caseId = await resolved();
    await post(caseId, '/closure', token('alice'));
    return caseId;
  }
  async function escalated(): Promise<string> {
    const caseId = await inProgress();
    await post(caseId, '/escalations', token('alice'), {
      reason: 'production-impact',
      details: 'Orders lost',
    });
    return caseId;
  }
  async function escalationAcknowledged(): Promise<string> {
    const caseId = await escalated();
    await post(caseId, '/escalations/acknowledgement', eve());
    return caseId;
  }
  /** Una's resolved case, shared with sid of another company, on a licence that has since ended. */
  async function resolvedOnLapsedLicence(): Promise<string> {
    const setActiveUntil = (activeUntil: string) =>
      world.api.expect(
        200,
        {
          method: 'PATCH',
          url: `/v1/licences/${lapsed.licenceId}`,
          payload: { activeUntil, reason: 'test' },
        },
        admin(),
      );
    await setActiveUntil('2030-12-31');
    const caseId = await world.steps.openWebCase(lapsed.licenceId, lapsed.opener, 'Lapsed');
    await world.steps.shareCase(caseId, lapsed.sharee.email, lapsed.opener);
    await post(caseId, '/resolution', eve(), { summary: 'Raised the timeout' });
    await setActiveUntil(ENDED);
    return caseId;
  }

  /** Each action's request, with a valid body, as the detail's description says it is judged. */
  async function request(action: CaseActionName, caseId: string, callerEmail: string): Promise<ApiRequest> {
    const url = `/v1/cases/${caseId}`;
    const seen = (await world.api.expect(200, { method: 'GET', url }, eve())).json();
    const shares: { email: string }[] = seen.shares;
    const text = 'Tried by the allowed-actions spec';
    switch (action) {
      case 'comment':
      case 'internalNote':
        return {
          method: 'POST',
          url: `${url}/comments`,
          payload: { body: text, internal: action === 'internalNote' },
        };
      case 'requestInformation':
        return { method: 'POST', url: `${url}/information-request`, payload: { body: text } };
      case 'changeSeverity':
        return {
          method: 'POST',
          url: `${url}/severity`,
          payload: { severity: seen.severity === 3 ? 2 : 3, reason: text },
        };
      case 'escalate':
        return {
          method: 'POST',
          url: `${url}/escalations`,
          payload: { reason: 'production-impact', details: text },
        };
      case 'acknowledgeEscalation':
        return { method: 'POST', url: `${url}/escalations/acknowledgement`, payload: { reason: text } };
      case 'postStatusUpdate':
        return { method: 'POST', url: `${url}/escalations/status-updates`, payload: { body: text } };
      case 'deEscalate':
        return { method: 'POST', url: `${url}/escalations/de-escalation`, payload: { reason: text } };
      case 'assign':
        return { method: 'POST', url: `${url}/assignment`, payload: { engineer: callerEmail } };
      case 'unassign':
        return { method: 'DELETE', url: `${url}/assignment` };
      case 'share':
        return {
          method: 'POST',
          url: `${url}/shares`,
          payload: {
            email: world.uniqueEmail('new.colleague', seen.openedBy.split('@')[1]),
            name: 'New Colleague',
          },
        };
      case 'unshare': {
        const email =
          (shares.find((share) => share.email === callerEmail) ?? shares[0])?.email ?? 'nobody@acme.example';
        return { method: 'DELETE', url: `${url}/shares/${encodeURIComponent(email)}` };
      }
      case 'resolve':
        return { method: 'POST', url: `${url}/resolution`, payload: { summary: text } };
      case 'close':
        return { method: 'POST', url: `${url}/closure` };
      case 'reopen':
        return { method: 'POST', url: `${url}/reopening`, payload: { reason: text } };
      case 'redirect':
        return { method: 'POST', url: `${url}/redirection`, payload: { to: 'consulting', referral: text } };
    }
  }

  /** The caller's allowedActions on a case arranged so, checked against the OpenAPI document. */
  async function listed(caseId: string, callerToken: string): Promise<string[]> {
    const url = `/v1/cases/${caseId}`;
    const response = await world.api.expect(200, { method: 'GET', url }, callerToken);
    expect(undeclaredIn(docs, new OpenApiValidator(docs), 'GET', url, response)).toEqual([]);
    return response.json().allowedActions;
  }

  const eventsOf = async (caseId: string) =>
    (await world.testApp.runtime.storage.eventStore.readStream(`case-${caseId}`)).length;

  /**
   * Every action tried by the caller, each on a case as `arrange` leaves it: its status, and
   * whether it recorded anything (an accepted no-op, as handing back an unassigned case, does not).
   */
  async function accepted(arrange: () => Promise<string>, callerEmail: string, callerToken: string) {
    const verdicts: Record<string, number> = {};
    const recorded = new Set<string>();
    let caseId = await arrange();
    for (const action of CASE_ACTIONS) {
      const before = await eventsOf(caseId);
      const response: ApiResponse = await world.api.send(
        await request(action, caseId, callerEmail),
        callerToken,
      );
      verdicts[action] = response.status;
      if ((await eventsOf(caseId)) > before) recorded.add(action);
      // Accepted, it changed the case (or may have): the next action is tried on a fresh one.
      if (response.status < 300) caseId = await arrange();
    }
    return { verdicts, recorded };
  }

  const callers = {
    opener: () => ({ email: PEOPLE.alice.email, token: token('alice') }),
    sharee: () => ({ email: PEOPLE.sam.email, token: token('sam') }),
    caseTeamMember: () => ({ email: PEOPLE.tina.email, token: token('tina') }),
    seeSharedColleague: () => ({ email: PEOPLE.carol.email, token: token('carol') }),
    engineer: () => ({ email: PEOPLE.eve.email, token: eve() }),
    assignee: () => erin,
    csm: () => ({ email: PEOPLE.cora.email, token: token('cora') }),
    auditor: () => ({ email: PEOPLE.audrey.email, token: token('audrey') }),
    admin: () => ({ email: PEOPLE.adam.email, token: admin() }),
    shareeOnLapsedLicence: () => lapsed.sharee,
  };

  const cases: [keyof typeof callers, string, () => Promise<string>][] = [
    ['opener', 'a new case', () => newCase()],
    ['opener', 'a closed case', () => closed()],
    ['opener', 'an escalated case', () => escalated()],
    ['sharee', 'a resolved case', () => resolved()],
    ['caseTeamMember', 'a case in progress', () => inProgress()],
    ['seeSharedColleague', 'a case in progress', () => inProgress()],
    ['engineer', 'a new case', () => newCase()],
    ['engineer', 'a closed case', () => closed()],
    ['engineer', 'a case assigned to a colleague', () => assignedToErin()],
    ['assignee', 'their case in progress', () => assignedToErin()],
    ['engineer', 'an escalated case', () => escalated()],
    ['csm', 'a case whose escalation was acknowledged', () => escalationAcknowledged()],
    ['auditor', 'a case in progress', () => inProgress()],
    ['admin', 'a closed case', () => closed()],
    ['shareeOnLapsedLicence', 'a resolved case', () => resolvedOnLapsedLicence()],
    ['seeSharedColleague', 'a resolved case whose licence expired', () => resolvedOnLapsedLicence()],
  ];

  it.each(cases)(
    'lists for the %s on %s exactly the actions the API then accepts and records something for',
    async (who, _state, arrange) => {
      const caller = callers[who]();
      const shown = await listed(await arrange(), caller.token);
      const { verdicts, recorded } = await accepted(arrange, caller.email, caller.token);
      // Accepted and recorded: an accepted no-op (finding F1) is not offered.
      const acceptedActions = CASE_ACTIONS.filter((action) => verdicts[action] < 300 && recorded.has(action));
      expect({ shown, verdicts }).toEqual({ shown: acceptedActions, verdicts });
      // Refusals are the API's own for who and what, never a bad body or an error.
      expect(
        Object.values(verdicts).filter((status) => status >= 300 && ![403, 404, 409, 422].includes(status)),
      ).toEqual([]);
    },
  );

  it('offers the sharee of a case whose licence expired neither Reopen nor Share, and names no date', async () => {
    const caseId = await resolvedOnLapsedLicence();
    const response = await world.api.expect(
      200,
      { method: 'GET', url: `/v1/cases/${caseId}` },
      lapsed.sharee.token,
    );
    const { allowedActions } = response.json();
    expect(allowedActions).toEqual(expect.arrayContaining(['comment']));
    expect(allowedActions).not.toContain('reopen');
    expect(allowedActions).not.toContain('share');
    expect(response.body).not.toContain('activeUntil');
    expect(response.body).not.toContain(ENDED.slice(0, 16));
    // The opener on the same licence may not reopen either, the engineer may.
    expect(await listed(caseId, lapsed.opener)).not.toContain('reopen');
    expect(await listed(caseId, eve())).toContain('reopen');
  });

  it("offers a colleague with the account's other licence in force Escalate but not Reopen, and her escalation leaves the case resolved", async () => {
    // Carol sees una's case through see shared tickets and is a user of acme's licence in force.
    const caseId = await resolvedOnLapsedLicence();
    const offered = await listed(caseId, token('carol'));
    expect(offered).toContain('escalate');
    expect(offered).not.toContain('reopen');
    await post(caseId, '/escalations', token('carol'), {
      reason: 'production-impact',
      details: 'Broken again',
    });
    const detail = (await world.api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, eve())).json();
    expect(detail).toMatchObject({ status: 'resolved', escalation: { level: 1 } });
  });

  it('lists nothing for a read-only auditor, and is left out of ?asOf= reads', async () => {
    const caseId = await inProgress();
    expect(await listed(caseId, token('audrey'))).toEqual([]);
    expect(await listed(caseId, token('ada'))).toEqual([]);
    const past = await world.api.expect(
      200,
      {
        method: 'GET',
        url: `/v1/cases/${caseId}?asOf=${encodeURIComponent(world.testApp.clock.now().toISOString())}`,
      },
      eve(),
    );
    expect(past.json()).not.toHaveProperty('allowedActions');
  });
});
