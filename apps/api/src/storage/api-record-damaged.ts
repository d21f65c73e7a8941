import { ApiPropertyOptional } from '@nestjs/swagger';
import { RecordDamagedDto } from '../cases/dto/case-detail.dto';

/**
 * Declares `recordDamaged` on a licence's or an account's view (its detail, list entry, pending or
 * overdue invitations), in one wording: the sign record-damage.ts puts on every one of them.
 */
export const ApiRecordDamaged = (record: 'licence' | 'account') =>
  ApiPropertyOptional({
    type: RecordDamagedDto,
    description:
      `Present while the API knows the ${record}'s stored record is damaged (events lost, unreadable or changed), ` +
      "as a case's detail says it: every command on it answers 503, and what is shown may be out of date",
  });
