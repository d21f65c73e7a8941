import { HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { CommandMeta } from '../commands/command-meta';
import { DecisionResult } from '../commands/decision-runner';
import { etagFor, parseIdempotencyKey, parseIfMatch } from './headers';
import { newId } from './new-id';
import { commandIdFor, requestHash } from './request-context';
import { ValidationProblemException } from '../problems/validation-problem.exception';

/** Builds a command's metadata from the HTTP request: actor, Idempotency-Key, If-Match. */
export function commandMeta(actor: Actor, request: FastifyRequest, body?: unknown): CommandMeta {
  refuseQueryParameters(request);
  const key = parseIdempotencyKey(request.headers['idempotency-key']);
  const route = `${request.method} ${request.url.split('?')[0]}`;
  return {
    actor,
    commandId: commandIdFor(actor, route, key),
    requestHash: key ? requestHash(body ?? null) : undefined,
    expectedRevisions: parseIfMatch(request.headers['if-match']),
    correlationId: headerValue(request.headers['x-correlation-id']),
  };
}

/**
 * The id a creation names (case, account, licence): with an Idempotency-Key, derived from it, so a
 * repeat lands on the same stream; else a new time-ordered id, whose stream cannot exist yet, so
 * the decision skips reading it (`newStream`).
 */
export function creationId(meta: CommandMeta): { id: string; meta: CommandMeta } {
  if (meta.commandId) return { id: meta.commandId, meta };
  return { id: newId(), meta: { ...meta, newStream: true } };
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
