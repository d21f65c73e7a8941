import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseDetailDto } from '../cases/dto/case-detail.dto';
import { QUEUES } from './queue-definitions';

/** GET /v1/queues/{queue} as the OpenAPI document describes it. */
export class QueuePageDto {
  @ApiProperty({ enum: QUEUES })
  queue!: string;

  @ApiProperty({
    format: 'date-time',
    description:
      "The instant membership (breaching, at risk) and each item's time-dependent values were judged at",
  })
  asOf!: string;

  @ApiProperty({
    type: [CaseDetailDto],
    description:
      'Case details (without the case team), in priority order: `priority.rank` (Mission Critical, then ' +
      'escalated, then severity 1 first), then the earliest due unmet target (running, or breached and still ' +
      'unanswered), then the first opened. Cases whose every unmet clock is paused (awaiting the customer) come ' +
      'after the running ones of their rank, the least time left first. At most `limit` (default 50)',
  })
  items!: CaseDetailDto[];

  @ApiPropertyOptional({
    description:
      'Present when more cases follow: pass it as `cursor`, with the same filters, for the next page. It holds the ' +
      "last row's sort keys, so each page is right as of its own read (pages are live, not a snapshot): a case " +
      'whose place in the order did not change is never skipped or shown twice, but one that moves while you page ' +
      'can be. Start again from the first page after acting on cases',
  })
  nextCursor?: string;
}
