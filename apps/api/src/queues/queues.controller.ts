import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CASE_SEVERITIES, normalizeEmail } from '@casetrail/domain';
import { bothAlternatives } from '@casetrail/readmodels';
import { IsEmail, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Actor, hasRole } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ActorReachReader } from '../cases/access/actor-reach';
import { PageQuery } from '../cases/dto/case-queries.dto';
import { CaseQueries } from '../cases/queries/case-queries';
import { CLOCK, Clock } from '../runtime/runtime';
import { QUEUE_ORDER, QUEUES, QueueName, queueFilter } from './queue-definitions';
import { ConsistentReads } from '../projections/consistent-read.interceptor';
import { LicensedProducts } from '../reporting/access/licensed-products';
import { RegisteredAccounts } from '../reporting/access/registered-accounts';
import { AccountIdFilter } from '../reporting/shared/account-id-filter.decorator';
import { ApiReadProblems } from '../problems/api-problem-responses';
import { ValidationProblemException } from '../problems/validation-problem.exception';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import { TrimmedEmail } from '../shared/trimmed-email.decorator';
import { QueuePageDto } from './queue-page.dto';
import { DecimalNumber } from '../shared/decimal-number.decorator';
import {
  ASSIGNEE_VOUCHED_FOR_VENDOR_STAFF,
  AssigneeVouchedQuery,
  type AssigneeVouchedParam,
  assigneeVouchedAlternatives,
} from './assignee-vouched-filter';
import { seesAssigneeVouching } from '../cases/queries/assignee-vouching';

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_SEVERITIES, description: 'Only cases of this severity' })
  @IsOptional()
  @DecimalNumber()
  @IsIn(CASE_SEVERITIES, { message: 'severity must be 1, 2 or 3' })
  severity?: number;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description:
      "Only cases of this product, in any spelling that differs from the licensed one only by case or Unicode form. For engineers, auditors and admins, who see every account, a product no licence ever had is 404 `product-not-found`; a CSM (or a customer's compliance auditor) gets the cases of their accounts of that product, an empty page for an unknown product as for one only other customers license",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  product?: string;

  @ApiPropertyOptional({
    format: 'email',
    description:
      "Only cases assigned to this engineer: a team lead's view of someone's work (a colleague away, or one who left). Not with `unassigned` or `mine`, whose assignee is fixed",
  })
  @IsOptional()
  @TrimmedEmail()
  @IsEmail({}, { message: 'assignee must be an email address' })
  assignee?: string;

  @AssigneeVouchedQuery(
    "The vendor's staff only (a customer's or a customer's compliance auditor's request naming it is 403): `false`, only the cases whose assignee nothing " +
      'vouches for as staff who may see the case (`assigneeVouched: false` on their rows: assigned before the ' +
      'vouching rules, their assignee mail held back; reassign them); `true`, only those whose assignee is ' +
      'vouched for. Judged now, as the rows are. Unassigned cases match neither. In priority order, with cursor ' +
      'paging, as the queue itself (a cursor is refused under another value)',
  )
  assigneeVouched?: AssigneeVouchedParam;

  // Checked as the reports check it: not a UUID is 400, an account nobody registered 404, and to a
  // CSM or a customer's auditor another customer's account the same 404 (RegisteredAccounts.requireInReach).
  @AccountIdFilter()
  accountId?: string;
}

