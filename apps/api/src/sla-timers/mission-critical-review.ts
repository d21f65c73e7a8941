import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MISSION_CRITICAL_REVIEW_ACTOR, isMissionCriticalAccount } from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import { findEach, type ReadModelStore } from '@casetrail/readmodels';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { LICENCES, type LicenceView } from '@casetrail/readmodels/licences/licences.projection';
import { missionCriticalLicences } from '@casetrail/readmodels/licences/mission-critical-licences';
import type { Actor } from '../auth/actor';
import { lostEventsOfCase, type AppliedEvent } from '../cases/access/case-row-against-stream';
import { ExecuteCaseCommand } from '../cases/commands/case-command';
import { CLOCK, Clock } from '../runtime/runtime';
import { DamagedStreams } from '../storage/damaged-streams';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { recordDamageFound, recordMissingEvents } from '../storage/damage-found';

/** The review as the write side sees it: the domain's system actor, with no staff role. */
export const MISSION_CRITICAL_REVIEW: Actor = {
  sub: MISSION_CRITICAL_REVIEW_ACTOR.email,
  email: MISSION_CRITICAL_REVIEW_ACTOR.email,
  roles: [],
};

const PAGE_SIZE = 500;

/** A live case as its row stands: the last event the row applied. */
type CaseRow = AppliedEvent & { id: string };

/** Live cases: still being worked, or resolved (they may yet be reopened or confirmed). */
const LIVE = [{ active: true }, { status: 'resolved' }];

/** What one review round did. */
export interface MissionCriticalReviewReport {
  /**
   * Accounts judged: those that hold, or held, a mission-critical licence, and those with live
   * cases marked Mission Critical.
   */
  accounts: number;
  /** Live cases whose cover differed from their account's and were sent the review command. */
  reviewed: number;
  /** Of those, the cases that recorded a change (the others had been brought in step meanwhile). */
  changed: number;
}

/**
 * Keeps live cases in step with their account's Mission Critical cover. The cover comes and goes
 * with licences: a mission-critical licence issued while the account has cases open, an admin's
 * change of a licence's terms (`LicenceTermsChanged`: an upgrade to mission-critical, a downgrade,
 * a renewal, an early end), or the last one expiring (LicenceExpired, see LicenceLapses), changes the
 * priority of every live case and whether the CSM hears of its activity. Each round finds the
 * accounts that may be out of step (those holding or having held a mission-critical licence, and
 * those with a live case still marked Mission Critical, whose licence may have been downgraded
 * since), judges their cover now from the licences read model, which shows every licence's current
 * terms, and sends `ReviewMissionCritical` to each live case that disagrees; the decider re-judges
 * it on fresh licence records, so a round that runs on a stale read model, or twice, records
 * nothing wrong. Runs on the SLA scheduler's tick, under its lease, over every account; and, for
 * one account, as soon as a licence event that may change its cover is in the read models (the
 * SLA timers saga), so the cases follow the change at once and the tick is only the safety net
 * (for reactions lost with a crash).
 */
