import { isBeforeExpiry } from '@casetrail/domain';
import type { LicenceView, LicensedUserView } from '@casetrail/readmodels/licences/licences.projection';
import { Actor, hasRole, seesEveryAccount } from '../auth/actor';

/**
 * How much of a licence a person sees: `whole` (its terms and every user), `own-entry` (its terms
 * and their own user entry), or nothing: 403, or 404 for a stranger to it (isStrangerToLicenceView).
 */
export type LicenceSight = 'whole' | 'own-entry';

export interface LicenceSightFacts {
  licence: LicenceView;
  /** The person's own user entry on the licence, if they have one (pending, active). */
  own: LicensedUserView | undefined;
  /** The CSM designated for the licence's account, if any. */
  accountCsm: string | null | undefined;
  /** The instant the licence's expiry is judged at. */
  now: string;
}

/**
 * The rule the account view follows (AccountQueries.maySee), for one licence:
 * - staff (engineers, admins, auditors) and the account's CSM see the whole licence (a customer's
 *   compliance auditor only those of the accounts their token names);
 * - so does its holder, also once it has expired: renewing it and managing its users stay theirs;
 * - a licensed user sees it only once registered (DOMAIN.md: "An invited user is pending until
 *   registration completes; access ... is granted then"): a pending invitee is a stranger here. A
 *   registered user of a licence in force sees the whole of it with manage-users, else their entry.
 * - a registered user of an expired licence still reads its terms and their own entry (security F4:
 *   her licence list shows it, and the detail says `active: false` and whom to ask, where a bare 403
 *   said nothing), read only: every write answers licence-expired. Manage-users lapsed with the
 *   licence, so the roster of a licence that lapsed is the holder's to read.
 */
export function licenceSightOf(actor: Actor, facts: LicenceSightFacts): LicenceSight | undefined {
  const { licence, own, accountCsm, now } = facts;
  if (seesEveryAccount(actor)) return 'whole';
  if (actor.auditedAccounts) return actor.auditedAccounts.includes(licence.accountId) ? 'whole' : undefined;
  if (hasRole(actor, 'csm') && accountCsm === actor.email) return 'whole';
  if (licence.holderEmail === actor.email) return 'whole';
  if (own?.status !== 'active') return undefined;
  return own.permissions.manageUsers && isBeforeExpiry(licence.expiresAt, now) ? 'whole' : 'own-entry';
}

/**
 * A customer with no tie to the licence (not its holder, not on its roster, no staff role): answered
 * as for a licence that does not exist, so a customer of another company learns nothing from its id.
 * The read-model form of the rule the licence commands follow (isStrangerToLicence in the domain).
 * So is a CSM but for the licences of the accounts they are designated for: they are told no more of
 * other customers' licences than of their accounts (isStrangerToAccount).
 */
export function isStrangerToLicenceView(
  actor: Actor,
  facts: Pick<LicenceSightFacts, 'licence' | 'own' | 'accountCsm'>,
): boolean {
  // A customer's compliance auditor knows exactly the licences of the accounts their token names.
  if (actor.auditedAccounts) return !actor.auditedAccounts.includes(facts.licence.accountId);
  if (hasRole(actor, 'engineer', 'admin', 'auditor')) return false;
  if (hasRole(actor, 'csm') && facts.accountCsm === actor.email) return false;
  return facts.licence.holderEmail !== actor.email && facts.own === undefined;
}
