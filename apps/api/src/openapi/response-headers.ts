import type { HeadersObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * The response headers clients read, as the OpenAPI document declares them where a route sends
 * them: a generated client exposes only declared headers.
 */
const ETAG = {
  ETag: {
    description:
      'The revision of the record after the change, or read (e.g. `"3"`): send it as If-Match with the next change to it',
    schema: { type: 'string', example: '"3"' },
  },
} satisfies HeadersObject;

const IDEMPOTENT_REPLAYED = {
  'Idempotent-Replayed': {
    description:
      '`true` when this is the first answer to the same Idempotency-Key and body, replayed: nothing was appended',
    schema: { type: 'string', enum: ['true'] },
  },
} satisfies HeadersObject;

/** A read of a record a change may follow: its ETag. */
export const READ_HEADERS: HeadersObject = ETAG;

/** A command answered 200: the record's new ETag, and whether it was a replay. */
export const DONE_HEADERS: HeadersObject = { ...ETAG, ...IDEMPOTENT_REPLAYED };

/** A command answered 201: as DONE_HEADERS, with the Location of `what`. */
export const createdHeaders = (what: string): HeadersObject => ({
  ...DONE_HEADERS,
  Location: { description: what, schema: { type: 'string', example: '/v1/cases/0190a5c2-…' } },
});

/** 401: the challenge, naming the bad token. */
export const UNAUTHORIZED_HEADERS: HeadersObject = {
  'WWW-Authenticate': {
    description: '`Bearer`, with `error="invalid_token"` when the token sent is bad',
    schema: { type: 'string' },
  },
};

/** 503: when to try again. */
export const RETRY_HEADERS: HeadersObject = {
  'Retry-After': {
    description:
      'Seconds to wait before retrying (a lost race for the record, the storage busy, the read models ' +
      'behind, or an invitation sent again too soon: until its `retryAfter`)',
    schema: { type: 'integer' },
  },
};
