import type { FastifyInstance } from 'fastify';

/**
 * Every answer to a request that carries credentials is the caller's own: case detail, history,
 * lists, licences and accounts name people, and what one caller sees differs from another's (a
 * sharee's view of a case leaves out the team and the other shares). So no cache may keep it, a
 * browser's disk cache on a shared machine included (`private, no-store`), and any cache must tell
 * callers apart by their Authorization header (`Vary`). A handler that chose its own Cache-Control
 * (/health) keeps it.
 *
 * no-store rather than `private, no-cache`: the API does not answer If-None-Match with 304. Its
 * ETag is the record's revision, the If-Match precondition of the next write, the same for every
 * viewer; it is never a validator of one viewer's body, and with nothing stored none is revalidated.
 */
export function keepAuthenticatedAnswersPrivate(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.headers.authorization !== undefined) {
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-store');
      void reply.header('vary', withAuthorization(reply.getHeader('vary')));
    }
    done(null, payload);
  });
}

/** The Vary header with `authorization` among its names, once. */
function withAuthorization(vary: unknown): string {
  const names = String(vary ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.some((name) => name === '*' || name.toLowerCase() === 'authorization')) return names.join(', ');
  return [...names, 'authorization'].join(', ');
}
