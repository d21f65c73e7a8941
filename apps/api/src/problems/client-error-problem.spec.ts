import { PassThrough } from 'node:stream';
import { answerClientError, clientErrorProblem } from './client-error-problem';

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('problems for requests the HTTP parser refused', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'request-header-fields-too-large'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'payload-too-large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request-timeout'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'bad-request'],
    ['HPE_INVALID_METHOD', 400, 'bad-request'],
  ])('%s is %i %s, as Node itself would answer', (code, status, type) => {
    expect(clientErrorProblem(failure(code))).toMatchObject({
      type: `https://casetrail.dev/problems/${type}`,
      status,
    });
  });

  it('answers on the socket with problem+json, then closes it', () => {
    const socket = new PassThrough();
    const written: string[] = [];
    // destroy(error) raises it again on the socket, where Node's server listens for it.
    socket.on('error', () => undefined);
    socket.write = ((chunk: string) => written.push(chunk) > 0) as typeof socket.write;
    answerClientError(failure('HPE_HEADER_OVERFLOW'), socket);
    expect(written.join('')).toMatch(
      /^HTTP\/1\.1 431 Request Header Fields Too Large\r\nContent-Type: application\/problem\+json\r\nContent-Length: \d+\r\nConnection: close\r\n\r\n\{"type"/,
    );
    expect(socket.destroyed).toBe(true);
  });

  it.each([
    ['a connection the client reset', failure('ECONNRESET'), {}],
    ['a response already under way on the connection', failure('HPE_INVALID_METHOD'), { headersSent: true }],
  ])('writes nothing into %s', (_name, error, inFlight) => {
    const socket = Object.assign(new PassThrough(), { _httpMessage: inFlight });
    const write = jest.spyOn(socket, 'write');
    socket.on('error', () => undefined);
    answerClientError(error, socket);
    expect(write).not.toHaveBeenCalled();
  });
});
