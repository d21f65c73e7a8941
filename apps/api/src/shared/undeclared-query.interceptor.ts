import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ValidationProblemException } from '../problems/validation-problem.exception';
import { OBJECT_MACHINERY } from './object-machinery';

/**
 * For read controllers (`@UseInterceptors(UndeclaredQueryInterceptor)`; commands check their own
 * query in `commandMeta`). Query parameters a route does not take are refused, naming each, and so
 * are parameters given more than once.
 * Routes with a query DTO get that from the validation pipe (undeclared fields are forbidden); a
 * route without `@Query()` never sees its query at all, so a parameter meant for another route was
 * silently ignored: an auditor's `?asOf=` on a case's history answered today's history as if it
 * were the past.
 */
@Injectable()
export class UndeclaredQueryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const query = (request.query as Record<string, unknown> | undefined) ?? {};
    const names = Object.keys(query);
    if (names.length === 0) return next.handle();
    const refused = takesQuery(context) ? names.filter((name) => OBJECT_MACHINERY.has(name)) : names;
    if (refused.length > 0) throw ValidationProblemException.undeclared(refused);
    // No parameter takes a list: a repeated one was "must be a whole number", which misled.
    const repeated = names.filter((name) => Array.isArray(query[name]));
    if (repeated.length > 0) throw ValidationProblemException.repeated(repeated);
    return next.handle();
  }
}

function takesQuery(context: ExecutionContext): boolean {
  const parameters: Record<string, unknown> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  return Object.keys(parameters).some((key) => key.startsWith(`${RouteParamtypes.QUERY}:`));
}
