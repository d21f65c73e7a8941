import canonicalize from 'canonicalize';
import { DomainError } from '../../shared/domain-error';
import { deepFreeze } from '../deep-freeze';
import type { SupportPolicy } from '../support-policy';

/** The event that records a policy version in the archive stream, with the whole policy as read. */
export const SUPPORT_POLICY_ADOPTED = 'SupportPolicyAdopted';

export interface SupportPolicyAdoptedData {
  version: string;
  policy: SupportPolicy;
}

/** The policy an adoption recorded, frozen as the policy in force is. */
export function adoptedPolicy(data: SupportPolicyAdoptedData): SupportPolicy {
  return deepFreeze(data.policy);
}

/**
 * Whether the policy in force must be added to the archive: yes when its version is not recorded
 * yet. A recorded version whose calendars differ from the file's is refused: business time of the
 * cases computed under that version is measured on the recorded calendars, so an edited calendar
 * under the same version would silently mean two things. Only the calendars are compared, since
 * only they are read back from the archive (a default a new release adds to the built-in policy
 * must not stop a process that kept its version).
 */
export function needsAdoption(recorded: readonly SupportPolicy[], inForce: SupportPolicy): boolean {
  const same = recorded.find((policy) => policy.version === inForce.version);
  if (!same) return true;
  if (calendarsFingerprint(same) !== calendarsFingerprint(inForce)) {
    throw new DomainError(
      'policy-version-reused',
      'validation',
      `support policy version ${inForce.version} was recorded with other calendars than the file has now: ` +
        'cases computed under it keep its recorded calendars, so give the edited policy a new "version"',
      'version',
    );
  }
  return false;
}

/** The calendars of a policy as RFC 8785 canonical JSON, so key order in the file does not matter. */
export function calendarsFingerprint(policy: SupportPolicy): string {
  return canonicalize({ calendar: policy.calendar, calendars: policy.calendars }) ?? '';
}
