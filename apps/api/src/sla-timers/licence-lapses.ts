import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  LICENCE_LAPSE_ACTOR,
  licenceDecider,
  recordLicenceLapse,
  type LicenceEvent,
  type LicenceState,
} from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import { findEach, type ReadModelStore } from '@casetrail/readmodels';
import {
  LICENCES,
  licencesProjection,
  type LicenceView,
} from '@casetrail/readmodels/licences/licences.projection';
import type { Actor } from '../auth/actor';
import { chainVerdict } from '../cases/case-integrity-report';
import { DecisionRunner } from '../commands/decision-runner';
import { licenceStream } from '../licences/licence-command';
import { DamagedStreams } from '../storage/damaged-streams';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { recordDamageFound } from '../storage/damage-found';
import { MAX_EVENTS_AHEAD_OF_READ_MODELS } from '../commands/command-gateway';

/** The lapse process as the write side sees it: the domain's system actor, with no staff role. */
export const LICENCE_LAPSES: Actor = {
  sub: LICENCE_LAPSE_ACTOR.email,
  email: LICENCE_LAPSE_ACTOR.email,
  roles: [],
};

const PAGE_SIZE = 200;

/**
 * Each round looks again at the ends up to this long before the last round's `now`: a change of
 * terms appended just before a round (an end moved to a moment now past) may reach the licences
 * read model just after it.
 */
const LOOK_BACK_MS = 5 * 60 * 1000;

/** What one round did. */
export interface LicenceLapseReport {
  /** Licences past their end that were looked at (their streams read). */
  looked: number;
  /** Lapses recorded (LicenceExpired). */
  recorded: number;
  /** Set when the round looked at nothing because the licences read model is catching up. */
  waitingForLicencesBehindBy?: number;
}

/**
 * Records each licence reaching the end of its term as `LicenceExpired`, once (the outbox mails it
 * from the event, like every other mail). Runs in each full round of the SLA scheduler (every tick,
 * and at its start), under its lease: the first round of a process (or of a lease taken over) looks at every licence past its end, so ends
 * passed while no process ran are recorded; later rounds only at the ends passed since, through the
 * licences read model's `expiresAt` index. The licence's stream decides (recordLicenceLapse): a
 * round run twice, after a crash, by two processes in a lease hand-over or on a read model that has
 * not seen a renewal yet records nothing more. An end found is settled in memory, so it is not
 * looked at again while it stands; after a restart it is, once, harmlessly.
 */
