import type { FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { ValidationProblemException } from '../problems/validation-problem.exception';
import { commandMeta, commandTarget } from './command-request';

const ACTOR: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };
const CASE = '0190a5c2-1f3e-7c3a-8b1d-2f4e5a6b7c8d';

/** The parts of a Fastify request commandMeta reads. */
function request(fields: {
  url: string;
  route?: string;
  params?: Record<string, string>;
  body?: unknown;
  key?: string;
}): FastifyRequest {
  return {
    method: 'POST',
    url: fields.url,
    routeOptions: { url: fields.route },
    params: fields.params ?? {},
    query: {},
    body: fields.body,
    headers: fields.key ? { 'idempotency-key': fields.key } : {},
  } as unknown as FastifyRequest;
}

describe('what an Idempotency-Key is bound to', () => {
  const comments = (url: string, caseId = CASE) =>
    request({ url, route: '/v1/cases/:caseId/comments', params: { caseId }, key: 'k' });

  it('is the matched route with its parameters as the handlers use them, not the spelling', () => {
    const target = `POST /v1/cases/${CASE}/comments`;
    expect(commandTarget(comments(`/v1/cases/${CASE}/comments`))).toBe(target);
    expect(commandTarget(comments(`/v1/cases/${CASE}/%63omments?x=1`))).toBe(target);
    expect(commandTarget(comments('/v1/cases/X/comments', CASE.toUpperCase()))).toBe(target);
  });

  it('keeps a parameter holding a slash within its segment', () => {
    const shares = request({
      url: '/ignored',
      route: '/v1/cases/:caseId/shares/:email',
      params: { caseId: CASE, email: 'A/B@Acme.example' },
    });
    expect(commandTarget(shares)).toBe(`POST /v1/cases/${CASE}/shares/a%2Fb@acme.example`);
  });

  it('gives two spellings of one request one command id', () => {
    const first = commandMeta(ACTOR, comments(`/v1/cases/${CASE}/comments`), { body: 'x' });
    const retry = commandMeta(ACTOR, comments(`/v1/%63ases/${CASE}/comments`), { body: 'x' });
    expect(retry.commandId).toBe(first.commandId);
  });
});

describe('a command that takes no body', () => {
  const ack = (body: unknown) =>
    request({
      url: `/v1/cases/${CASE}/escalations/acknowledgement`,
      route: '/v1/cases/:caseId/escalations/acknowledgement',
      params: { caseId: CASE },
      body,
    });

  it.each([undefined, {}])('takes %p', (body) => {
    expect(() => commandMeta(ACTOR, ack(body))).not.toThrow();
  });

  it('refuses keys, naming each', () => {
    expect(() => commandMeta(ACTOR, ack({ automatic: true, note: 'x' }))).toThrow(
      expect.objectContaining({
        fieldProblems: [
          { field: 'automatic', message: 'property automatic should not exist' },
          { field: 'note', message: 'property note should not exist' },
        ],
      }),
    );
  });

  it.each([[[1]], ['x'], [null], [3]])('refuses a body that is not an object: %p', (body) => {
    expect(() => commandMeta(ACTOR, ack(body))).toThrow(ValidationProblemException);
  });

  it('is told apart from a command that takes one by the validated body it is given', () => {
    expect(() => commandMeta(ACTOR, ack({ body: 'x' }), { body: 'x' })).not.toThrow();
  });
});
