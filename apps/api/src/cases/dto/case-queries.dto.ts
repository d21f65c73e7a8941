import { ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_SEVERITIES, CASE_STATUSES } from '@casetrail/domain';
import { GOAL_OUTCOMES } from '../queries/goal-outcome-filter';
import { AccountIdFilter } from '../../reporting/shared/account-id-filter.decorator';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DateOrInstantQuery } from '../../reporting/shared/date-or-instant-query.decorator';
import { DecimalNumber } from '../../shared/decimal-number.decorator';
import { AssigneeVouchedQuery, type AssigneeVouchedParam } from '../../queues/assignee-vouched-filter';

export class CaseDetailQuery {
  @ApiPropertyOptional({
    description:
      'ISO-8601 instant with an offset, not in the future, hours 00 to 23 and at most milliseconds (as the dashboard takes `from` and `to`): the case exactly as it stood then (its events up to the first that happened after then, by their `at`, and its account case team then)',
  })
  @IsOptional()
  // Its form is checked with the SLA engine's instant rule (CaseQueries), which takes what RFC 3339
  // takes (`t`/`z` in lower case, any four-digit year) and names what it wants, after the
  // dashboard's rule against hour 24 and sub-millisecond digits (requireExactTime).
  @IsString({ message: 'asOf must be an ISO-8601 instant' })
  asOf?: string;
}

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @DecimalNumber()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2000, description: 'From the previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  cursor?: string;
}

export class ListCasesQuery extends PageQuery {
  // Checked as the reports check it: a value no account id can be is a 400 naming accountId, not a
  // filter that quietly matches no case. The description is the case list's own.
  @ApiPropertyOptional({ description: 'Only cases of this account (never more than the caller may see)' })
  @AccountIdFilter()
  accountId?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES, { message: `status must be one of ${CASE_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: CASE_SEVERITIES })
  @IsOptional()
  @DecimalNumber()
  @IsIn(CASE_SEVERITIES, { message: 'severity must be 1, 2 or 3' })
  severity?: number;

  // The dashboard's `from`/`to`, under the case list's names (their rules: openedAtWithin), so the
  // cases behind a dashboard figure can be listed with the same period.
  @ApiPropertyOptional({
    description:
      "Only cases opened from: a date (that day's start, UTC) or an instant with an offset, as the SLA dashboard's `from`",
  })
  @DateOrInstantQuery()
  openedFrom?: string;

  @ApiPropertyOptional({
    description:
      "Only cases opened until: a date (through that day, UTC) or an instant (exclusive), as the SLA dashboard's `to`",
  })
  @DateOrInstantQuery()
  openedTo?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description:
      'Only cases of this product, as the SLA dashboard takes it: spelled as on its licences or differing only by case or Unicode form (every recorded spelling then counts). For engineers, auditors and admins, who see every case, a product no licence ever had is 404 `product-not-found`. Anyone else (customers, case-team members, people a case is shared with, CSMs) gets the cases they may see of that product: an unknown product is an empty list, as a known one with none of their cases is, so the answer never says which products other customers license',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  product?: string;

  // The dashboard's goal figures (`firstResponse.met`, `.missed`, per severity), by its rules, so
  // the cases behind one can be listed with the same period, product and account.
  @ApiPropertyOptional({
    enum: GOAL_OUTCOMES,
    description:
      'Only the cases the SLA dashboard counts as first response `met` (answered on time) or `missed` (answered late, or unanswered past its due time now), under the severity the goal ran on (see `goalSeverity`)',
  })
  @IsOptional()
  @IsIn(GOAL_OUTCOMES, { message: 'firstResponse must be met or missed' })
  firstResponse?: 'met' | 'missed';

  @ApiPropertyOptional({
    enum: GOAL_OUTCOMES,
    description:
      "Only the cases the SLA dashboard counts as resolution `met` (resolved on time) or `missed` (resolved late, or unresolved past its due time now; paused while awaiting the customer counts neither). A redirected case's resolution counts neither, as on the dashboard. With `firstResponse` too: the cases counted in both",
  })
  @IsOptional()
  @IsIn(GOAL_OUTCOMES, { message: 'resolution must be met or missed' })
  resolution?: 'met' | 'missed';

  @ApiPropertyOptional({
    enum: CASE_SEVERITIES,
    description:
      "With `firstResponse` or `resolution`: only goals counted under this severity, as the dashboard's per-severity figures count them: the severity the goal ran on (a case raised or lowered after its first response counts its first response under the severity it was answered at), not the case's current `severity`",
  })
  @IsOptional()
  @DecimalNumber()
  @IsIn(CASE_SEVERITIES, { message: 'goalSeverity must be 1, 2 or 3' })
  goalSeverity?: number;

  @AssigneeVouchedQuery(
    "The vendor's staff only (anyone else naming it gets 403): `false`, only the cases whose assignee nothing " +
      'vouches for as staff who may see the case (`assigneeVouched: false` on their rows), closed ones too; ' +
      "`true`, only those whose assignee is vouched for. Judged now, as the rows and the queues' filter of the " +
      'same name are. Unassigned cases match neither. Latest opened first, with cursor paging (a cursor is ' +
      'refused under another value)',
  )
  assigneeVouched?: AssigneeVouchedParam;
}