/** Engineer queues (API.md): staff only; a CSM sees the queues restricted to their accounts. */
@ApiReadProblems()
@ApiTags('queues')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1/queues')
@ConsistentReads()
export class QueuesController {
  constructor(
    @Inject(CaseQueries) private readonly cases: CaseQueries,
    @Inject(ActorReachReader) private readonly reach: ActorReachReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LicensedProducts) private readonly products: LicensedProducts,
    @Inject(RegisteredAccounts) private readonly accounts: RegisteredAccounts,
  ) {}

  @Get(':queue')
  @ApiOperation({
    summary:
      'An engineer queue, in priority order (engineers, admins and auditors; a CSM sees the cases of their accounts)',
    description: 'Customers get 403. An unknown queue name is 404.',
  })
  @ApiParam({
    name: 'queue',
    enum: QUEUES,
    description: 'Which queue (`mine`: the cases assigned to the caller)',
  })
  @ApiOkResponse({
    type: QueuePageDto,
    description: 'A page of the queue: case details in priority order, with the cursor to the next page',
  })
  async queue(@Param('queue') queue: string, @Query() query: QueueQuery, @CurrentActor() actor: Actor) {
    if (!QUEUES.includes(queue as QueueName)) {
      throw new NotFoundException(
        `No queue ${JSON.stringify(queue.slice(0, 50))}; queues: ${QUEUES.join(', ')}`,
      );
    }
    if (!hasRole(actor, 'engineer', 'admin', 'auditor', 'csm')) {
      // Named, as the filter is staff-only wherever it is offered: the verdict on an assignee is staff's.
      const filter = query.assigneeVouched === undefined ? '' : ' (assigneeVouched is a staff-only filter)';
      throw new ForbiddenException(`Queues are for support staff${filter}`);
    }
    // Whoever is not shown the rows' verdict may not sort cases by it either.
    if (query.assigneeVouched !== undefined && !seesAssigneeVouching(actor)) {
      throw new ForbiddenException(ASSIGNEE_VOUCHED_FOR_VENDOR_STAFF);
    }
    const now = this.clock.now().toISOString();
    const filter = queueFilter(queue as QueueName, now, actor.email);
    // A queue whose definition names the assignee (unassigned, mine): the filter would contradict it.
    if (query.assignee !== undefined && 'assignee' in filter.where) {
      throw new ValidationProblemException([
        { field: 'assignee', message: `assignee cannot narrow the ${queue} queue, whose assignee is fixed` },
      ]);
    }
    // As the reports and the case list read it: any spelling of a licensed product that differs only
    // by case or Unicode form, its every recorded spelling; a product no licence ever had is 404,
    // since an empty queue for a misspelt product reads as a quiet one.
    // A caller scoped to some accounts (a CSM, a customer's compliance auditor) is not told whether
    // another customer licenses a product: a product no licence ever had is a queue with none of theirs.
    const product =
      query.product === undefined ? undefined : await this.products.conditionFor(actor, query.product);
    // A CSM's accounts, or a customer's compliance auditor's (to both, another account is 404).
    const csmAccounts = await this.reach.staffAccountsOf(actor);
    if (query.accountId !== undefined) await this.accounts.requireInReach(query.accountId, csmAccounts);
    const where = {
      ...filter.where,
      severity: query.severity,
      product,
      accountId: query.accountId,
      ...(query.assignee !== undefined ? { assignee: normalizeEmail(query.assignee) } : {}),
    };
    const restrictToAccounts = csmAccounts && [{ accountId: { in: csmAccounts } }];
    const vouched =
      query.assigneeVouched === undefined
        ? undefined
        : await assigneeVouchedAlternatives(this.cases, query.assigneeVouched, csmAccounts);
    const anyOf = bothAlternatives(filter.anyOf, vouched?.anyOf ?? restrictToAccounts);
    const page = await this.cases.findPage({
      where,
      ...(anyOf ? { anyOf } : {}),
      orderBy: QUEUE_ORDER,
      limit: query.limit ?? 50,
      cursor: query.cursor,
      // Carried as alternatives, not in `where`: the cursor is bound to the value asked for here.
      clientFilters: { assigneeVouched: query.assigneeVouched },
    });
    return {
      queue,
      asOf: now,
      items: await this.cases.withAssigneeVouching(
        actor,
        page.items.map((doc) => this.cases.detailOf(doc.state, doc.revision, now)),
        vouched?.judges,
      ),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
