import { applyDecorators } from '@nestjs/common';
import { IsOptional, Matches } from 'class-validator';
import { instantQueryMessage } from '../../shared/query-instant-message';
import { DATE_OR_INSTANT } from './report-period';

/**
 * A period bound taken as a query parameter (the dashboard's `from`/`to`, the case list's
 * `openedFrom`/`openedTo`): a date or an instant with an offset, or a 400 naming the field, which
 * says when the offset's `+` was sent unencoded (instantQueryMessage).
 */
export const DateOrInstantQuery = () =>
  applyDecorators(
    IsOptional(),
    Matches(DATE_OR_INSTANT, {
      message: ({ property, value }) =>
        instantQueryMessage(property, 'a date (YYYY-MM-DD) or an ISO-8601 instant with an offset', value),
    }),
  );
