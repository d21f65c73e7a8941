import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind, RetryLaterError } from '@casetrail/domain';
import { UnreadableEventError, WrongExpectedRevisionError } from '@casetrail/eventstore';
import { InvalidCursorError } from '@casetrail/readmodels';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordDamageFound } from '../storage/damage-found';
import type { DamagedStreams } from '../storage/damaged-streams';
import { allowedMethods } from './allowed-methods';
import { AuthenticationChallengeException } from './authentication-challenge.exception';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';
import {
  READ_MODELS_BEHIND_RETRY_AFTER_SECONDS,
  ReadModelsBehindException,
} from './read-models-behind.exception';
import { StorageInconsistentException } from './storage-inconsistent.exception';
import {
  customerStoreDamageDetail,
  STAFF_CHANGING,
  StoreDamageAudience,
  storeDamageAudienceOf,
} from './store-damage-audience';
import { isStorageBusy, STORAGE_BUSY_RETRY_AFTER_SECONDS, storageProblem } from './storage-problem';
import { UnsupportedContentEncodingError } from './unsupported-content-encoding';
import { ValidationProblemException } from './validation-problem.exception';
import { titleFromCode } from './problem-title';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.UNPROCESSABLE_ENTITY,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

/** The one place where failures become HTTP responses: always RFC 9457 problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');
  /** Where the streams a refusal found damaged are remembered for /health (set once the app exists). */
  damagedStreams?: DamagedStreams;

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Answers with the problem for `exception`; also used for errors Fastify raises outside Nest. */
  send(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const allowed = allowedMethods(request);
    if (allowed.length > 0) return this.sendMethodNotAllowed(request, reply, allowed);
    const problem = { ...this.toProblem(exception, storeDamageAudienceOf(request)), instance: request.url };
    // A refusal because a stream lost events or holds an unreadable one: /health reports the stream.
    recordDamageFound(this.damagedStreams, exception);
    if (isStorageBusy(exception)) {
      // Another process's lock (a backup, a sqlite3 shell) is the operator's to see, not a bug: no stack.
      this.logger.warn(
        `${request.method} ${request.url} answered 503: the storage is busy, another process holds a lock (${(exception as Error).message})`,
      );
    } else if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    for (const [name, value] of Object.entries(problemHeaders(exception))) void reply.header(name, value);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  /** A known path asked with a method it does not take; OPTIONS just learns what it takes. */
  private sendMethodNotAllowed(request: FastifyRequest, reply: FastifyReply, allowed: string[]): void {
    const allow = [...allowed, 'OPTIONS'].join(', ');
    if (request.method === 'OPTIONS') {
      void reply.status(HttpStatus.NO_CONTENT).header('allow', allow).send();
      return;
    }
    const problem: ProblemDetails = {
      type: problemType('method-not-allowed'),
      title: 'Method not allowed',
      status: HttpStatus.METHOD_NOT_ALLOWED,
      detail: `${request.method} is not allowed here; this resource takes ${allow}`,
      instance: request.url,
    };
    void reply
      .status(problem.status)
      .header('allow', allow)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problem);
  }

  /** `audience` words the problems about damage to the store (see StoreDamageAudience). */
  toProblem(exception: unknown, audience: StoreDamageAudience = STAFF_CHANGING): ProblemDetails {
    if (exception instanceof DomainError) {
      // A cursor is a query parameter: refused with 400 like a bad `limit`, where a request body
      // that parses but breaks a rule gets the validation kind's 422.
      const status =
        exception instanceof InvalidCursorError ? HttpStatus.BAD_REQUEST : STATUS_BY_KIND[exception.kind];
      return {
        type: problemType(exception.code),
        title: titleFromCode(exception.code),
        status,
        detail: exception.message,
        ...(exception.field ? { errors: [{ field: exception.field, message: exception.message }] } : {}),
        ...(exception instanceof RetryLaterError ? { retryAfter: exception.retryAt } : {}),
      };
    }
    if (exception instanceof ValidationProblemException) {
      return {
        type: problemType('validation'),
        title: 'The request is not valid',
        status: HttpStatus.BAD_REQUEST,
        detail: exception.message,
        errors: exception.fieldProblems,
      };
    }
    if (exception instanceof WrongExpectedRevisionError) {
      return {
        type: problemType('concurrent-modification'),
        title: 'Concurrent modification',
        status: HttpStatus.CONFLICT,
        detail: `The ${streamKind(exception.stream)} changed while this request was being decided; retry it`,
      };
    }
    if (exception instanceof ReadModelsBehindException) {
      return {
        type: problemType('read-models-behind'),
        title: 'Read models behind',
        status: exception.getStatus(),
        detail: exception.message,
      };
    }
    if (exception instanceof StorageInconsistentException) {
      const problem = {
        type: problemType('storage-inconsistent'),
        title: 'Storage inconsistent',
        status: exception.getStatus(),
      };
      if (!audience.staff) {
        return {
          ...problem,
          detail: customerStoreDamageDetail(audience, streamKind(exception.evidence.stream)),
        };
      }
      return { ...problem, detail: exception.message, ...exception.evidence };
    }
    if (exception instanceof UnreadableEventError) {
      const problem = {
        type: problemType('stored-event-unreadable'),
        title: 'Stored event unreadable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
      };
      if (!audience.staff) {
        return { ...problem, detail: customerStoreDamageDetail(audience, streamKind(exception.stream)) };
      }
      return {
        ...problem,
        detail:
          `${exception.message}: it was damaged or edited after it was written. ` +
          (audience.reading ? '' : 'Nothing was written. ') +
          'An operator must run `casetrail verify`, which names it, and restore it from a backup',
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        type: problemType(slug(HttpStatus[status] ?? 'error')),
        title: titleFromCode(slug(HttpStatus[status] ?? 'error')),
        status,
        detail: messageOf(exception),
      };
    }
    const storage = storageProblem(exception);
    if (storage) return storage;
    const transportStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof transportStatus === 'number' && transportStatus >= 400 && transportStatus < 500) {
      // Fastify's own rejections (malformed JSON, body too large, unsupported media type).
      return {
        type: problemType(slug(HttpStatus[transportStatus] ?? 'bad-request')),
        title: titleFromCode(slug(HttpStatus[transportStatus] ?? 'bad-request')),
        status: transportStatus,
        detail: (exception as Error).message,
      };
    }
    return {
      type: problemType('internal-error'),
      title: 'Internal error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'The server failed to handle the request; it has been logged',
    };
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** Headers a problem carries besides its body: how to authenticate, when to try again, what to send. */
function problemHeaders(exception: unknown): Record<string, string> {
  if (exception instanceof AuthenticationChallengeException)
    return { 'www-authenticate': exception.challenge };
  // Lost every race for the stream: nothing was written, and trying again shortly is the remedy.
  if (exception instanceof WrongExpectedRevisionError) return { 'retry-after': '1' };
  // A refusal that passes by itself (an invitation sent again too soon): from then on.
  if (exception instanceof RetryLaterError) return { 'retry-after': String(exception.retryAfterSeconds) };
  if (isStorageBusy(exception)) return { 'retry-after': String(STORAGE_BUSY_RETRY_AFTER_SECONDS) };
  if (exception instanceof ReadModelsBehindException)
    return { 'retry-after': String(READ_MODELS_BEHIND_RETRY_AFTER_SECONDS) };
  if (exception instanceof UnsupportedContentEncodingError)
    return { 'accept-encoding': exception.acceptEncoding };
  return {};
}

/** What a stream holds, for people: `licence-…` is a licence. */
function streamKind(stream: string): string {
  const kind = stream.slice(0, stream.indexOf('-'));
  return ['case', 'licence', 'account'].includes(kind) ? kind : 'record';
}
