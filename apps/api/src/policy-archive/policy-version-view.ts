import { SUPPORT_POLICY_ADOPTED, type SupportPolicyAdoptedData } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { PolicyVersionDto, PolicyVersionSummaryDto } from './policy-versions.dto';

/**
 * An archive's adoptions as people read them, the API (`GET /v1/policy/versions`) and the CLI
 * (`casetrail policy`) alike: the version, from when it applied, and its place in the hash chain.
 */
export function adoptionsIn(history: readonly RecordedEvent[]): RecordedEvent[] {
  return history.filter((event) => event.type === SUPPORT_POLICY_ADOPTED);
}

/** The adoption of `version`, if the archive holds one. */
export function adoptionOf(history: readonly RecordedEvent[], version: string): RecordedEvent | undefined {
  return adoptionsIn(history).find((event) => dataOf(event).version === version);
}

/** `inForce`: the version the reading process runs under. */
export function policyVersionSummary(event: RecordedEvent, inForce: string): PolicyVersionSummaryDto {
  const data = dataOf(event);
  return {
    version: data.version,
    adoptedAt: data.adoptedAt ?? null,
    recordedAt: event.recordedAt,
    revision: event.revision,
    eventId: event.id,
    hash: event.metadata.hash ?? '',
    inForce: data.version === inForce,
  };
}

export function policyVersionDetail(event: RecordedEvent, inForce: string): PolicyVersionDto {
  return {
    ...policyVersionSummary(event, inForce),
    previousHash: event.metadata.previousHash ?? '',
    policy: dataOf(event).policy as unknown as Record<string, unknown>,
  };
}

/** Why a version is not found: the archive was kept only from a release on. */
export function notInArchive(version: string): string {
  return `Support policy version ${version} is not in the archive: versions in force before the archive was kept (before the first start that recorded one) were never recorded`;
}

function dataOf(event: RecordedEvent): SupportPolicyAdoptedData {
  return event.data as SupportPolicyAdoptedData;
}
