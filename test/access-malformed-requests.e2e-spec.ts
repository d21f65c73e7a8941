import { PersonKind } from './support/fixtures/access-actors';
import { AccessWorld } from './support/fixtures/access-world';
import { ApiRequest } from './support/fixtures/api-client';
import { CaseStates } from './support/fixtures/case-states';
import { MatrixContext, MatrixEndpoint, matrixEndpoints } from './support/fixtures/endpoint-catalogue';

/**
 * ARCHITECTURE.md: "never a bare 500 for bad input". Every write endpoint gets broken bodies from a
 * caller who is allowed to use it (so the request reaches validation and the decider), and every
 * route gets broken paths, queries and headers: the answer is a 4xx problem+json, never a 5xx.
 */
const BROKEN_BODIES: { describes: string; body: string; contentType?: string; knownDeviation?: string }[] = [
  { describes: 'truncated JSON', body: '{"email": "a@b.c", ' },
  { describes: 'JSON null', body: 'null' },
  { describes: 'a JSON array', body: '[{"email": "a@b.c"}]' },
  { describes: 'a JSON string', body: '"hello"' },
  { describes: 'a JSON number', body: '42' },
  { describes: 'every field of the wrong type', body: JSON.stringify(wrongTypes()) },
  {
    describes: 'a prototype-pollution attempt',
    body: '{"__proto__": {"roles": ["admin"]}, "constructor": {"prototype": {"admin": true}}}',
  },
  {
    describes: 'arrays nested 2000 deep',
    body: `${'['.repeat(2000)}${']'.repeat(2000)}`,
    // class-transformer recurses once per level: the JSON parser refuses bodies nested deeper than
    // MAX_JSON_DEPTH before validation can overflow the stack.
  },
  { describes: 'objects nested 2000 deep', body: `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}` },
  { describes: 'text/plain', body: 'email=a@b.c', contentType: 'text/plain' },
  {
    describes: 'form encoding',
    body: 'email=a%40b.c&name=x',
    contentType: 'application/x-www-form-urlencoded',
  },
  { describes: 'a body over the 1 MB limit', body: JSON.stringify({ body: 'x'.repeat(1_100_000) }) },
];

function wrongTypes(): Record<string, unknown> {
  return {
    name: ['Acme'],
    timeZone: 42,
    email: { $ne: '' },
    product: null,
    edition: true,
    plan: 'platinum',
    activeUntil: 'next year',
    seats: -3,
    holderEmail: 'not an email',
    firstName: {},
    permissions: 'all',
    notify: 'yes',
    licenceId: { id: 1 },
    title: 12,
    description: [],
    severity: '1',
    channel: 'fax',
    onBehalfOf: 7,
    reason: { why: 'because' },
    details: false,
    body: ['comment'],
    internal: 'true',
    engineer: 'eve',
    summary: 0,
    to: 'nowhere',
    referral: null,
  };
}

