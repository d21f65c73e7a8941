import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import type { SlaTimerDocument } from '@casetrail/readmodels/sla-timers/sla-timer-schedule';
import { lostEventsOfCase } from '../cases/access/case-row-against-stream';
import { StorageInconsistentException } from '../problems/storage-inconsistent.exception';
import { DamagedStreams } from '../storage/damaged-streams';
import { EVENT_STORE } from '../storage/storage.tokens';
import { recordDamageFound, recordMissingEvents } from '../storage/damage-found';
import { slaTimerCommand } from './sla-timer-command';

/**
 * What firing a timer did:
 * - `recorded`: the command appended its events (`events` of them);
 * - `already-recorded`: the same command (same id) had been applied before: a retry after a crash,
 *   or the timer table not yet showing its effect;
 * - `nothing-to-record`: the decider found nothing (left) to record: the target was met, paused or
 *   recomputed, or the fact was already recorded;
 * - `refused`: the decider refused it (e.g. an automatic closure after the case was reopened);
 * - `storage-inconsistent`: not sent, because the case's stream lost events the timer's row had
 *   applied, or not recorded, because its decision found the stream damaged: an event lost from
 *   inside it, a stored event that cannot be read, or damage found before (as an HTTP command on
 *   that case is refused with 503). The stream is remembered for /health either way.
 * All five settle the timer at the case revision it was derived from.
 */
export type SlaTimerOutcome =
  'recorded' | 'already-recorded' | 'nothing-to-record' | 'refused' | 'storage-inconsistent';

export interface SlaTimerFiring {
  outcome: SlaTimerOutcome;
  events: string[];
}

/** Sends one due timer's command through the CommandBus and says what came of it. */
@Injectable()
export class SlaTimerFirer {
  private readonly logger = new Logger('SlaTimers');

  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly events: Pick<EventStore, 'readStream'>,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: DamagedStreams,
  ) {}

  /**
   * Infrastructure failures (store unreachable, a revision race that outlasted its retries)
   * propagate: the timer is still due and the next round tries again.
   */
  async fire(timer: SlaTimerDocument, firedAt: string): Promise<SlaTimerFiring> {
    // Derived from the case's row after its event `scheduledBy`, at revision `caseRevision`.
    const applied = { revision: timer.caseRevision, lastEventId: timer.scheduledBy };
    const lost = await lostEventsOfCase(this.events, timer.caseId, applied);
    if (lost) {
      recordMissingEvents(this.damaged, lost);
      this.logger.error(`${timer.id}: not fired. ${new StorageInconsistentException(lost).message}`);
      return { outcome: 'storage-inconsistent', events: [] };
    }
    try {
      const result = await this.commands.execute(slaTimerCommand(timer, firedAt));
      const events = result.events.map((event) => event.type);
      if (result.repeated) return { outcome: 'already-recorded', events: [] };
      if (events.length === 0) {
        this.logger.debug(`${timer.id}: nothing to record`);
        return { outcome: 'nothing-to-record', events };
      }
      this.logger.log(`${timer.id}: recorded ${events.join(', ')}`);
      return { outcome: 'recorded', events };
    } catch (error) {
      // Lost from inside the stream (its end is the row's): the decision found the hole. Or a stream
      // found damaged before, a lost end a rebuild's row no longer shows included (LostEndsFoundBefore),
      // or a stored event of it that cannot be read: remembered as a user's refused command's is.
      if (recordDamageFound(this.damaged, error)) {
        this.logger.error(`${timer.id}: not fired. ${error.message}`);
        return { outcome: 'storage-inconsistent', events: [] };
      }
      if (!(error instanceof DomainError)) throw error;
      this.logger.debug(`${timer.id}: refused (${error.code})`);
      return { outcome: 'refused', events: [] };
    }
  }
}
