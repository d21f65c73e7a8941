import fc, { Arbitrary } from 'fast-check';

/** A write endpoint as the OpenAPI document describes it. */
export interface WriteEndpoint {
  method: 'POST' | 'PUT' | 'PATCH';
  /** OpenAPI path template, e.g. /v1/cases/{caseId}/comments. */
  path: string;
  bodySchema?: JsonSchema;
}

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $ref?: string;
  example?: unknown;
  maxLength?: number;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every POST, PUT and PATCH of the API, with its body schema resolved, read from its own OpenAPI document. */
export function writeEndpoints(document: OpenApiDocument): WriteEndpoint[] {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    if (!schema) return undefined;
    if (schema.$ref) return resolve(schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (!schema.properties) return schema;
    const properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, value]) => [name, resolve(value)!]),
    );
    return { ...schema, properties };
  };
  const endpoints: WriteEndpoint[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const upper = method.toUpperCase();
      if (upper !== 'POST' && upper !== 'PUT' && upper !== 'PATCH') continue;
      endpoints.push({
        method: upper,
        path,
        bodySchema: resolve(operation.requestBody?.content?.['application/json']?.schema),
      });
    }
  }
  return endpoints;
}

/** What a fuzzed request may pick from: ids and people that exist, so some requests go deep. */
export interface FuzzWorld {
  ids: Record<string, string[]>;
  emails: string[];
  /** Authorization header values: valid tokens of every kind of caller, and junk. */
  authorizations: (string | undefined)[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const HUGE = JSON.stringify({ body: 'x'.repeat(1_200_000) });

/** Header values a real client can send: visible ASCII and spaces, no line breaks. */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 300,
});

/** A path segment: usually a real id, else anything (encoded), or raw URL syntax. */
function pathSegment(real: string[]): Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: real.length ? fc.constantFrom(...real) : fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }).map(encodeURIComponent),
    },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%00',
        '%ff',
        '%',
        '%zz',
        'a'.repeat(400),
        '%2F',
        'a;b',
        'x?y=1',
        'x#y',
        'A%20B',
        '-',
        '_',
      ),
    },
  );
}

/** A plausible value for a property, chosen by its schema and, for strings, its name. */
function valueFor(name: string, schema: JsonSchema | undefined, world: FuzzWorld): Arbitrary<unknown> {
  if (!schema) return fc.jsonValue();
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.properties) return bodyFor(schema, world);
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'number' || schema.type === 'integer') return fc.integer({ min: -3, max: 100 });
  if (/email|onBehalfOf|engineer/i.test(name))
    return fc.oneof(fc.constantFrom(...world.emails), fc.emailAddress());
  if (/licenceId/.test(name))
    return fc.oneof(fc.constantFrom(...(world.ids.licenceId ?? ['x'])), fc.string());
  if (/timeZone/.test(name))
    return fc.constantFrom('UTC', 'Europe/Sofia', 'America/New_York', 'Mars/Olympus', '');
  if (/activeUntil/.test(name))
    return fc.constantFrom('2099-12-31', '2020-01-01', '2030-02-30', '2030-01-01T00:00:00Z', 'tomorrow');
  if (/seats/.test(name))
    return fc.oneof(fc.integer({ min: -2, max: 2_000_000 }), fc.constant('unlimited'), fc.string());
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  );
}

/** A body the schema would (mostly) accept: each property plausible, optional ones sometimes left out. */
function bodyFor(schema: JsonSchema, world: FuzzWorld): Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const shape = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, valueFor(name, property, world)]),
  );
  return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((key) => key in shape) });
}

/** A near-valid body, broken in one way or not at all. */
function mutatedBody(schema: JsonSchema | undefined, world: FuzzWorld): Arbitrary<unknown> {
  const base = schema ? bodyFor(schema, world) : fc.constant<Record<string, unknown>>({});
  const keys = Object.keys(schema?.properties ?? {});
  return fc.oneof(
    { weight: 8, arbitrary: base },
    {
      weight: 3,
      arbitrary: fc
        .tuple(base, keys.length ? fc.constantFrom(...keys) : fc.string(), fc.jsonValue())
        .map(([body, key, value]) => ({ ...body, [key]: value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue())
        .map(([body, key, value]) => ({ ...body, [key]: value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, keys.length ? fc.constantFrom(...keys) : fc.string())
        .map(([body, key]) => ({ ...body, [key]: undefined })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom('__proto__', 'constructor', 'prototype'))
        .map(([body, key]) =>
          JSON.parse(
            JSON.stringify(body).replace(/^\{/, `{"${key}":{"polluted":true},`).replace(/,\}$/, '}'),
          ),
        ),
    },
    { weight: 2, arbitrary: fc.jsonValue() },
  );
}

/** The raw bytes sent: JSON of a (mutated) body, or text that is not JSON at all, or nothing. */
function payloadFor(endpoint: WriteEndpoint, world: FuzzWorld): Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 24, arbitrary: mutatedBody(endpoint.bodySchema, world).map((body) => JSON.stringify(body)) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        '{',
        '{"a":1}}',
        'null',
        '[]',
        '"text"',
        '1e999',
        '{"a":"\\ud800"}',
      ),
    },
    { weight: 1, arbitrary: fc.constant(HUGE) },
  );
}

/**
 * Headers: mostly what a real client sends (a valid token of some caller, JSON), so most requests
 * get past the gates and reach the decider; the rest junk in every header the API reads.
 */
function headersFor(world: FuzzWorld): Arbitrary<Record<string, string>> {
  // Present in one request out of `oneIn`.
  const sometimes = (arbitrary: Arbitrary<string>, oneIn: number) =>
    fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
  const validTokens = world.authorizations.filter((value) => value?.startsWith('Bearer ey'));
  return fc
    .record({
      authorization: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...validTokens) },
        { weight: 2, arbitrary: fc.constantFrom(...world.authorizations) },
      ),
      'content-type': fc.oneof(
        { weight: 16, arbitrary: fc.constant('application/json') },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            'application/json; charset=utf-8',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/problem+json',
            '',
          ),
        },
        { weight: 1, arbitrary: headerText },
      ),
      'idempotency-key': sometimes(
        fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: headerText }),
        2,
      ),
      'if-match': sometimes(
        fc.oneof(fc.constantFrom('"0"', '"1"', 'W/"2"', '*', '"999999999999999"', '0'), headerText),
        6,
      ),
      'x-correlation-id': sometimes(headerText, 4),
    })
    .map(
      (headers) =>
        Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<
          string,
          string
        >,
    );
}

/** Requests to one endpoint: fuzzed path ids, headers and body. */
export function requestsFor(endpoint: WriteEndpoint, world: FuzzWorld): Arbitrary<FuzzRequest> {
  const names = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const segments = fc.tuple(...names.map((name) => pathSegment(world.ids[name] ?? [])));
  return fc
    .tuple(segments, headersFor(world), payloadFor(endpoint, world))
    .map(([values, headers, payload]) => {
      let url = endpoint.path;
      names.forEach((name, index) => (url = url.replace(`{${name}}`, values[index])));
      return { method: endpoint.method, url, headers, payload };
    });
}
