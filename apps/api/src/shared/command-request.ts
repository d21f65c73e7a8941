import { HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { CommandMeta } from '../commands/command-meta';
import { DecisionResult } from '../commands/decision-runner';
import { etagFor, parseIdempotencyKey, parseIfMatch } from './headers';
import { normalisePathParam } from './path-params';
import { commandIdFor, requestHash } from './request-context';
import { nonObjectKind, ValidationProblemException } from '../problems/validation-problem.exception';

/**
 * Builds a command's metadata from the HTTP request: actor, Idempotency-Key, If-Match. `body` is
 * the validated body of a command that takes one; a command that takes none passes nothing.
 */
export function commandMeta(actor: Actor, request: FastifyRequest, body?: unknown): CommandMeta {
  refuseQueryParameters(request);
  if (body === undefined) refuseUntakenBody(request.body);
  const key = parseIdempotencyKey(request.headers['idempotency-key']);
  return {
    actor,
    // Only a keyed request needs its target spelled out (most commands carry no key).
    commandId: key ? commandIdFor(actor, commandTarget(request), key) : undefined,
    requestHash: key ? requestHash(body ?? null) : undefined,
    expectedRevisions: parseIfMatch(request.headers['if-match']),
    correlationId: headerValue(request.headers['x-correlation-id']),
  };
}

export interface CommandResponse {
  id: string;
  revision: number;
}

/**
 * A command's answer: `{id, revision}` with the ETag, 201 and Location for a creation (also on an
 * idempotent repeat of it, which returns the first response).
 */
export function commandResponse(
  reply: FastifyReply,
  id: string,
  result: DecisionResult<unknown>,
  created?: { location: string },
): CommandResponse {
  if (result.revision >= 0) void reply.header('etag', etagFor(result.revision));
  if (created) void reply.status(HttpStatus.CREATED).header('location', created.location);
  else void reply.status(HttpStatus.OK);
  if (result.repeated) void reply.header('idempotent-replayed', 'true');
  return { id, revision: result.revision };
}

/**
 * What the request addresses, for the Idempotency-Key to be bound to: the method, and the matched
 * route with its path parameters filled in as the handlers use them. The raw URL would not do:
 * `/v1/cases/{id}/%63omments` or an upper-case id reaches the same handler and resource under
 * another spelling, so the same key and body were applied twice. For the usual spelling this is
 * the path as sent, so keys of requests made before it was bound this way still find them.
 */
export function commandTarget(request: FastifyRequest): string {
  const pattern = request.routeOptions.url;
  if (!pattern) return `${request.method} ${request.url.split('?', 1)[0]}`;
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const path = pattern.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) =>
    pathSegment(normalisePathParam(name, params[name] ?? '')),
  );
  return `${request.method} ${path}`;
}

/**
 * A parameter written back into a path: escaped, so a decoded `/` cannot shift it into another
 * segment, but with `@` as clients write emails in paths.
 */
function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@');
}

/**
 * A command that takes no body (acknowledgement, closure, activation, removals) refuses one rather
 * than ignoring it, as every other command refuses fields it does not take: a client sending
 * `{"automatic": true}` learns that it means nothing, instead of the command going ahead without
 * it (and without it in the Idempotency-Key's request hash). No body, an empty one and `{}` all
 * mean none; an array, a string or null is refused as it is parsed. Such a command is the one whose handler passes commandMeta no body: a handler that
 * takes one passes its validated DTO, which is never undefined once a body was sent.
 */
function refuseUntakenBody(body: unknown): void {
  if (body === undefined) return;
  // The JSON parser refuses these first; a caller handing in a body of its own meets the same rule.
  const kind = nonObjectKind(body);
  if (kind) throw ValidationProblemException.notAnObject(kind);
  const names = Object.keys(body as object);
  if (names.length > 0) throw ValidationProblemException.undeclared(names);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\x21-\x7e]{1,200}$/.test(first) ? first : undefined;
}

/**
 * Commands take no query parameters: one sent along is refused, naming it, rather than ignored
 * (read routes refuse the ones they do not take, see UndeclaredQueryInterceptor). Checked here,
 * where every command passes, not by a global interceptor: that cost every command 10% of its
 * CPU in the embedded bench.
 */
function refuseQueryParameters(request: FastifyRequest): void {
  const names = Object.keys((request.query as Record<string, unknown> | undefined) ?? {});
  if (names.length > 0) throw ValidationProblemException.undeclared(names);
}
