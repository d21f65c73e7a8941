import { applyDecorators, Header } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { ApiProblemResponse } from '../../problems/api-problem-responses';

/**
 * A reporting read that negotiates its type by Accept (see requireAcceptableFormat): the types it
 * produces and its 406 in the OpenAPI document, and `Vary: Accept`, since what it answers (a
 * format, or 406) depends on that header and a cache must not serve one client's to another.
 */
export const ApiNegotiated = (formats: readonly string[]) =>
  applyDecorators(
    ApiProduces(...formats),
    // A problem like every other refusal, so a generated client reads its `detail` as it reads theirs.
    ApiProblemResponse(406, `Accept takes none of ${formats.join(', ')} (the detail lists them)`),
    Header('vary', 'Accept'),
  );
