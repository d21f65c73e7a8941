import { HttpStatus } from '@nestjs/common';
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';

/** RFC 6585 section 5; Nest's HttpStatus has no name for it. */
const REQUEST_HEADER_FIELDS_TOO_LARGE = 431;

/**
 * The problem for a request Node's HTTP parser refused before any route saw it, in the statuses
 * Node itself would answer: headers (the request line included) over `http.maxHeaderSize` are 431,
 * chunk extensions over their limit 413, a request that took too long to arrive 408, anything else
 * it cannot parse 400.
 */
export function clientErrorProblem(error: NodeJS.ErrnoException): ProblemDetails {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(
        REQUEST_HEADER_FIELDS_TOO_LARGE,
        'request-header-fields-too-large',
        'Request header fields too large',
        `The request line and headers together exceed ${http.maxHeaderSize} bytes; send a shorter URL or smaller headers`,
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return problem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'payload-too-large',
        'Payload too large',
        'The chunk extensions of the body are too large',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(
        HttpStatus.REQUEST_TIMEOUT,
        'request-timeout',
        'Request timeout',
        'The request did not arrive in time',
      );
    default:
      return problem(HttpStatus.BAD_REQUEST, 'bad-request', 'Bad request', 'The request is not valid HTTP');
  }
}

/**
 * Fastify's `clientErrorHandler`. Node raises these errors on the socket, with no request or reply
 * to answer through (so neither Nest's filters nor Fastify's error handler see them), and Fastify's
 * default writes its own `{"error","message","statusCode"}` JSON: the API's other errors are
 * problem+json, and a client reading `type` would find none. Written on the socket as Node's own
 * answer is, then the connection is closed: the parser cannot tell where the next request starts.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // The client went away (or the socket already ended): nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node does: never write into a response already under way on this connection.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const problem = clientErrorProblem(error);
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${http.STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

function problem(status: number, code: string, title: string, detail: string): ProblemDetails {
  return { type: problemType(code), title, status, detail };
}
