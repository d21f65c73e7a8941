import { DomainError } from '../../shared/domain-error';
import { deepFreeze } from '../deep-freeze';
import type { SupportPolicy } from '../support-policy';
import { describePolicyDifferences, policyDifferences } from './policy-differences';

/** The event that records a policy version in the archive stream, with the whole policy as read. */
export const SUPPORT_POLICY_ADOPTED = 'SupportPolicyAdopted';

export interface SupportPolicyAdoptedData {
  version: string;
  policy: SupportPolicy;
  /**
   * From when targets were computed under it: the clock of the process that recorded it, or, for a
   * simulated history (`demo-data`), the simulation's first instant. Absent on adoptions recorded
   * before it was kept; their recorded time is then the only "when".
   */
  adoptedAt?: string;
}

/** The policy an adoption recorded, frozen as the policy in force is. */
export function adoptedPolicy(data: SupportPolicyAdoptedData): SupportPolicy {
  return deepFreeze(data.policy);
}

/**
 * Whether the policy in force must be added to the archive: yes when its version is not recorded
 * yet. A recorded version whose content differs from the file's (any setting: goals, at-risk share,
 * cadences, plans, calendars) is refused, naming the version and the settings that differ: a case
 * records only the version name its targets were computed under, so an auditor explains a due time
 * by looking that name up in the archive, which works only while one name means one policy.
 * Content is the policy as merged over the built-in one and compared canonically (see
 * `policyDifferences`): the key order or spacing of the file, or a default written out, is not a
 * change, nor is a setting a newer release added to the built-in policy.
 */
export function needsAdoption(recorded: readonly SupportPolicy[], inForce: SupportPolicy): boolean {
  const same = recorded.find((policy) => policy.version === inForce.version);
  if (!same) return true;
  const differences = policyDifferences(same, inForce);
  if (differences.length > 0) {
    throw new DomainError(
      'policy-version-reused',
      'validation',
      `support policy version ${inForce.version} was recorded with other content than the file has now ` +
        `(${describePolicyDifferences(differences)}): cases computed under it are explained by the recorded ` +
        'policy, so give the edited policy a new "version"',
      'version',
    );
  }
  return false;
}
