import { ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_SEVERITIES } from '@casetrail/domain';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../../cases/dto/case-queries.dto';
import { AccountIdFilter } from '../shared/account-id-filter.decorator';
import { DecimalNumber } from '../../shared/decimal-number.decorator';

export const BOARD_STATES = ['open', 'overdue', 'all'] as const;
export type BoardState = (typeof BOARD_STATES)[number];

export class EscalationsBoardQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: BOARD_STATES,
    default: 'open',
    description:
      'open: open escalations, Mission Critical ones first, then soonest due (overdue on top); ' +
      'overdue: those of them already due, in the same order; all: every escalation, latest first',
  })
  @IsOptional()
  @IsIn(BOARD_STATES, { message: `state must be one of ${BOARD_STATES.join(', ')}` })
  state?: BoardState;

  @AccountIdFilter()
  accountId?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description: 'Only cases of this product, spelled as on its licences',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  product?: string;

  @ApiPropertyOptional({ enum: CASE_SEVERITIES })
  @IsOptional()
  @DecimalNumber()
  @IsIn(CASE_SEVERITIES, { message: 'severity must be 1, 2 or 3' })
  severity?: number;
}