describe('malformed requests never produce a 5xx', () => {
  let world: AccessWorld;
  let context: MatrixContext;
  const writes = matrixEndpoints().filter((endpoint) => endpoint.name.split(' ')[0] !== 'GET');

  beforeAll(async () => {
    world = await AccessWorld.build();
    context = {
      world,
      cases: await world.openCasePair(),
      states: new CaseStates(world.api, world.token('eve')),
    };
  });

  afterAll(() => world.close());

  /** Someone the endpoint accepts, so a refusal can only come from the request's shape. */
  const callerFor = (endpoint: MatrixEndpoint): PersonKind =>
    endpoint.allowed.includes('eve') ? 'eve' : endpoint.allowed[0];

  /** The one body that may be left out: an information request's message. */
  const optionalBody = /\/information-request$/;

  describe.each(BROKEN_BODIES)('$describes', (broken) => {
    const test = broken.knownDeviation ? it.failing : it;
    test(`every write endpoint answers 4xx problem+json or accepts it${broken.knownDeviation ? ` [known deviation: ${broken.knownDeviation}]` : ''}`, async () => {
      const wrong: string[] = [];
      for (const endpoint of writes) {
        const caller = callerFor(endpoint);
        const base = await endpoint.request(context, caller, false);
        const response = await world.api.send(
          {
            ...base,
            payload: broken.body,
            headers: { 'content-type': broken.contentType ?? 'application/json' },
          },
          world.token(caller),
        );
        const bodyRequired = base.payload !== undefined && !optionalBody.test(endpoint.name);
        const refusedAsProblem =
          response.status >= 400 && response.status < 500 && response.contentType.includes('problem+json');
        if (response.status >= 500 || (bodyRequired && !refusedAsProblem)) {
          wrong.push(`${endpoint.name} as ${caller}: ${response.status} ${response.body.slice(0, 150)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  it('broken paths, query strings and headers: never a 5xx, and every refusal is problem+json', async () => {
    const { cases, world: w } = context;
    const acme = w.accounts.acme;
    const licence = w.licences.acme;
    const requests: ApiRequest[] = [
      ...[
        '%00',
        '..%2F..%2Fetc%2Fpasswd',
        "'%20OR%201=1%20--",
        'x'.repeat(5000),
        '%F0%9F%99%82',
        '%E0%A4%A',
      ].flatMap((id) => [
        { method: 'GET' as const, url: `/v1/cases/${id}` },
        { method: 'GET' as const, url: `/v1/cases/${id}/history` },
        { method: 'POST' as const, url: `/v1/cases/${id}/comments`, payload: { body: 'hi' } },
        { method: 'POST' as const, url: `/v1/licences/${id}/users/${id}/activation` },
        { method: 'PATCH' as const, url: `/v1/accounts/${id}/case-team/${id}`, payload: { notify: true } },
        { method: 'GET' as const, url: `/v1/accounts/${id}` },
        { method: 'GET' as const, url: `/v1/licences/${id}` },
        { method: 'GET' as const, url: `/v1/queues/${id}` },
      ]),
      ...[
        'limit=abc',
        'limit=0',
        'limit=-5',
        'limit=1e9',
        'limit=1.5',
        'limit=1&limit=2',
        'cursor=garbage',
        'cursor=%25%25%25',
        `cursor=${'A'.repeat(3000)}`,
        'severity=7',
        'severity=abc',
        'status=bogus',
        'accountId[$ne]=x',
        'accountId=',
      ].flatMap((query) => [
        { method: 'GET' as const, url: `/v1/cases?${query}` },
        { method: 'GET' as const, url: `/v1/queues/open?${query}` },
        { method: 'GET' as const, url: `/v1/accounts?${query}` },
      ]),
      ...['yesterday', '2026-13-45T00:00:00Z', '', '1e99', '2026-03-02T09:00:00'].map((asOf) => ({
        method: 'GET' as const,
        url: `/v1/cases/${cases.byAlice}?asOf=${encodeURIComponent(asOf)}`,
      })),
      ...['-1', 'abc', '1e99'].flatMap((hours) => [
        {
          method: 'GET' as const,
          url: `/v1/licences/${licence}/pending-invitations?olderThanHours=${hours}`,
        },
        { method: 'GET' as const, url: `/v1/invitations/overdue?olderThanHours=${hours}` },
      ]),
      { method: 'PATCH', url: `/v1/licences/${licence}/users/not-an-email`, payload: { permissions: {} } },
      { method: 'DELETE', url: `/v1/accounts/${acme}/case-team/%20` },
      { method: 'DELETE', url: `/v1/cases/${cases.byAlice}/shares/${'a'.repeat(300)}@x.example` },
      ...['abc', 'W/"1"', '"-1"', '"99999999999999999999"', '"1", "2"', '*'].map((ifMatch) => ({
        method: 'POST' as const,
        url: `/v1/cases/${cases.byAlice}/comments`,
        payload: { body: 'With a strange If-Match' },
        headers: { 'if-match': ifMatch },
      })),
      ...['', ' ', 'k'.repeat(5000), 'ключ'].map((key) => ({
        method: 'POST' as const,
        url: `/v1/cases/${cases.byAlice}/severity`,
        payload: { severity: 9, reason: 'Invalid severity, odd key' },
        headers: { 'idempotency-key': key },
      })),
    ];
    const wrong: string[] = [];
    for (const request of requests) {
      const response = await world.api.send(request, world.token('eve'));
      if (
        response.status >= 500 ||
        (response.status >= 400 && !response.contentType.includes('problem+json'))
      ) {
        wrong.push(
          `${request.method} ${request.url.slice(0, 80)} ${JSON.stringify(request.headers ?? {}).slice(0, 60)}: ${response.status}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });
});
