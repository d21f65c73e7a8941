import { PolicyVersions, type SupportPolicy } from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import { PolicyArchiveDamaged } from './policy-archive-damaged';
import { adoptPolicyInForce, readRecordedPolicies } from './policy-archive-stream';

/**
 * The policy versions of the archive, the policy in force recorded first (see adoptPolicyInForce).
 * The API and the projector may run as separate processes, started on different policy files: a
 * version met on a target but not known here is looked for in the archive once, in the background
 * (its figures follow the policy in force until it arrives, a moment later).
 */
export async function openPolicyVersions(
  store: EventStore,
  inForce: SupportPolicy,
  startedAt: Date,
): Promise<PolicyVersions> {
  const recorded = await adoptPolicyInForce(store, inForce, startedAt);
  const lookedFor = new Set<string>();
  const versions: PolicyVersions = new PolicyVersions(inForce, recorded, (version) => {
    // Once per version: a version from before the archive existed is never found, and must not
    // cost a read per report row.
    if (lookedFor.has(version)) return;
    lookedFor.add(version);
    readRecordedPolicies(store).then(
      (policies) => policies.forEach((policy) => versions.record(policy)),
      // A read that failed is tried again at the next ask; a damaged archive is not (its figures
      // keep the policy in force, and /health names the broken link).
      (error) => {
        if (!(error instanceof PolicyArchiveDamaged)) lookedFor.delete(version);
      },
    );
  });
  return versions;
}
