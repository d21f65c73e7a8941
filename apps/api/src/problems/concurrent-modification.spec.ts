import { WrongExpectedRevisionError } from '@casetrail/eventstore';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemDetailsFilter } from './problem-details.filter';

/** What a client gets when a command lost every race for its stream (nothing was written). */
function answerTo(stream: string) {
  const sent: { status?: number; headers: Record<string, string>; body?: { detail: string } } = {
    headers: {},
  };
  const reply = {
    status: (status: number) => ((sent.status = status), reply),
    header: (name: string, value: string) => ((sent.headers[name] = value), reply),
    send: (body: { detail: string }) => ((sent.body = body), reply),
  };
  const request = { url: '/v1/anything', is404: false } as FastifyRequest;
  new ProblemDetailsFilter().send(
    new WrongExpectedRevisionError(stream, 3, 4),
    request,
    reply as unknown as FastifyReply,
  );
  return sent;
}

describe('a 409 concurrent modification', () => {
  it('names what changed, and says when to retry', () => {
    const licence = answerTo('licence-0b8f2a8e-6f6e-4a55-9a43-8d1b3a8a1c11');
    expect(licence.status).toBe(409);
    expect(licence.headers['retry-after']).toBe('1');
    expect(licence.headers['content-type']).toBe('application/problem+json');
    expect(licence.body!.detail).toBe('The licence changed while this request was being decided; retry it');
    expect(answerTo('case-1').body!.detail).toMatch(/^The case changed/);
    expect(answerTo('account-1').body!.detail).toMatch(/^The account changed/);
  });
});
