import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import { ApiReadModelsBehind } from '../problems/api-problem-responses';
import { ProjectionCatchUp } from './projection-catch-up';

/**
 * Before a query handler runs, waits until the read-your-writes projections include every event
 * stored when the request got here: a client that was told its command succeeded (by any API
 * instance) finds its effect in the very next read. Bounded by ProjectionCatchUp's timeout.
 */
@Injectable()
export class ConsistentReadInterceptor implements NestInterceptor {
  constructor(@Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.catchUp.waitForHead()).pipe(switchMap(() => next.handle()));
  }
}

/**
 * For controllers whose routes answer from the read-your-writes read models; declares the 503
 * `read-models-behind` the wait may answer with, so every such route says so in the OpenAPI document.
 */
export const ConsistentReads = () =>
  applyDecorators(UseInterceptors(ConsistentReadInterceptor), ApiReadModelsBehind());
