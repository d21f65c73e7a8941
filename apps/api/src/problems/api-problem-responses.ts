import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { HeadersObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { RETRY_HEADERS, UNAUTHORIZED_HEADERS } from '../openapi/response-headers';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

const PROBLEM_SCHEMA = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The path of the request refused' },
    retryAfter: {
      type: 'string',
      format: 'date-time',
      description:
        'A refusal that passes by itself (`invitation-sent-recently`): the instant from which the same ' +
        'request is allowed again, as Retry-After counts it in seconds',
    },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const READ_PROBLEMS: Record<number, string> = {
  400: 'A malformed query parameter, path id or cursor (`errors` names each field)',
  401: 'No valid bearer token (`WWW-Authenticate: Bearer`, with `error="invalid_token"` when the token sent is bad)',
  403: 'Not allowed to read this',
  404: 'Not found, or not visible to you (no hint that it exists)',
};

const WRITE_PROBLEMS: Record<number, string> = {
  ...READ_PROBLEMS,
  400: 'A malformed body, header or path id (`errors` names each field)',
  403: 'Not allowed to do this',
  409: 'The change conflicts with the current state (e.g. a closed case)',
  412: 'If-Match names a revision that is not the current one (or a weak ETag)',
  413: 'The body is larger than 1 MiB',
  415: 'The body is not JSON',
  422: 'Well-formed, but breaks a rule (`errors` names the field), or an Idempotency-Key reused with another body',
  503: 'The storage is busy (another process holds a lock: nothing was written, retry after Retry-After) or cannot be read or written, or (`storage-inconsistent`) the stream lost events the read models had applied, or (commands) holds an event changed since it was written (`damage` names it) or was found damaged earlier: nothing was written until an operator runs `casetrail verify` and restores it, or (`read-models-behind`, to staff and its opener) the case is stored but the read models have not applied it yet, or (`read-models-behind`, to anyone) the read models a read or command needs are being rebuilt (a rebuild running, or one stopped before it finished) and have not caught up, or are behind because no projector has run on them yet (a fresh desk: the detail names what to start): nothing was written, retry after Retry-After',
  507: 'The event store is out of disk space; nothing was written',
};

/** The headers a problem carries besides its body (problemHeaders in the problem filter). */
const PROBLEM_HEADERS: Record<number, HeadersObject> = {
  401: UNAUTHORIZED_HEADERS,
  // A lost race for the stream or an invitation sent again too soon (409) and a busy store or read
  // models behind (503): try again then.
  409: RETRY_HEADERS,
  415: {
    'Accept-Encoding': {
      description: '`identity` when the body came with a Content-Encoding: send it uncompressed',
      schema: { type: 'string' },
    },
  },
  503: RETRY_HEADERS,
};

function problemResponses(problems: Record<number, string>) {
  return Object.entries(problems).map(([status, description]) =>
    ApiResponse({
      status: Number(status),
      description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_SCHEMA } },
      ...(PROBLEM_HEADERS[Number(status)] ? { headers: PROBLEM_HEADERS[Number(status)] } : {}),
    }),
  );
}

/** One problem+json answer a route may give, for a route with answers of its own. */
export const ApiProblemResponse = (status: number, description: string) =>
  applyDecorators(...problemResponses({ [status]: description }));

/**
 * The 503 of a read answered from the read models (ProjectionCatchUp): refused, not answered from
 * read models that hold none of the log, which would read as "nothing there".
 */
const READ_MODELS_BEHIND_503 =
  'The storage is busy (another process holds a lock) or cannot be read, or (`read-models-behind`) the ' +
  'read models this read needs are being rebuilt (a rebuild running, or one stopped before it finished) ' +
  'and have not caught up, or no projector has run on them yet (a split desk whose `casetrail project` ' +
  'was never started: the detail names what to start). Nothing is answered from them; retry after Retry-After';

/** The 503 every read of the read models may give (see READ_MODELS_BEHIND_503). */
export const ApiReadModelsBehind = () => ApiProblemResponse(503, READ_MODELS_BEHIND_503);

/** The problem+json answers every read route may give, for the OpenAPI document. */
export const ApiReadProblems = () => applyDecorators(...problemResponses(READ_PROBLEMS));

/**
 * The problem+json answers of a command route, and the headers it takes: If-Match (a revision
 * ETag, 412 when stale) and Idempotency-Key (a repeat answers as the first did).
 */
export const ApiCommandProblems = () =>
  applyDecorators(
    ...problemResponses(WRITE_PROBLEMS),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag (revision) the change is based on, e.g. "3"; a stale one is refused with 412',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1-200 visible ASCII characters; a retry with the same key and body answers as the first did',
    }),
  );
