import * as http from 'node:http';
import * as net from 'node:net';
import { startTestApp, type TestApp } from './support/test-app';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Requests Node's HTTP parser refuses before Fastify routes them (headers over its size limit, a
 * request line or header it cannot parse) are answered problem+json like every other error, not
 * with Fastify's own `{"error","message","statusCode"}` JSON. Node enforces those limits on a real
 * socket only (inject never parses HTTP), so these requests go over loopback, written by hand.
 */
describe('errors of the HTTP parser, before routing', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as net.AddressInfo).port;
  });

  afterAll(() => t?.close());

  it('a 20 KB bearer token: 431 problem+json naming the limit', async () => {
    const answer = await send(
      `GET /v1/queues/open HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${'A'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({
      type: 'https://casetrail.dev/problems/request-header-fields-too-large',
      title: 'Request header fields too large',
      status: 431,
      detail: `The request line and headers together exceed ${http.maxHeaderSize} bytes; send a shorter URL or smaller headers`,
    });
  });

  it('a 100 KB query string: 431 problem+json (the request line counts toward the same limit)', async () => {
    const answer = await send(
      `GET /v1/cases?q=${'x'.repeat(100 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, title: 'Request header fields too large' });
  });

  it.each([
    ['a header line without a colon', 'GET /health HTTP/1.1\r\nHost: localhost\r\nnot a header\r\n\r\n'],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    [
      'both Content-Length and chunked encoding',
      'POST /v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}',
    ],
  ])('%s: 400 problem+json', async (_name, request) => {
    const answer = await send(request);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toEqual({
      type: 'https://casetrail.dev/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'The request is not valid HTTP',
    });
  });

  it('keeps serving afterwards', async () => {
    const answer = await send('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(200);
  });

  /** Writes `request` as is and reads the answer until the server closes the connection. */
  function send(request: string): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      // The server may close while the rest of an oversized request is still on its way: a reset
      // after the answer arrived is expected, not a failure.
      socket.on('error', (error) => (chunks.length > 0 ? undefined : reject(error)));
      socket.on('close', () => {
        try {
          resolve(parse(Buffer.concat(chunks).toString('latin1')));
        } catch (error) {
          reject(error as Error);
        }
      });
      socket.write(request);
    });
  }
});

function parse(raw: string): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`No HTTP answer: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: raw.slice(end + 4) };
}
