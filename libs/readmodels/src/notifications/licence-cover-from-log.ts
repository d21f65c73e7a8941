import type { LicenceIssued, LicenceTermsChanged } from '@casetrail/domain';
import type { EventStore, GlobalPosition } from '@casetrail/eventstore';
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
 * rather than "Unless another mission-critical licence of the account is in force". One pass over
 * the log up to the event, once per such account (the writer then keeps the cover complete itself),
 * and only when such a mail would say it conditionally.
 */
export function licenceCoverFromLog(events: Pick<EventStore, 'readAll'>): LicenceCoverReader {
  return async (accountId, through) => {
    let covers: Record<string, LicenceCoverFacts> = {};
    let after: GlobalPosition = 0;
    try {
      while (after < through) {
        const page = await events.readAll({ after, maxCount: PAGE });
        for (const recorded of page) {
          if (recorded.position > through) return covers;
          if (recorded.type !== 'LicenceIssued' && recorded.type !== 'LicenceTermsChanged') continue;
          const event = { type: recorded.type, data: recorded.data } as LicenceIssued | LicenceTermsChanged;
          if (event.data.accountId === accountId) covers = withLicenceCover(covers, event) ?? covers;
        }
        if (page.length < PAGE) return covers;
        after = page[page.length - 1].position;
      }
      return covers;
    } catch {
      // A damaged row the log cannot give: the mail says it conditionally, as before.
      return undefined;
    }
  };
}
