import { Inject, Injectable } from '@nestjs/common';
import type { GlobalPosition } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { isBeforeExpiry, normalizeEmail, seesLicencesOfAccount } from '@casetrail/domain';
import {
  LICENCES,
  LICENSED_USERS,
  LicenceView,
  LicensedUserView,
} from '@casetrail/readmodels/licences/licences.projection';
import { ProjectionCatchUp } from '../projections/projection-catch-up';
import { setMostRecent } from '../shared/most-recent';
import { READ_MODEL_STORE } from '../storage/storage.tokens';

/** Accounts whose licences are kept between case openings; the least recently asked go first. */
const MAX_ACCOUNTS_KEPT = 1_000;

interface AccountLicences {
  /** Version of the licences read model the list was read at (ProjectionCatchUp.waitForHeadVersion). */
  version: GlobalPosition;
  licences: readonly LicenceView[];
}

/**
 * Licence facts that span streams (all of an account's licences), read from the licence read model.
 * Case commands decide with them, and commands do not go through the consistent-read wait of the
 * query routes, so each lookup first waits until the licences projection includes every event
 * stored so far: a licence issued just before a case is opened counts for it.
 */
@Injectable()
export class LicenceDirectory {
  private readonly accountLicences = new Map<string, AccountLicences>();

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
  ) {}

  /** An active user of one of the account's unexpired licences, if the email is one. */
  async activeUserOfAccount(
    accountId: string,
    email: string,
    at: string,
  ): Promise<LicensedUserView | undefined> {
    await this.catchUp.waitForHead(['licences']);
    const users = await this.readModels.find<LicensedUserView>(LICENSED_USERS, {
      where: { accountId, email, status: 'active' },
      limit: 100,
    });
    if (users.items.length === 0) return undefined;
    const licences = await this.licencesOf(accountId);
    const unexpired = new Set(
      licences.filter((licence) => isBeforeExpiry(licence.expiresAt, at)).map((l) => l.id),
    );
    return users.items.find((user) => unexpired.has(user.licenceId));
  }

  /**
   * Whether the person is shown the account's licences in its account view (seesLicencesOfAccount):
   * a customer who is no party to one of them is then told why they may not use it, not that it
   * does not exist.
   */
  async seesLicencesOfAccount(accountId: string, email: string, at: string): Promise<boolean> {
    await this.catchUp.waitForHead(['licences']);
    const activeOn = await this.readModels.find<LicensedUserView>(LICENSED_USERS, {
      where: { accountId, email: normalizeEmail(email), status: 'active' },
      limit: 100,
    });
    const licences = await this.issuedForAccount(accountId);
    return seesLicencesOfAccount(
      email,
      licences,
      activeOn.items.map((user) => user.licenceId),
      at,
    );
  }

  /**
   * Every case opened asks this for its account, so the answer is kept per account with the
   * version of the licences read model it was read at, and reused until a licence event is
   * appended (by any process): one scan of the log's newest events instead of a query per case.
   */
  async issuedForAccount(accountId: string): Promise<readonly LicenceView[]> {
    const version = await this.catchUp.waitForHeadVersion('licences');
    const known = this.accountLicences.get(accountId);
    if (version !== undefined && known?.version === version) return known.licences;
    const licences = await this.licencesOf(accountId);
    if (version !== undefined)
      setMostRecent(this.accountLicences, accountId, { version, licences }, MAX_ACCOUNTS_KEPT);
    return licences;
  }

  private async licencesOf(accountId: string): Promise<LicenceView[]> {
    const page = await this.readModels.find<LicenceView>(LICENCES, { where: { accountId }, limit: 1000 });
    return page.items;
  }
}
