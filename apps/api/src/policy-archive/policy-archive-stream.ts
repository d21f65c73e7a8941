import {
  adoptedPolicy,
  needsAdoption,
  SUPPORT_POLICY_ADOPTED,
  type SupportPolicy,
  type SupportPolicyAdoptedData,
} from '@casetrail/domain';
import {
  chainEvents,
  GENESIS_HASH,
  verifyStreamChain,
  WrongExpectedRevisionError,
  type BrokenLink,
  type EventStore,
  type RecordedEvent,
} from '@casetrail/eventstore';
import { randomUUID } from 'node:crypto';
import { PolicyArchiveDamaged } from './policy-archive-damaged';

/**
 * The stream that keeps every support policy version a process has run under, one
 * `SupportPolicyAdopted` event per version. It lives in the event store, not in a read model,
 * because read models are rebuilt from the log and the policy file is not part of the log.
 */
export const POLICY_ARCHIVE_STREAM = 'support-policy-versions';

const ATTEMPTS = 5;

/** The policies recorded in the archive, oldest first; throws PolicyArchiveDamaged when its chain does not hold. */
export async function readRecordedPolicies(store: EventStore): Promise<SupportPolicy[]> {
  return policiesOf(await readArchive(store));
}

/** The first broken link of the archive's hash chain, if any: what /health reports. */
export async function policyArchiveDamage(store: EventStore): Promise<BrokenLink | undefined> {
  return verifyStreamChain(await store.readStream(POLICY_ARCHIVE_STREAM));
}

/**
 * The archive's events, its hash chain checked on every read (a handful of events, one per
 * version), as nothing else checks what a process reads from it. Throws PolicyArchiveDamaged.
 */
export async function readArchive(store: EventStore): Promise<RecordedEvent[]> {
  const history = await store.readStream(POLICY_ARCHIVE_STREAM);
  const broken = verifyStreamChain(history);
  if (broken) throw new PolicyArchiveDamaged(broken);
  return history;
}

/**
 * Records the policy in force when its version is not in the archive yet, in force from
 * `adoptedAt`, and returns every recorded policy. Throws when the version was recorded with other
 * content (see `needsAdoption`), or when the archive is damaged (PolicyArchiveDamaged). Two processes starting at once race on the stream's revision: the
 * loser reads again and finds the version recorded.
 */
export async function adoptPolicyInForce(
  store: EventStore,
  inForce: SupportPolicy,
  adoptedAt: Date,
): Promise<SupportPolicy[]> {
  for (let attempt = 1; ; attempt += 1) {
    const history = await readArchive(store);
    const recorded = policiesOf(history);
    if (!needsAdoption(recorded, inForce)) return recorded;
    try {
      await store.append(
        POLICY_ARCHIVE_STREAM,
        adoptionEvents(store, history, inForce, adoptedAt),
        expectedAfter(history),
      );
      return [...recorded, inForce];
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

function adoptionEvents(store: EventStore, history: RecordedEvent[], policy: SupportPolicy, adoptedAt: Date) {
  const data: SupportPolicyAdoptedData = {
    version: policy.version,
    policy,
    adoptedAt: adoptedAt.toISOString(),
  };
  const events = [
    {
      id: randomUUID(),
      type: SUPPORT_POLICY_ADOPTED,
      data,
      metadata: { actor: 'system:policy-archive', correlationId: randomUUID(), schemaVersion: 1 },
    },
  ];
  // A store that chains at commit (SQLite) would only hash them again.
  return store.chainsAtCommit
    ? events
    : chainEvents(
        POLICY_ARCHIVE_STREAM,
        history.length,
        history.at(-1)?.metadata.hash ?? GENESIS_HASH,
        events,
      );
}

function expectedAfter(history: RecordedEvent[]): number | 'no-stream' {
  return history.length === 0 ? 'no-stream' : history[history.length - 1].revision;
}

function policiesOf(history: RecordedEvent[]): SupportPolicy[] {
  return history
    .filter((event) => event.type === SUPPORT_POLICY_ADOPTED)
    .map((event) => adoptedPolicy(event.data as SupportPolicyAdoptedData));
}
