import { Inject, Injectable } from '@nestjs/common';
import { isBeforeExpiry, isMissionCriticalAccount } from '@casetrail/domain';
import type { ReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS, type AccountView } from '@casetrail/readmodels/accounts/accounts.projection';
import { LICENCES, type LicenceView } from '@casetrail/readmodels/licences/licences.projection';
import { missionCriticalLicences } from '@casetrail/readmodels/licences/mission-critical-licences';
import { ProjectionCatchUp } from '../projections/projection-catch-up';
import { CLOCK, Clock } from '../runtime/runtime';
import { READ_MODEL_STORE } from '../storage/storage.tokens';

/**
 * DOMAIN.md: "A Mission Critical account has a designated CSM ... and the CSM is notified of all
 * activity on the account's cases." Admins issue licences before they name the CSM (the order the
 * setup guides and the demo data follow), so an account without one is not refused the licence:
 * it is flagged, in the answer of the request that left it so, in the account view and in the
 * admin's /health, until PUT /v1/accounts/{accountId}/csm designates one. Until then activity on its
 * unassigned cases reaches nobody at the vendor.
 */
export interface MissingCsmWarning {
  code: 'mission-critical-without-csm';
  accountId: string;
  message: string;
  /** The request that designates the CSM. */
  fix: string;
}

export const designateCsmRequest = (accountId: string) => `PUT /v1/accounts/${accountId}/csm`;

export function missingCsmWarning(accountId: string): MissingCsmWarning {
  return {
    code: 'mission-critical-without-csm',
    accountId,
    message:
      `Account ${accountId} is Mission Critical but has no CSM designated: nobody at the vendor is ` +
      'told of activity on its cases that no one is assigned to. Designate one with ' +
      `${designateCsmRequest(accountId)} {"email": ...}`,
    fix: designateCsmRequest(accountId),
  };
}

/** The warnings an account gets: one when it is Mission Critical with no CSM, none otherwise. */
export function coverageWarnings(
  account: Pick<AccountView, 'id' | 'csm'>,
  missionCritical: boolean,
): MissingCsmWarning[] {
  return missionCritical && !account.csm ? [missingCsmWarning(account.id)] : [];
}

/** `{warnings}` for a command's answer when there are any; nothing otherwise (the answer stays `{id, revision}`). */
export function withWarnings(warnings: readonly MissingCsmWarning[]): { warnings?: MissingCsmWarning[] } {
  return warnings.length > 0 ? { warnings: [...warnings] } : {};
}

/** Mission Critical accounts with no CSM, for the admin's /health: how many, and the first of them. */
export interface UncoveredMissionCriticalAccounts {
  count: number;
  /** The first accounts (by id), at most UNCOVERED_IDS_SHOWN. */
  accountIds: string[];
  fix: string;
}

export const UNCOVERED_IDS_SHOWN = 20;
const MAX_LICENCES_OF_AN_ACCOUNT = 1000;

@Injectable()
export class MissionCriticalCoverage {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The warnings for a command's answer (a licence issued or changed, a CSM taken off) once the
   * accounts and licences read models include it: a licence issued a moment ago counts. Those
   * projections handle only account and licence events, so the wait is short.
   */
  async warningsAfterChange(accountId: string): Promise<MissingCsmWarning[]> {
    await this.catchUp.waitForHead(['accounts', 'licences']);
    const [account, licences] = await Promise.all([
      this.readModels.get<AccountView>(ACCOUNTS, accountId),
      this.readModels.find<LicenceView>(LICENCES, {
        where: { accountId },
        limit: MAX_LICENCES_OF_AN_ACCOUNT,
      }),
    ]);
    if (!account) return [];
    return coverageWarnings(account, isMissionCriticalAccount(licences.items, this.now()));
  }

  /**
   * Read from the mission-critical licences only (`plan` is indexed: a few among many), then the
   * accounts holding one in force: cheap enough for every /health and /metrics scrape.
   */
  async uncovered(): Promise<UncoveredMissionCriticalAccounts | undefined> {
    const now = this.now();
    const accountIds = new Set<string>();
    for await (const licence of missionCriticalLicences(this.readModels)) {
      if (isBeforeExpiry(licence.expiresAt, now)) accountIds.add(licence.accountId);
    }
    const accounts = await Promise.all(
      [...accountIds].map((id) => this.readModels.get<AccountView>(ACCOUNTS, id)),
    );
    const uncovered = accounts
      .filter((account): account is AccountView => !!account && !account.csm)
      .map((account) => account.id)
      .sort();
    if (uncovered.length === 0) return undefined;
    return {
      count: uncovered.length,
      accountIds: uncovered.slice(0, UNCOVERED_IDS_SHOWN),
      fix: designateCsmRequest('{accountId}'),
    };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
