import type { FastifyRequest } from 'fastify';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The methods some route serves at a request's path, for a request no route took (Fastify's 404).
 * Empty when the path itself is unknown. A `PUT /v1/cases/{id}` then learns the resource exists and
 * which methods it takes (405 with `Allow`, RFC 9110 15.5.6) instead of being told it does not.
 */
export function allowedMethods(request: FastifyRequest): string[] {
  if (!request.is404) return [];
  const path = request.url.split('?', 1)[0];
  // The router refuses a parameter longer than it takes; finding a route then answers its refusal
  // for every method, which is no route at all.
  const maxLength = request.server.initialConfig.maxParamLength ?? DEFAULT_MAX_PARAM_LENGTH;
  if (path.split('/').some((segment) => segment.length > maxLength)) return [];
  if (!isDecodable(path)) return [];
  const allowed = METHODS.filter((method) => request.server.findRoute({ method, url: path }) !== null);
  // A path the router matches for the very method asked, yet took no route for, is no method
  // problem either: it stays a 404.
  return allowed.includes(request.method as (typeof METHODS)[number]) ? [] : allowed;
}

/** Fastify's default `maxParamLength`. */
const DEFAULT_MAX_PARAM_LENGTH = 100;

/** A malformed percent-encoding (`/v1/cases/%ZZ`) names no resource; the router matches it for every method. */
function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
