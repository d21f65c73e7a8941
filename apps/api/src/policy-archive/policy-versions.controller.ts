import { Controller, Get, Inject, Param, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblemResponse, ApiReadProblems } from '../problems/api-problem-responses';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import { PolicyVersionDto, PolicyVersionListDto } from './policy-versions.dto';
import { PolicyVersionsReader } from './policy-versions.reader';

const DAMAGED =
  'The support policy archive is damaged (an adoption was edited, removed or reordered): the detail names the broken link; restore the event store from a backup';

/** The support policy versions SLA targets name, from the archive (`support-policy-versions`). */
@ApiReadProblems()
@ApiTags('policy')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1/policy')
export class PolicyVersionsController {
  constructor(@Inject(PolicyVersionsReader) private readonly reader: PolicyVersionsReader) {}

  @Get('versions')
  @ApiOperation({ summary: 'The support policy versions that SLA targets name (support staff and auditors)' })
  @ApiOkResponse({
    type: PolicyVersionListDto,
    description:
      'Every support policy version recorded, oldest first, with the one in force (no calendar named). Staff and auditors, a customer’s compliance auditor too; customers are refused',
  })
  @ApiProblemResponse(503, DAMAGED)
  list(@CurrentActor() actor: Actor) {
    return this.reader.list(actor);
  }

  @Get('versions/:version')
  @ApiOperation({
    summary:
      'One support policy version: its severity goals, calendars and cadences (support staff and auditors)',
  })
  @ApiParam({
    name: 'version',
    description: 'A `policyVersion` as SLA targets record it',
    example: 'acme-2026-1',
  })
  @ApiOkResponse({
    type: PolicyVersionDto,
    description:
      'One recorded version: the policy whose goals and calendars its targets were computed on, and the adoption’s place in the hash chain. A customer’s compliance auditor reads only the named calendars her accounts and their cases use (`calendarsLimited`). 404 for a version the archive does not hold',
  })
  @ApiProblemResponse(503, DAMAGED)
  version(@Param('version') version: string, @CurrentActor() actor: Actor) {
    return this.reader.version(actor, version);
  }
}
