import { isBeforeExpiry } from './licence-expiry';
import { IssuedLicence } from './licence.state';

/**
 * An account is Mission Critical while it holds an active mission-critical licence.
 *
 * This is derived, not recorded on the account stream: it depends on licences and on the clock
 * (a licence expires without any event), so a stored flag would go stale and a copy of licence facts
 * in the account stream would need a process manager to keep it in step. Pass the account's issued
 * licences, or read-model rows that carry `plan` and `expiresAt` (both are in `LicenceIssued`).
 */
export function isMissionCriticalAccount(
  licences: Iterable<Pick<IssuedLicence, 'plan' | 'expiresAt'>>,
  at: string,
): boolean {
  for (const licence of licences) {
    if (licence.plan === 'mission-critical' && isBeforeExpiry(licence.expiresAt, at)) return true;
  }
  return false;
}
