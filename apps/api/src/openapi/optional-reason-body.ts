import { ApiBody } from '@nestjs/swagger';
import { OptionalReasonDto } from '../shared/reason-field';

/**
 * The body of a command that took none before it took a reason: the server takes no body at all
 * (no content-type either), `{}` or `{reason}`. Nest marks every `@Body()` required, which made
 * generated clients force a body the server never needed.
 */
export const ApiOptionalReasonBody = () =>
  ApiBody({
    type: OptionalReasonDto,
    required: false,
    description: 'Optional: no body, `{}`, or `{"reason": …}` to record why',
  });
