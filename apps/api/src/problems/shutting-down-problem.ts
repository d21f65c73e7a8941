import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';

/** Seconds a client should wait before retrying: a restart, or the load balancer moving it on. */
const RETRY_AFTER_SECONDS = 5;

export const SHUTTING_DOWN_PROBLEM: ProblemDetails = {
  type: problemType('shutting-down'),
  title: 'Shutting down',
  status: HttpStatus.SERVICE_UNAVAILABLE,
  detail:
    'This API instance is stopping and did not handle the request: nothing of it was done. Retry it, on another instance or on this one once restarted.',
};

/**
 * Fastify answers requests that arrive while it closes (on a keep-alive connection, or pipelined)
 * with a 503 of its own, plain JSON (`{"error":"Service Unavailable"}`), before any hook runs. With
 * its `return503OnClosing` off, they are routed as usual and this hook answers them instead, as
 * every other error is answered: problem+json, with Retry-After. They are refused before any
 * handler runs, as Fastify's own answer was.
 */
export function refuseRequestsWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    void reply
      .code(HttpStatus.SERVICE_UNAVAILABLE)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send(SHUTTING_DOWN_PROBLEM);
  });
}
