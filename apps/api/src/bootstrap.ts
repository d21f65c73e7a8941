import { Logger, LoggerService, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { METRICS_TOKEN_SCHEME, spellNoTokenNeeded } from './openapi/api-no-token.decorator';
import { type ApiSettings, loadApiSettings } from './config/api-settings';
import { isWildcardHost, listeningLine, listenUrl } from './config/listen-host';
import { answerClientError } from './problems/client-error-problem';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { refuseRequestsWhileClosing } from './problems/shutting-down-problem';
import { keepAuthenticatedAnswersPrivate } from './shared/private-answers';
import { unsupportedContentEncoding } from './problems/unsupported-content-encoding';
import { nonObjectKind, ValidationProblemException } from './problems/validation-problem.exception';
import { MAX_JSON_DEPTH, jsonNestingDepth } from './shared/json-depth';
import { OBJECT_MACHINERY } from './shared/object-machinery';
import { notUtf8Reason } from './shared/utf8-body';
import { Clock, Runtime } from './runtime/runtime';
import { DamagedStreams } from './storage/damaged-streams';

const BODY_LIMIT = 1024 * 1024;

export interface CreateApiOptions {
  clock?: Clock;
  /**
   * How long a read waits for the projections to include what was written before it (default 5 s).
   * Tests that pause the projector raise it, so a read that waits is told apart from one that does not.
   */
  readWaitTimeoutMs?: number;
  /** Nest's own logger levels (`serve` passes LOG_LEVEL's); tests pass false. */
  logger?: false | LogLevel[] | LoggerService;
  /**
   * The API's settings beyond AppConfig, as `serve` validated them before opening the stores;
   * read from the environment here when absent (tests and benches, which set it up beforehand).
   */
  settings?: ApiSettings;
}

/** Builds the HTTP application on Fastify (not yet listening), for `serve` and for tests. */
export async function createApi(
  runtime: Runtime,
  options: CreateApiOptions = {},
): Promise<NestFastifyApplication> {
  const settings = options.settings ?? loadApiSettings(runtime.config);
  const problems = new ProblemDetailsFilter();
  const adapter = new ProblemsFirstFastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    // `GET /v1/cases/` and `POST /v1/cases/{id}/comments/` are the routes without the slash, answered
    // in place (method, body and Idempotency-Key as sent), not a 404 "Cannot GET".
    routerOptions: { ignoreTrailingSlash: true },
    // Answered as problem+json by refuseRequestsWhileClosing instead of Fastify's plain JSON.
    return503OnClosing: false,
    // Errors Fastify raises before routing (a malformed URL, say) never reach Nest's filters.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      problems.send(error, request, reply),
    // Nor do those Node's HTTP parser raises before Fastify sees a request (431 for oversized headers).
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(runtime, settings, options.clock, options.readWaitTimeoutMs),
    adapter,
    {
      logger: options.logger ?? ['error', 'warn', 'log'],
      abortOnError: false,
      // JSON only (API.md): Nest would add a form parser, which took `body=x` as a comment.
      bodyParser: false,
    },
  );
  // Fastify parses text/plain out of the box; a JSON text sent as text/plain was then validated as
  // a string ("body must be a string"). Without the parser it is a 415 problem, as XML is.
  adapter.getInstance().removeContentTypeParser('text/plain');
  refuseRequestsWhileClosing(adapter.getInstance());
  keepAuthenticatedAnswersPrivate(adapter.getInstance());
  acceptEmptyBodiesOfAnyType(adapter);
  acceptEmptyJsonBodies(app);
  adapter.installErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
    problems.send(error, request, reply),
  );
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // Refuse bodies that are not JSON objects (null, arrays, strings) instead of validating nothing.
      forbidUnknownValues: true,
      exceptionFactory: (errors) => ValidationProblemException.fromValidationErrors(errors),
    }),
  );
  app.useGlobalFilters(problems);
  problems.damagedStreams = app.get(DamagedStreams);
  // No app.enableShutdownHooks(): the `serve` command owns SIGTERM/SIGINT and closes the app, then
  // the stores. Nest's own handler re-raised the signal once the app was closed, killing the
  // process before the SQLite files were closed (their WAL was left un-checkpointed).
  setUpOpenApi(app);
  await app.init();
  return app;
}

/**
 * Commands without a body (acknowledgement, closure, activation) are often sent with
 * `content-type: application/json` and nothing after it: treat that as no body rather than a 400.
 */
