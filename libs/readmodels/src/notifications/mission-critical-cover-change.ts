import { isBeforeExpiry, isMissionCriticalAccount, type LicenceEvent } from '@casetrail/domain';
import type { AccountFacts } from './notification-facts';

/**
 * What a mission-critical licence's end or renewal does to its account's Mission Critical cover
 * (README: an account is Mission Critical while it holds an active mission-critical licence), for
 * its holder's mail: `lost` (no other one in force), `kept` (another mission-critical licence of the
 * account is in force), `restored` (renewed while no other one was in force), `unknown` (none other
 * known in force, but the writer may not know all of the account's licences: see
 * AccountFacts.licenceCoverComplete, so the mail says it conditionally).
 */
export type MissionCriticalCoverChange = 'lost' | 'kept' | 'restored' | 'unknown';

export function missionCriticalCoverChange(
  event: LicenceEvent,
  account: AccountFacts | undefined,
  change: { ended: boolean; renewed: boolean },
): MissionCriticalCoverChange | undefined {
  if (!change.ended && !change.renewed) return undefined;
  const { licenceId, at } = event.data;
  const cover = account?.licenceCover?.[licenceId];
  // The plan it ended under (an early end may re-plan it too), or it is renewed under.
  const plan =
    change.ended && event.type === 'LicenceTermsChanged'
      ? (event.data.previousTerms.plan ?? cover?.plan)
      : cover?.plan;
  if (plan !== 'mission-critical') return undefined;
  if (change.renewed && cover && !isBeforeExpiry(cover.expiresAt, at)) return undefined;
  const others = Object.entries(account?.licenceCover ?? {})
    .filter(([id]) => id !== licenceId)
    .map(([, other]) => other);
  if (isMissionCriticalAccount(others, at)) return 'kept';
  if (account?.licenceCoverComplete !== true) return 'unknown';
  return change.ended ? 'lost' : 'restored';
}
