import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseShareDto, EscalationViewDto } from './case-detail.dto';

/** GET /v1/cases/{caseId}/comments/{commentId}: where POST .../comments points its Location. */
export class CommentViewDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid' })
  commentId!: string;

  @ApiProperty({
    type: 'integer',
    description: "The case's revision the comment was recorded at (its history entry)",
  })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: "The author's email" })
  author!: string;

  @ApiPropertyOptional({ description: "The author's name; withheld with an internal note's text" })
  authorName?: string;

  @ApiProperty({ description: 'An internal note: staff only' })
  internal!: boolean;

  @ApiPropertyOptional({
    description: 'The text; absent from an internal note read by a customer (see `redacted`)',
  })
  body?: string;

  @ApiPropertyOptional({
    enum: ['internal note'],
    description: "Present when the text is withheld from the reader, as the case's history withholds it",
  })
  redacted?: string;
}

/** GET /v1/cases/{caseId}/shares/{email}: where POST .../shares points its Location. */
export class ShareViewDto extends CaseShareDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;
}

/** GET /v1/cases/{caseId}/escalations/{level}: where POST .../escalations points its Location. */
export class EscalationLevelViewDto extends EscalationViewDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({
    enum: ['awaiting-acknowledgement', 'acknowledged', 'de-escalated', 'superseded'],
    description:
      'superseded: a later escalation raised the level over this one, which owes nothing since (no nextStatusUpdateDueAt; endedAt and endReason say when and by which level)',
  })
  declare status: string;

  @ApiProperty({
    description:
      "A later escalation raised the level over this one. An open level is the case detail's `escalation`; an ended one (de-escalated, ended by the case's closure or redirection, or superseded) keeps what it showed just before its end (acknowledgedAt, acknowledgedBy, lastStatusUpdateAt) and says when, by whom and why it ended, as the escalations board does",
  })
  superseded!: boolean;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Null once the level has ended: no status update is owed on it any more',
  })
  // The base class types it string; only the schema (nullable) matters to clients.
  declare nextStatusUpdateDueAt?: string;

  @ApiPropertyOptional({
    description:
      "Ended levels: who ended it, as the escalations board's `endedBy` (who de-escalated, closed or redirected the case, or raised the next level; the SLA timers' actor for an automatic closure)",
  })
  declare endedBy?: string;
}

/** GET /v1/cases/{caseId}/escalations/status-updates/{revision}: where POST .../status-updates points its Location. */
export class StatusUpdateViewDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ type: 'integer', description: "The case's revision the update was recorded at: its id" })
  revision!: number;

  @ApiProperty({ type: 'integer', description: 'The escalation level it was posted on' })
  level!: number;

  @ApiProperty()
  body!: string;

  @ApiProperty({ format: 'date-time' })
  postedAt!: string;

  @ApiProperty()
  postedBy!: string;

  @ApiPropertyOptional()
  postedByName?: string;

  @ApiProperty({ format: 'date-time', description: 'When the next update was then due' })
  nextStatusUpdateDueAt!: string;
}
