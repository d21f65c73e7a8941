import { applyDecorators, Header } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../../problems/problem-details';

/**
 * A reporting read that negotiates its type by Accept (see requireAcceptableFormat): the types it
 * produces and its 406 in the OpenAPI document, and `Vary: Accept`, since what it answers (a
 * format, or 406) depends on that header and a cache must not serve one client's to another.
 */
export const ApiNegotiated = (formats: readonly string[]) =>
  applyDecorators(
    ApiProduces(...formats),
    ApiResponse({
      status: 406,
      description: `Accept takes none of ${formats.join(', ')} (the detail lists them)`,
      content: { [PROBLEM_CONTENT_TYPE]: {} },
    }),
    Header('vary', 'Accept'),
  );
