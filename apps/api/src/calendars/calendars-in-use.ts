import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { hasPolicyCalendar, type OpenedCase, type SupportPolicy } from '@casetrail/domain';
import { findEach, type ReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS, type AccountView } from '@casetrail/readmodels/accounts/accounts.projection';
import { CASES } from '@casetrail/readmodels/cases/cases.projection';
import { SUPPORT_POLICY } from '../runtime/runtime';
import { READ_MODEL_STORE } from '../storage/storage.tokens';
import { businessCalendarOf } from './business-calendar-of';

const logger = new Logger('BusinessCalendars');
const PAGE_SIZE = 500;
/** How often /health reads the accounts again: a name can only go missing with a new policy file (a restart). */
const ACCOUNTS_RESCAN_MS = 60_000;

/**
 * Finds the calendar names accounts and open cases use that the support policy in force lacks, and
 * meets each through `businessCalendarOf`, which logs the warning once per name and lists it for
 * /health (`calendarsMissingFromPolicy`). Without it a name was only met when a command or a read
 * computed business time for such a case, so right after deploying a policy file that dropped a
 * calendar still in use /health said `up` until someone happened to open one of those cases.
 *
 * At start it reads the accounts and the open cases (in the background: a start does not wait on
 * a long read model); /health reads the accounts again at most once a minute, in case the accounts
 * read model was still catching up at start. A case keeps the calendar it was opened under, so an
 * open case may name one its account no longer does: those are met at start, or when used.
 */
@Injectable()
export class CalendarsInUse implements OnApplicationBootstrap, OnApplicationShutdown {
  private accountsReadAt = Number.NEGATIVE_INFINITY;
  private accountsRead?: Promise<void>;
  /** Set at shutdown: the start's background read stops at its next page instead of reading a closed store. */
  private stopped = false;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(SUPPORT_POLICY) private readonly policy?: SupportPolicy,
  ) {}

  onApplicationBootstrap(): void {
    void this.checkAccounts()
      .then(() => this.checkOpenCases())
      .catch((error: unknown) => {
        if (!this.stopped) logger.warn(`Could not check the calendars in use: ${String(error)}`);
      });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  /**
   * Reads the accounts again when the last read is over a minute old; for /health, before it
   * reports. Never fails: a store that cannot be read is what /health's own checks report.
   */
  async refresh(): Promise<void> {
    const read =
      performance.now() - this.accountsReadAt < ACCOUNTS_RESCAN_MS ? this.accountsRead : this.checkAccounts();
    await read?.catch(() => undefined);
  }

  private checkAccounts(): Promise<void> {
    this.accountsReadAt = performance.now();
    this.accountsRead = (async () => {
      for await (const account of findEach<AccountView>(this.readModels, ACCOUNTS, {}, PAGE_SIZE)) {
        if (this.stopped) return;
        this.meet(account.calendar);
      }
    })();
    // A failed read is tried again at the next /health, not a minute later.
    this.accountsRead.catch(() => (this.accountsReadAt = Number.NEGATIVE_INFINITY));
    return this.accountsRead;
  }

  private async checkOpenCases(): Promise<void> {
    const openCases = findEach<{ state: OpenedCase }>(
      this.readModels,
      CASES,
      { where: { active: true } },
      PAGE_SIZE,
    );
    for await (const row of openCases) {
      if (this.stopped) return;
      this.meet(row.state.calendar);
    }
  }

  private meet(name: string | null | undefined): void {
    if (!this.policy || name === undefined || name === null || hasPolicyCalendar(this.policy, name)) return;
    businessCalendarOf(this.policy, { calendar: name });
  }
}
