import type { ApiResponse } from '../fixtures/api-client';
import type { OpenApiDocument, Route } from './openapi-document';
import type { OpenApiValidator } from './openapi-validator';
import { undeclaredFields } from './undeclared-fields';

/** The response headers a client reads, which the document must declare where a route sends them. */
const HEADERS_CLIENTS_READ = [
  'etag',
  'location',
  'retry-after',
  'www-authenticate',
  'allow',
  'idempotent-replayed',
];

/** The documented operation `method url` is served by (`/v1/cases/0190…/comments` -> `/v1/cases/{caseId}/comments`). */
export function routeOf(docs: OpenApiDocument, method: string, url: string): Route | undefined {
  const path = url.split('?', 1)[0];
  return docs
    .routes()
    .find(
      (route) =>
        route.method === method && new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
    );
}

/**
 * What is wrong with `response` as the document declares the route's answer: its status not
 * declared, a body its declared schema refuses (or no schema for it), a header it sends and the
 * document leaves out. Empty when a generated client reads it as the server meant.
 */
export function undeclaredIn(
  docs: OpenApiDocument,
  validator: OpenApiValidator,
  method: string,
  url: string,
  response: ApiResponse,
): string[] {
  const route = routeOf(docs, method, url);
  if (!route) return [`no operation ${method} ${url}`];
  const declared = route.operation.responses[String(response.status)];
  if (!declared) return [`status ${response.status} not declared`];
  const problems: string[] = [];
  const mediaType = response.contentType.split(';', 1)[0].trim();
  if (response.body !== '') {
    const schema = declared.content?.[mediaType]?.schema;
    if (!schema) problems.push(`no schema for ${mediaType}`);
    else if (mediaType.endsWith('json'))
      problems.push(
        ...validator.errors(schema, response.json()),
        ...undeclaredFields(docs, schema, response.json()),
      );
  }
  const declaredHeaders = Object.keys(declared.headers ?? {}).map((name) => name.toLowerCase());
  for (const header of HEADERS_CLIENTS_READ)
    if (response.headers[header] !== undefined && !declaredHeaders.includes(header))
      problems.push(`header ${header} not declared`);
  return problems;
}
