import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * A `reason` is one field wherever a command takes it: the required ones (a severity change, a
 * de-escalation, a reopening) and the optional ones of cases, accounts and licences. A bad one is
 * answered with the same problem by every such command: the same status, `type`, `title`, detail
 * and `errors` naming `reason`, as application/problem+json, and nothing is recorded. (A blank
 * reason was `text-length-out-of-range` on a case and `invalid-reason` on an account or licence; a
 * licence's change of terms answered a wrong type or length with 422 where the others said 400.)
 */
describe('a bad reason gets the same problem from every command that takes one', () => {
  const seeded = useSeededTestApp();
  const CSM = 'carla.csm@vendor.example';
  const MEMBER = 'tom.teammate@partner.example';
  const INVITEE = 'ned.new@acme.example';
  const SHARED = 'dora.dev@consultancy.example';

  type Route = [method: string, url: string, token: string, body: Record<string, unknown>];
  type Answer = { status: number; body: any };

  const send = (method: string, url: string, token: string, body?: unknown) =>
    seeded.send(method, url, token, body) as Promise<Answer>;
  const ok = async (method: string, url: string, token: string, body?: unknown) => {
    const answer = await send(method, url, token, body);
    if (answer.status !== 200 && answer.status !== 201)
      throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };

  /** Every command that takes a reason, each in a state where it would succeed but for the reason. */
  let routes: Route[];

  beforeAll(async () => {
    const { accountId, licenceId, adminToken, engineerToken, customerToken, engineerEmail } = seeded.world;
    const open = await openCase(seeded.send, seeded.world);
    const resolved = await openCase(seeded.send, seeded.world, 'Search index is stale');
    await ok('POST', `/v1/cases/${resolved}/resolution`, engineerToken, { summary: 'Reindexed' });
    const escalated = await openCase(seeded.send, seeded.world, 'Editors are blocked');
    await ok('POST', `/v1/cases/${escalated}/escalations`, engineerToken, {
      reason: 'production-impact',
      details: 'All editors are blocked',
    });
    await ok('POST', `/v1/cases/${open}/shares`, customerToken, { email: SHARED, name: 'Dora' });
    const account = `/v1/accounts/${accountId}`;
    await ok('PUT', `${account}/csm`, adminToken, { email: CSM });
    await ok('POST', `${account}/case-team`, engineerToken, { email: MEMBER, name: 'Tom', notify: true });
    await ok('POST', `/v1/licences/${licenceId}/users`, adminToken, {
      email: INVITEE,
      firstName: 'Ned',
      lastName: 'New',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    const member = `${account}/case-team/${MEMBER}`;
    const invitee = `/v1/licences/${licenceId}/users/${INVITEE}`;
    routes = [
      ['POST', `/v1/cases/${open}/severity`, engineerToken, { severity: 2 }],
      ['POST', `/v1/cases/${escalated}/escalations/de-escalation`, engineerToken, {}],
      ['POST', `/v1/cases/${resolved}/reopening`, customerToken, {}],
      ['POST', `/v1/cases/${open}/assignment`, engineerToken, { engineer: engineerEmail }],
      ['POST', `/v1/cases/${open}/shares`, customerToken, { email: 'sam@partner.example', name: 'Sam' }],
      ['DELETE', `/v1/cases/${open}/shares/${SHARED}`, customerToken, {}],
      ['POST', `/v1/cases/${resolved}/closure`, customerToken, {}],
      ['PATCH', account, adminToken, { name: 'Acme Ltd' }],
      ['PUT', `${account}/csm`, adminToken, { email: 'cody.csm@vendor.example' }],
      ['DELETE', `${account}/csm`, adminToken, {}],
      [
        'POST',
        `${account}/case-team`,
        engineerToken,
        { email: 'lee@partner.example', name: 'Lee', notify: true },
      ],
      ['PATCH', member, adminToken, { notify: false }],
      ['DELETE', member, adminToken, {}],
      ['PATCH', `/v1/licences/${licenceId}`, adminToken, { seats: 60 }],
      [
        'POST',
        `/v1/licences/${licenceId}/users`,
        adminToken,
        {
          email: 'nora.new@acme.example',
          firstName: 'Nora',
          lastName: 'New',
          company: 'Acme',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        },
      ],
      ['PATCH', invitee, adminToken, { permissions: { shareTickets: true } }],
      ['DELETE', invitee, adminToken, {}],
    ];
  });

  /** What a client reads of a problem; the instance (the request's own URL) aside. */
  const problemOf = (answer: Answer) => {
    const { type, title, status, detail, errors } = answer.body;
    return { status: answer.status, body: { type, title, status, detail, errors } };
  };

  it.each([
    ['longer than 2,000 characters', 'x'.repeat(2_001), 400, 'validation'],
    // 1,001 letters each with a variation selector: 2,002 characters as the deciders count them.
    ['longer than 2,000 characters as the deciders count them', 'x\uFE0F'.repeat(1_001), 400, 'validation'],
    ['a number', 42, 400, 'validation'],
    ['null', null, 400, 'validation'],
    ['a list', ['Renewal'], 400, 'validation'],
    ['empty', '', 422, 'text-length-out-of-range'],
    ['white space alone', ' \n\t ', 422, 'text-length-out-of-range'],
    ['invisible characters alone', '\u200B\u2060\uFEFF', 422, 'text-length-out-of-range'],
    ['holding a control character', 'legal\u0007rename', 422, 'unsafe-character'],
  ])('a reason %s', async (_what, reason, status, type) => {
    const before = await seeded.t.runtime.storage.eventStore.headPosition();
    const answers = [];
    for (const [method, url, token, body] of routes) {
      const answer = await send(method, url, token, { ...body, reason });
      answers.push({ route: `${method} ${url}`, ...problemOf(answer) });
    }
    const [first] = answers;
    expect(first.body).toMatchObject({
      type: `https://casetrail.dev/problems/${type}`,
      status,
      errors: [{ field: 'reason', message: expect.any(String) }],
    });
    // The same answer, to the letter, from every command (the route named to show which differs).
    for (const answer of answers) {
      expect(answer).toEqual({ route: answer.route, status: first.status, body: first.body });
    }
    expect(await seeded.t.runtime.storage.eventStore.headPosition()).toBe(before);
  });

  it('answers every one of them as application/problem+json', async () => {
    for (const [method, url, token, body] of routes) {
      const response = await seeded.t.app.inject({
        method: method as 'POST',
        url,
        headers: { authorization: `Bearer ${token}` },
        payload: { ...body, reason: '   ' },
      });
      expect({ route: `${method} ${url}`, contentType: response.headers['content-type'] }).toEqual({
        route: `${method} ${url}`,
        contentType: expect.stringContaining('application/problem+json'),
      });
    }
  });

  it('takes a reason of 2,000 characters once trimmed, as the deciders count it, on a required and an optional one', async () => {
    const { accountId, adminToken, engineerToken, customerToken } = seeded.world;
    const atTheLimit = `  ${'r'.repeat(2_000)}\n`;
    const caseId = await openCase(seeded.send, seeded.world, 'Sitemap is empty');
    await ok('POST', `/v1/cases/${caseId}/severity`, engineerToken, { severity: 2, reason: atTheLimit });
    await ok('PATCH', `/v1/accounts/${accountId}`, adminToken, { name: 'Acme Corp', reason: atTheLimit });
    const history = await send('GET', `/v1/cases/${caseId}/history`, customerToken);
    const changed = history.body.events.find((event: { type: string }) => event.type === 'SeverityChanged');
    expect(changed.reason).toBe('r'.repeat(2_000));
  });
});
