import { UUID } from '../shared/path-params';
import { StaffRole } from './actor';

/** The claim naming the accounts a customer's compliance auditor may read (DOMAIN.md actors). */
export const AUDITED_ACCOUNTS_CLAIM = 'casetrail_accounts';

/**
 * The accounts a token's `casetrail_accounts` claim limits an auditor to, lower-cased as ids are
 * stored; undefined when the token has no such claim (a vendor auditor sees every account). The
 * claim only narrows, so anything that could widen what its bearer sees is refused rather than
 * ignored: a token with the claim must carry the auditor role and no other (a working role's
 * sight, or a CSM's accounts, would go past the limit), and name at least one account, each by id.
 * The reason reads after "the token is refused:" (see InvalidTokenError).
 */
export function auditedAccountsClaim(
  value: unknown,
  roles: readonly StaffRole[],
): { accounts?: string[] } | { refused: string } {
  if (value === undefined) return {};
  const ids = Array.isArray(value) ? value : [];
  if (ids.length === 0 || !ids.every((id) => typeof id === 'string' && UUID.test(id))) {
    return { refused: `The ${AUDITED_ACCOUNTS_CLAIM} claim must be a non-empty list of account ids` };
  }
  if (roles.length !== 1 || roles[0] !== 'auditor') {
    return {
      refused: `The ${AUDITED_ACCOUNTS_CLAIM} claim limits an auditor: the token must carry the auditor role and no other`,
    };
  }
  return { accounts: [...new Set(ids.map((id: string) => id.toLowerCase()))] };
}
