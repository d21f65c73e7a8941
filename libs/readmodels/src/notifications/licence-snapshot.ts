import type { AccountFacts, LicenceFacts } from './notification-facts';
import type { LicenceSnapshot } from './outbox-notification';

/**
 * The licence a licence mail (issue, invitation, change) is about, as the writer knows it when it
 * writes the row: product and edition, null when it never saw the licence issued; the account's
 * zone, and its name where the mail names the account (not an invitation: pass no name), each left
 * out when not known, so the message falls back to UTC or the account's id.
 */
export function licenceSnapshot(
  ids: { licenceId: string; accountId: string },
  terms: Pick<LicenceFacts, 'product' | 'edition'> | undefined,
  account: Pick<AccountFacts, 'name' | 'timeZone'> | undefined,
): LicenceSnapshot {
  return {
    ...ids,
    ...(account?.name ? { accountName: account.name } : {}),
    product: terms?.product ?? null,
    edition: terms?.edition ?? null,
    ...(account?.timeZone ? { timeZone: account.timeZone } : {}),
  };
}
