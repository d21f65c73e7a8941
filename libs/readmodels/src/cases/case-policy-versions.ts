import { DEFAULT_SUPPORT_POLICY, type SupportPolicy, type SupportPolicyAdoptedData } from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';

/**
 * The cases projection's own copy of the recorded support policy versions (from the log's
 * `SupportPolicyAdopted`), so it counts a paused clock on the calendar the case detail counts it on
 * without reading another projection or the policy file.
 */
export const CASE_POLICY_VERSIONS = 'case_policy_versions';

const versionKey = (version: string) => `version:${version}`;
const LATEST_KEY = 'latest';

interface PolicyVersionDoc {
  id: string;
  policy: SupportPolicy;
}

export async function recordAdoptedPolicy(
  data: SupportPolicyAdoptedData,
  tx: ProjectionTransaction,
): Promise<void> {
  const id = versionKey(data.version);
  // The first policy recorded under a version stays, as in PolicyVersions (the archive refuses a reuse).
  if (!(await tx.get<PolicyVersionDoc>(CASE_POLICY_VERSIONS, id)))
    tx.put(CASE_POLICY_VERSIONS, id, { id, policy: data.policy } satisfies PolicyVersionDoc);
  tx.put(CASE_POLICY_VERSIONS, LATEST_KEY, {
    id: LATEST_KEY,
    policy: data.policy,
  } satisfies PolicyVersionDoc);
}

/**
 * The policy a target computed under `version` is counted on: that version's as recorded in the log,
 * else the latest one recorded (as the API falls back to the policy in force), else the built-in one.
 */
export async function policyOf(version: string, tx: ProjectionTransaction): Promise<SupportPolicy> {
  const doc =
    (await tx.get<PolicyVersionDoc>(CASE_POLICY_VERSIONS, versionKey(version))) ??
    (await tx.get<PolicyVersionDoc>(CASE_POLICY_VERSIONS, LATEST_KEY));
  return doc ? doc.policy : DEFAULT_SUPPORT_POLICY;
}

/**
 * One object per policy content, so the calendars resolved from it (cached by the policy object)
 * are compiled once, not for each copy of it read back from the store.
 */
const policies = new Map<string, SupportPolicy>();
export function sameObjectFor(policy: SupportPolicy): SupportPolicy {
  if (policy === DEFAULT_SUPPORT_POLICY) return policy;
  const key = JSON.stringify(policy);
  let kept = policies.get(key);
  if (!kept) policies.set(key, (kept = policy));
  return kept;
}
