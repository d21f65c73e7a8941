import { CASE_TEXT_LIMITS, MAX_LICENCE_SEATS } from '@casetrail/domain';
import { OpenApiDocument, type Schema } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';

/**
 * An integrator generates a client from /docs-json: what the document says must be what the server
 * does, or the generated client cannot be used without hand-patching the document.
 */
describe('OpenAPI: a client generated from the document can use the API', () => {
  let docs: OpenApiDocument;

  beforeAll(async () => {
    docs = await OpenApiDocument.served();
  });

  describe('security: only the routes that need no token say so', () => {
    const noTokenNeeded = (security: Record<string, string[]>[] | undefined) =>
      security !== undefined &&
      (security.length === 0 || security.some((one) => Object.keys(one).length === 0));

    it('marks /health, /metrics and /console/config as callable without a token', () => {
      const open = docs.routes().filter((route) => noTokenNeeded(route.operation.security));
      expect(open.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
        'GET /console/config',
        'GET /health',
        'GET /metrics',
      ]);
      expect(docs.document.security).toEqual([{ bearer: [] }]);
    });

    it('lets an admin send a JWT to /health, and /metrics takes the METRICS_TOKEN, not a person’s JWT', () => {
      const security = (path: string) =>
        docs.routes().find((route) => route.path === path)?.operation.security;
      expect(security('/console/config')).toEqual([]);
      expect(security('/health')).toEqual([{}, { bearer: [] }]);
      expect(security('/metrics')).toEqual([{}, { 'metrics-token': [] }]);
    });
  });

  describe('licence seats', () => {
    it('declares the seats of a licence issued as those of a licence changed: a whole number or "unlimited"', () => {
      const issued = docs.property(docs.requestSchema('POST', '/v1/accounts/{accountId}/licences'), 'seats');
      const changed = docs.property(docs.requestSchema('PATCH', '/v1/licences/{licenceId}'), 'seats');
      expect(issued?.type).toBeUndefined();
      expect(issued?.oneOf).toEqual([
        { type: 'integer', minimum: 1, maximum: MAX_LICENCE_SEATS },
        { type: 'string', enum: ['unlimited'] },
      ]);
      expect(changed?.oneOf).toEqual(issued?.oneOf);
    });
  });

  describe('null where the server sends null', () => {
    const declared = (model: string, property: string) =>
      docs.document.components.schemas[model]?.properties?.[property] ?? {};

    it.each([
      ['a case never escalated', 'CaseDetailResponseDto', 'escalation'],
      ['a listed case never escalated', 'CaseDetailDto', 'escalation'],
      ['a licence whose caller is not its user', 'LicenceListItemDto', 'permissions'],
      ['an escalation that ended', 'EscalationBoardItemDto', 'nextDue'],
    ])('lets %s validate (%s.%s: null)', (_, model, property) => {
      expect(new OpenApiValidator(docs).errors(declared(model, property), null)).toEqual([]);
    });

    it('still refuses what is neither null nor the declared value', () => {
      const validator = new OpenApiValidator(docs);
      expect(validator.errors(declared('EscalationBoardItemDto', 'nextDue'), 'status-update')).toEqual([]);
      expect(validator.errors(declared('EscalationBoardItemDto', 'nextDue'), 'later')).not.toEqual([]);
      expect(validator.errors(declared('CaseDetailDto', 'escalation'), 'none')).not.toEqual([]);
      expect(
        validator.errors(declared('LicenceListItemDto', 'permissions'), { manageUsers: 'yes' }),
      ).not.toEqual([]);
    });
  });

  describe('success answers', () => {
    const successes = () =>
      docs.routes().flatMap(({ method, path, operation }) =>
        Object.entries(operation.responses)
          .filter(([status]) => status.startsWith('2') && status !== '204')
          .map(([status, response]) => ({ route: `${method} ${path} ${status}`, response })),
      );
    const isSchema = (schema: Schema | undefined) =>
      !!schema && !!(schema.$ref || schema.type || schema.allOf || schema.oneOf || schema.anyOf);

    it('declares a schema for the body of every success answer but a 204', () => {
      const withoutSchema = successes()
        .filter(({ response }) => {
          const media = Object.values(response.content ?? {});
          return media.length === 0 || !media.every((one) => isSchema(one.schema));
        })
        .map(({ route }) => route);
      expect(withoutSchema).toEqual([]);
    });

    it('declares the ETag of every command, and the Location of every creation', () => {
      const commands = successes().filter(({ route }) => !route.startsWith('GET '));
      expect(commands.length).toBeGreaterThanOrEqual(28);
      const headers = (response: (typeof commands)[number]['response']) =>
        Object.keys(response.headers ?? {});
      expect(
        commands.filter(({ response }) => !headers(response).includes('ETag')).map(({ route }) => route),
      ).toEqual([]);
      expect(
        commands
          .filter(({ route }) => route.endsWith(' 201'))
          .filter(({ response }) => !headers(response).includes('Location'))
          .map(({ route }) => route),
      ).toEqual([]);
    });

    it("declares the case integrity check's refusals: a bad id, no token, a case not seen", () => {
      const integrity = docs.routes().find((route) => route.path === '/v1/cases/{caseId}/integrity');
      expect(Object.keys(integrity?.operation.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '400', '401', '404']),
      );
    });

    it('declares the challenge of a 401 and when to retry after a 503', () => {
      const open = docs.routes().find((route) => route.method === 'POST' && route.path === '/v1/cases');
      expect(Object.keys(open?.operation.responses['401']?.headers ?? {})).toEqual(['WWW-Authenticate']);
      expect(Object.keys(open?.operation.responses['503']?.headers ?? {})).toEqual(['Retry-After']);
    });
  });

  describe('request limits: what the server refuses, a generated client knows', () => {
    /** Every property of every JSON request body, resolved: `POST /v1/cases title`. */
    const bodyProperties = () =>
      docs.routes().flatMap(({ method, path }) =>
        Object.entries(docs.requestSchema(method, path)?.properties ?? {}).map(([name]) => ({
          at: `${method} ${path} ${name}`,
          name,
          schema: docs.property(docs.requestSchema(method, path), name) ?? {},
        })),
      );

    it.each([
      ['POST', '/v1/cases', 'title', CASE_TEXT_LIMITS.title],
      ['POST', '/v1/cases', 'description', CASE_TEXT_LIMITS.description],
      ['POST', '/v1/cases/{caseId}/escalations', 'details', CASE_TEXT_LIMITS.details],
      ['POST', '/v1/cases/{caseId}/redirection', 'referral', CASE_TEXT_LIMITS.referral],
      ['POST', '/v1/cases/{caseId}/resolution', 'summary', CASE_TEXT_LIMITS.summary],
      ['POST', '/v1/cases/{caseId}/comments', 'body', CASE_TEXT_LIMITS.body],
      ['POST', '/v1/cases/{caseId}/escalations/status-updates', 'body', CASE_TEXT_LIMITS.body],
      ['POST', '/v1/cases/{caseId}/shares', 'name', CASE_TEXT_LIMITS.name],
      ['POST', '/v1/accounts/{accountId}/case-team', 'name', { min: 1, max: 200 }],
      ['POST', '/v1/accounts', 'name', { min: 1, max: 200 }],
    ])('declares the length %s %s takes for %s', (method, path, name, { min, max }) => {
      const field = docs.property(docs.requestSchema(method, path), name);
      expect({ minLength: field?.minLength, maxLength: field?.maxLength }).toEqual({
        minLength: min,
        maxLength: max,
      });
    });

    it('declares a maximum length for every text a request body carries (ids and dates aside)', () => {
      const unbounded = bodyProperties()
        .filter(({ schema }) => schema.type === 'string' && !schema.enum && schema.maxLength === undefined)
        .filter(({ schema }) => schema.format !== 'uuid')
        .filter(({ name }) => name !== 'activeUntil')
        .map(({ at }) => at);
      expect(unbounded).toEqual([]);
    });

    it('declares every email address a request body carries as format email, at most 254 characters', () => {
      const emails = bodyProperties().filter(({ name }) => /email|^engineer$|^onBehalfOf$/i.test(name));
      expect(emails.length).toBeGreaterThanOrEqual(7);
      const undeclared = emails
        .filter(({ schema }) => schema.format !== 'email' || schema.maxLength !== 254)
        .map(({ at }) => at);
      expect(undeclared).toEqual([]);
    });

    it('declares `limit` a whole number from 1 to 200 wherever it is taken', () => {
      const limits = docs
        .routes()
        .flatMap(({ method, path, operation }) =>
          (operation.parameters ?? [])
            .filter((parameter) => parameter.name === 'limit')
            .map((parameter) => ({ at: `${method} ${path}`, schema: parameter.schema })),
        );
      expect(limits.length).toBeGreaterThanOrEqual(7);
      for (const { at, schema } of limits)
        expect({ at, type: schema?.type, minimum: schema?.minimum, maximum: schema?.maximum }).toEqual({
          at,
          type: 'integer',
          minimum: 1,
          maximum: 200,
        });
    });
  });
});