function acceptEmptyJsonBodies(app: NestFastifyApplication): void {
  // Registered through Nest, so parse errors still reach the problem+json filter.
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT }, (request, body, done) => {
    // A compressed body is bytes no check below can read (gzip was "not valid JSON"); an empty one
    // has nothing to decode, whatever it is labelled, as it is taken whatever its type.
    const encoded = body.length > 0 && unsupportedContentEncoding(request.headers['content-encoding']);
    if (encoded) return done(encoded, undefined);
    // JSON is UTF-8 (RFC 8259); a body declared in another charset would be read wrongly.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      return done(unsupportedMediaType(request.headers['content-type']), undefined);
    }
    // Checked before anything decodes it: Buffer#toString put U+FFFD for the bytes, stored for ever.
    const notUtf8 = notUtf8Reason(body);
    if (notUtf8) return done(badRequest(notUtf8), undefined);
    const text = body.toString('utf8').trim();
    if (text === '') return done(null, undefined);
    if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
      return done(badRequest(`The body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(badRequest('The body is not valid JSON'), undefined);
    }
    // Every body is an object of named fields: a JSON string sent to /comments was otherwise
    // validated as a value and refused as "body: body must be a string", naming its own field.
    const notAnObject = nonObjectKind(parsed);
    if (notAnObject) return done(ValidationProblemException.notAnObject(notAnObject), undefined);
    // Named in `errors` like any other field a body may not carry (the filter answers 400 for it).
    const reserved = reservedKeysIn(parsed);
    if (reserved.length > 0) return done(ValidationProblemException.undeclared(reserved), undefined);
    done(null, parsed);
  });
}

/** Every key named like an object's machinery (see OBJECT_MACHINERY), with its dotted path. */
function reservedKeysIn(value: unknown, path = '', found: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return found;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (OBJECT_MACHINERY.has(key)) found.push(at);
    else reservedKeysIn(child, at, found);
  }
  return found;
}

/**
 * A command without a body (acknowledgement, closure, activation) sent as `curl -d ''` carries a
 * form content type, and `fetch` with an empty body sends text/plain: with nothing to parse, the
 * type does not matter. A body of any type but JSON is still refused, as Fastify refuses it.
 */
function acceptEmptyBodiesOfAnyType(adapter: FastifyAdapter): void {
  adapter
    .getInstance()
    .addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (request, body, done) => {
      if ((body as Buffer).length === 0) return done(null, undefined);
      done(unsupportedMediaType(request.headers['content-type']), undefined);
    });
}

function unsupportedMediaType(contentType: string | undefined): Error {
  return Object.assign(new Error(`Unsupported Media Type: ${contentType ?? 'none'}; send JSON`), {
    name: 'FastifyError',
    code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    statusCode: 415,
  });
}

/** Shaped like Fastify's own parser errors, which Nest maps to an HttpException for the problem filter. */
function badRequest(message: string): Error {
  return Object.assign(new Error(message), {
    name: 'FastifyError',
    code: 'FST_ERR_CTP_INVALID_JSON',
    statusCode: 400,
  });
}

/**
 * Errors Fastify raises around a route (body parsing, content type, size) are answered by the
 * error handler the route was registered with, not by Nest's filters: ours makes them problem+json
 * too. It is installed before Nest registers its routes, so every route carries it. Nest installs
 * its own error handler after registering the routes, where it would change nothing for them and
 * only make Fastify warn about an override (FSTWRN004): that late call is ignored.
 */
class ProblemsFirstFastifyAdapter extends FastifyAdapter {
  private errorHandlerInstalled = false;

  installErrorHandler(
    handler: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void,
  ): void {
    this.getInstance().setErrorHandler(handler);
    this.errorHandlerInstalled = true;
  }

  override setErrorHandler(handler: Parameters<FastifyAdapter['setErrorHandler']>[0]) {
    return this.errorHandlerInstalled ? this.getInstance() : super.setErrorHandler(handler);
  }
}

/**
 * Listens on HOST (loopback unless set) and logs the address it really bound: Nest's getUrl() names
 * 127.0.0.1 for a wildcard bind, which hid that the API was reachable from every interface.
 */
export async function listen(app: NestFastifyApplication, port: number, host: string): Promise<string> {
  await app.listen({ port, host });
  // PORT=0 binds a free port: the one the server got.
  const bound = (app.getHttpServer().address() as AddressInfo).port;
  new Logger('Casetrail').log(listeningLine(host, bound));
  return listenUrl(isWildcardHost(host) ? '127.0.0.1' : host, bound);
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Casetrail API')
      .setDescription(
        [
          'Event-sourced support case management: cases, SLAs on business calendars, escalations, audit.',
          'Consistency: a command answers once its events are stored. A read of cases, queues, accounts or',
          'licences includes every write acknowledged before it was sent, by any API instance (it waits for',
          'the read models: usually not at all, at most 5 s). Reports and dashboards follow on their own, usually within milliseconds.',
          'A method a path does not take answers 405 with `Allow` naming those it does; OPTIONS answers 204 with `Allow`.',
        ].join(' '),
      )
      .setVersion('1')
      .addBearerAuth()
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'METRICS_TOKEN',
          description: 'METRICS_TOKEN, when set (/metrics only)',
        },
        METRICS_TOKEN_SCHEME,
      )
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, spellNoTokenNeeded(document), { jsonDocumentUrl: 'docs-json' });
}
