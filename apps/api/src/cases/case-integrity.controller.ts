import { Controller, Get, Inject, Param, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BrokenLink, EventStore, verifyStreamChain } from '@casetrail/eventstore';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CLOCK, Clock } from '../runtime/runtime';
import { ParseIdPipe } from '../shared/path-params';
import { EVENT_STORE } from '../storage/storage.tokens';
import { CaseAccess, caseNotFound } from './access/case-access';
import { caseStream } from './commands/case-command';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';

/** The verdict on one case's hash chain, as auditors and the console's audit view read it. */
export interface CaseIntegrityReport {
  caseId: string;
  valid: boolean;
  /** How many events were checked. */
  events: number;
  /** The hash of the last event: an auditor can note it and later prove nothing before it changed. */
  lastHash?: string;
  /** The first link that does not hold; everything from there on is unproven. */
  brokenAt?: Omit<BrokenLink, 'stream'>;
  checkedAt: string;
}

/**
 * `GET /v1/cases/{id}/integrity`: recomputes the case stream's SHA-256 chain on the server from the
 * stored events (a client can do the same from the history, which carries what each hash covers,
 * except a customer for the internal notes whose text is hidden from them).
 * Anyone who may see the case may check it; hidden cases are 404 like every other case route.
 */
@ApiTags('cases')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1/cases')
export class CaseIntegrityController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':caseId/integrity')
  @ApiOperation({ summary: "Verify the case's hash chain: valid, or the first broken link" })
  async integrity(
    @Param('caseId', new ParseIdPipe('case')) caseId: string,
    @CurrentActor() actor: Actor,
  ): Promise<CaseIntegrityReport> {
    await this.access.requireVisible(actor, caseId);
    const events = await this.events.readStream(caseStream(caseId));
    if (events.length === 0) throw caseNotFound(caseId);
    const broken = verifyStreamChain(events);
    const checkedAt = this.clock.now().toISOString();
    if (broken) {
      const { stream: _stream, ...brokenAt } = broken;
      return { caseId, valid: false, events: events.length, brokenAt, checkedAt };
    }
    return { caseId, valid: true, events: events.length, lastHash: events.at(-1)?.metadata.hash, checkedAt };
  }
}
