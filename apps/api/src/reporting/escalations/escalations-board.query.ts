import { IdField } from '../../shared/id-field.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_SEVERITIES } from '@casetrail/domain';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../../cases/dto/case-queries.dto';

export const BOARD_STATES = ['open', 'overdue', 'all'] as const;
export type BoardState = (typeof BOARD_STATES)[number];

export class EscalationsBoardQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BOARD_STATES, default: 'open' })
  @IsOptional()
  @IsIn(BOARD_STATES, { message: `state must be one of ${BOARD_STATES.join(', ')}` })
  state?: BoardState;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IdField()
  accountId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  product?: string;

  @ApiPropertyOptional({ enum: CASE_SEVERITIES })
  @IsOptional()
  @Type(() => Number)
  @IsIn(CASE_SEVERITIES, { message: 'severity must be 1, 2 or 3' })
  severity?: number;
}