@Injectable()
export class LicenceLapses {
  private readonly logger = new Logger('LicenceLapses');
  /** Where the last complete round looked up to (undefined: no round yet, look at every end). */
  private lookedUpTo?: number;
  /** Licence id -> the end already looked at. */
  private readonly settled = new Map<string, string>();
  /**
   * Licences whose lapse a round failed to record (a damaged stream, a busy store): asked again by id
   * each round until it is recorded, while the window moves on. Holding the window back for them
   * instead would page through every licence past its end on every tick for as long as one stream
   * stays damaged.
   */
  private readonly unrecorded = new Set<string>();

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: Pick<EventStore, 'headPosition' | 'readStream'>,
    @Inject(DecisionRunner) private readonly runner: DecisionRunner,
    /** Where a licence stream found damaged is remembered, as a user's command refused on it is: /health names it. */
    @Optional() @Inject(DamagedStreams) private readonly damaged?: DamagedStreams,
  ) {}

  /** A new holder of the lease starts over: another process may have recorded ends meanwhile. */
  forget(): void {
    this.lookedUpTo = undefined;
    this.settled.clear();
    this.unrecorded.clear();
  }

  async run(now: Date): Promise<LicenceLapseReport> {
    const report: LicenceLapseReport = { looked: 0, recorded: 0 };
    // A read model catching up shows licences as they stood long ago (none at all, rebuilt): a round
    // then would take ends as looked at that it never saw.
    const behindBy = await this.licencesCatchingUpBy();
    if (behindBy !== undefined) return { ...report, waitingForLicencesBehindBy: behindBy };
    const from = this.lookedUpTo === undefined ? undefined : this.lookedUpTo - LOOK_BACK_MS;
    const retries = new Set(this.unrecorded);
    for await (const licence of this.endsPassed(from, now)) {
      if (this.settled.get(licence.id) === licence.expiresAt) continue;
      retries.delete(licence.id);
      if (await this.tryRecord(licence.id, now, report)) this.settled.set(licence.id, licence.expiresAt);
    }
    for (const licenceId of retries) await this.tryRecord(licenceId, now, report);
    this.lookedUpTo = now.getTime();
    // Ends before the window are never queried again: their marks would only grow the map.
    const oldest = new Date(this.lookedUpTo - LOOK_BACK_MS).toISOString();
    for (const [id, end] of this.settled) if (end < oldest) this.settled.delete(id);
    if (report.recorded > 0) this.logger.log(`${report.recorded} licence(s) reached their end: recorded`);
    return report;
  }

  /** Licences whose end (`expiresAt`) is after `from` (any, when undefined) and at or before `now`. */
  private endsPassed(from: number | undefined, now: Date): AsyncIterable<LicenceView> {
    const after = from === undefined ? undefined : new Date(from).toISOString();
    return findEach<LicenceView>(
      this.readModels,
      LICENCES,
      {
        where: { expiresAt: { gt: after, lte: now.toISOString() } },
        orderBy: [{ field: 'expiresAt', direction: 'asc' }],
      },
      PAGE_SIZE,
    );
  }

  /** How many events the licences read model is behind while it catches up (undefined: it follows). */
  private async licencesCatchingUpBy(): Promise<number | undefined> {
    const [head, checkpoint] = await Promise.all([
      this.events.headPosition(),
      this.readModels.getCheckpoint(licencesProjection.name),
    ]);
    return head - checkpoint > MAX_EVENTS_AHEAD_OF_READ_MODELS ? head - checkpoint : undefined;
  }

  /** Records the licence's lapse if its stream lacks it; false (kept in `unrecorded`, logged) when that failed. */
  private async tryRecord(licenceId: string, now: Date, report: LicenceLapseReport): Promise<boolean> {
    report.looked += 1;
    // Known damaged already: /health names it, and its refusal is not logged again every round.
    const knownDamaged = this.damaged?.find(licenceStream(licenceId)) !== undefined;
    try {
      await this.takeAgainIfRestored(licenceId);
      report.recorded += await this.record(licenceId, now.toISOString());
      this.unrecorded.delete(licenceId);
      return true;
    } catch (error) {
      this.unrecorded.add(licenceId);
      // A damaged stream (an event lost from it or unreadable) is not the store being busy: an
      // operator must restore it, so /health names it (retried each round: once restored, recorded).
      if (recordDamageFound(this.damaged, error) && knownDamaged) return false;
      this.logger.warn(
        `Licence ${licenceId}: its end was not recorded; the next round will try again: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
  }

  /**
   * A licence stream found damaged is refused from memory (DecisionRunner) until found whole
   * again, which nothing in this process would do: read afresh here (as the refused command would
   * read it anyway), a stream that reads whole with its chain holding (restored) is forgotten by the
   * integrity rule, so its end is recorded this round. One still damaged throws as it did.
   */
  private async takeAgainIfRestored(licenceId: string): Promise<void> {
    const stream = licenceStream(licenceId);
    if (!this.damaged?.find(stream)) return;
    const events = await this.events.readStream(stream);
    if (events.length > 0) this.damaged.noticeIntegrity(stream, chainVerdict(events));
  }

  /** The lapse the licence's stream still lacks, decided at `at`; how many events were appended. */
  private async record(licenceId: string, at: string): Promise<number> {
    const result = await this.runner.run<LicenceState, LicenceEvent>({
      stream: licenceStream(licenceId),
      evolve: licenceDecider.evolve,
      initialState: licenceDecider.initialState,
      decide: (state) => recordLicenceLapse(state, at),
      actor: LICENCE_LAPSES,
    });
    return result.events.length;
  }
}