@Injectable()
export class MissionCriticalReview {
  private readonly logger = new Logger('MissionCriticalReview');

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly events: Pick<EventStore, 'readStream'>,
    /** Where the damaged streams it meets are remembered, as a user's command refused on them is: /health names them. */
    @Optional() @Inject(DamagedStreams) private readonly damaged?: DamagedStreams,
  ) {}

  /** Every account that may be out of step, or only `accountId` (a licence of it just changed). */
  async run(scope: { accountId?: string } = {}): Promise<MissionCriticalReviewReport> {
    const now = this.clock.now().toISOString();
    const licencesByAccount = scope.accountId
      ? await this.licencesOfAccount(scope.accountId)
      : await this.missionCriticalLicencesByAccount();
    if (!scope.accountId) {
      for (const accountId of await this.accountsWithMissionCriticalCases()) {
        if (!licencesByAccount.has(accountId)) licencesByAccount.set(accountId, []);
      }
    }
    const report: MissionCriticalReviewReport = { accounts: licencesByAccount.size, reviewed: 0, changed: 0 };
    const lostEvents: string[] = [];
    for (const [accountId, licences] of licencesByAccount) {
      const cover = isMissionCriticalAccount(licences, now);
      // Ids first: each command moves its case out of the query's result.
      for (const row of await this.liveCasesOutOfStep(accountId, cover)) {
        report.reviewed += 1;
        const outcome = await this.review(row, now);
        if (outcome === 'changed') report.changed += 1;
        if (outcome === 'lost-events') lostEvents.push(row.id);
      }
    }
    // One line a round, not one a case: a store restored from an old copy can leave thousands.
    if (lostEvents.length > 0) {
      this.logger.error(
        `${lostEvents.length} case(s) not reviewed for Mission Critical cover: their streams lost events ` +
          `the read models applied (${lostEvents.slice(0, 5).join(', ')}${lostEvents.length > 5 ? ', ...' : ''}). ` +
          'Nothing was written to them; an operator must run `casetrail verify` and restore the event store',
      );
    }
    if (report.changed > 0)
      this.logger.log(`${report.changed} case(s) now follow their account's Mission Critical cover`);
    return report;
  }

  /** Read through the `plan` index: the mission-critical licences are a few among many. */
  private async missionCriticalLicencesByAccount(): Promise<Map<string, LicenceView[]>> {
    const byAccount = new Map<string, LicenceView[]>();
    for await (const licence of missionCriticalLicences(this.readModels)) {
      byAccount.set(licence.accountId, [...(byAccount.get(licence.accountId) ?? []), licence]);
    }
    return byAccount;
  }

  /** One account's licences (all of them: the cover is judged from plan and expiry). */
  private async licencesOfAccount(accountId: string): Promise<Map<string, LicenceView[]>> {
    const licences: LicenceView[] = [];
    for await (const licence of findEach<LicenceView>(
      this.readModels,
      LICENCES,
      { where: { accountId } },
      PAGE_SIZE,
    ))
      licences.push(licence);
    return new Map([[accountId, licences]]);
  }

  /**
   * Accounts whose live cases carry the cover: an account whose mission-critical licence an admin
   * downgraded holds no such licence any more, yet its cases must drop back.
   */
  private async accountsWithMissionCriticalCases(): Promise<Set<string>> {
    const accounts = new Set<string>();
    const cases = findEach<CaseDocument>(
      this.readModels,
      CASES,
      { where: { missionCritical: true }, anyOf: LIVE },
      PAGE_SIZE,
    );
    for await (const found of cases) accounts.add(found.accountId);
    return accounts;
  }

  private async liveCasesOutOfStep(accountId: string, cover: boolean): Promise<CaseRow[]> {
    const rows: CaseRow[] = [];
    const cases = findEach<CaseDocument>(
      this.readModels,
      CASES,
      { where: { accountId, missionCritical: !cover }, anyOf: LIVE },
      PAGE_SIZE,
    );
    for await (const { id, revision, lastEventId } of cases) rows.push({ id, revision, lastEventId });
    return rows;
  }

  /**
   * Whether the case recorded a change; a failure is logged and left to the next round. A case
   * whose stream lost events its row had applied is not sent the command (see lostEventsOfCase), and
   * one whose decision finds its stream damaged (an event lost from inside it, a stream found damaged
   * before, a stored event that cannot be read) is counted with them. Either is remembered as a
   * damaged stream, as a user's command refused on it is, so /health names it.
   */
  private async review(
    { id: caseId, ...applied }: CaseRow,
    at: string,
  ): Promise<'changed' | 'unchanged' | 'lost-events'> {
    const lost = await lostEventsOfCase(this.events, caseId, applied);
    if (lost) {
      recordMissingEvents(this.damaged, lost);
      return 'lost-events';
    }
    try {
      const result = await this.commands.execute(
        new ExecuteCaseCommand(
          { type: 'ReviewMissionCritical', caseId, actor: MISSION_CRITICAL_REVIEW_ACTOR, at },
          { actor: MISSION_CRITICAL_REVIEW },
        ),
      );
      return result.events.length > 0 ? 'changed' : 'unchanged';
    } catch (error) {
      // Its decision found the stream damaged otherwise (its end is the row's).
      if (recordDamageFound(this.damaged, error)) return 'lost-events';
      this.logger.warn(
        `Case ${caseId}: Mission Critical cover not reviewed; the next round will: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 'unchanged';
    }
  }
}
