import Fastify from 'fastify';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refuseRequestsWhileClosing } from './shutting-down-problem';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * A request that reaches the server once it has begun closing (in production: on a keep-alive
 * connection that was busy when the close began). Here it is sent from a preClose hook, when the
 * routes are already closed and the server still accepts connections.
 */
describe('requests arriving while the server closes', () => {
  it('are refused with a problem+json 503 and Retry-After, before any handler runs', async () => {
    const fastify = Fastify({ return503OnClosing: false });
    refuseRequestsWhileClosing(fastify);
    let handled = 0;
    fastify.get('/cases', async () => ({ handled: ++handled }));
    let duringClose: Promise<Answer> | undefined;
    fastify.addHook('preClose', (done) => {
      duringClose = get((fastify.server.address() as AddressInfo).port, '/cases');
      void duringClose.finally(() => done());
    });
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    expect((await get((fastify.server.address() as AddressInfo).port, '/cases')).status).toBe(200);

    await fastify.close();
    const answer = await duringClose!;
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers['retry-after']).toBe('5');
    expect(JSON.parse(answer.body)).toMatchObject({
      type: 'https://casetrail.dev/problems/shutting-down',
      status: 503,
    });
    expect(handled).toBe(1);
  });
});
