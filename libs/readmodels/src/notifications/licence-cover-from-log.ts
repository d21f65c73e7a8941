import type { LicenceIssued, LicenceTermsChanged } from '@casetrail/domain';
import type { EventStore, GlobalPosition, RecordedEvent } from '@casetrail/eventstore';
import { withLicenceCover } from './mission-critical-facts';
import type { LicenceCoverFacts } from './notification-facts';

/**
 * Every licence of an account with its plan and expiry as the log stands through `through` (the
 * event being written), read from the account's licence events themselves; undefined when the log
 * cannot be read.
 */
export type LicenceCoverReader = (
  accountId: string,
  through: GlobalPosition,
) => Promise<Record<string, LicenceCoverFacts> | undefined>;

const PAGE = 1000;

/**
 * For an account registered before the outbox writer kept its licences' cover (AccountFacts
 * licenceCoverComplete absent), whose licences the writer may not all know: its events say whether
 * the end of a mission-critical licence takes the account's cover, so the holder is told plainly
 * rather than "Unless another mission-critical licence of the account is in force". Asked only when
 * such a mail would say it conditionally, once per such account (the writer then keeps the cover
 * complete itself).
 *
 * The log has no index by account, so the answer is a pass over it, inside the writer's batch:
 * millions of events on a busy desk, seconds of held-back mail. The pass keeps every account's
 * licences (a few facts per licence) and the next account asked about continues it from where it
 * stopped, so the whole log is read once per process however many accounts' licences end after an
 * upgrade; before, each such account read it all again from the start. A row that cannot be read
 * ends the pass there (undefined: the mail says it conditionally, as before) and the next ask
 * resumes at that row rather than at the start.
 */
export function licenceCoverFromLog(events: Pick<EventStore, 'readAll'>): LicenceCoverReader {
  const pass = new CoverPass(events);
  // One ask at a time: the pass is shared state.
  let previous: Promise<unknown> = Promise.resolve();
  return (accountId, through) => {
    const ask = previous.then(() => pass.coverOf(accountId, through));
    previous = ask.catch(() => undefined);
    return ask;
  };
}

/** Every account's licences' cover as the log stands through `read`. */
class CoverPass {
  private read: GlobalPosition = 0;
  private byAccount = new Map<string, Record<string, LicenceCoverFacts>>();

  constructor(private readonly events: Pick<EventStore, 'readAll'>) {}

  async coverOf(
    accountId: string,
    through: GlobalPosition,
  ): Promise<Record<string, LicenceCoverFacts> | undefined> {
    // Asked of an earlier point (a writer replaying after a lost lease): what came later must not count.
    if (through < this.read) this.restart();
    try {
      await this.readThrough(through);
    } catch {
      // A damaged row the log cannot give: the mail says it conditionally, as before.
      return undefined;
    }
    return { ...this.byAccount.get(accountId) };
  }

  private async readThrough(through: GlobalPosition): Promise<void> {
    while (this.read < through) {
      const page = await this.events.readAll({ after: this.read, maxCount: PAGE });
      for (const recorded of page) {
        if (recorded.position > through) {
          this.read = through;
          return;
        }
        this.apply(recorded);
        this.read = recorded.position;
      }
      if (page.length < PAGE) return;
    }
  }

  private apply(recorded: RecordedEvent): void {
    if (recorded.type !== 'LicenceIssued' && recorded.type !== 'LicenceTermsChanged') return;
    const event = { type: recorded.type, data: recorded.data } as LicenceIssued | LicenceTermsChanged;
    const { accountId } = event.data;
    const covers = withLicenceCover(this.byAccount.get(accountId) ?? {}, event);
    if (covers) this.byAccount.set(accountId, covers);
  }

  private restart(): void {
    this.read = 0;
    this.byAccount = new Map();
  }
}
