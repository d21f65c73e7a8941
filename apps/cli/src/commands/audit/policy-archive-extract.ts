import { SUPPORT_POLICY_ADOPTED, type SupportPolicyAdoptedData } from '@casetrail/domain';
import { verifyStreamChain, type BrokenLink, type RecordedEvent } from '@casetrail/eventstore';
import { POLICY_ARCHIVE_STREAM } from '../../../../api/src/policy-archive/policy-archive-stream';
import { describeBrokenLink } from './chain-walker';
import {
  describeUnreadable,
  headHashOf,
  isUnreadable,
  readableOnly,
  type LogEntry,
  type UnreadableEvent,
} from './evidence-log';

/**
 * What an audit bundle says of the policy versions its case was computed under: the versions its
 * events name, and whether the archive's events it carries verified when exported.
 */
export interface BundlePolicyArchive {
  stream: typeof POLICY_ARCHIVE_STREAM;
  /** Every `policyVersion` the case's events name, in the order they first appear. */
  versionsNamed: string[];
  /** Of those, the ones the archive never recorded (in force before it was kept): not in the bundle. */
  notRecorded: string[];
  /** How many of the archive's events follow the case's in the bundle. */
  events: number;
  /** The hash of the last of them. */
  headHash: string | null;
  chain:
    | { intact: true }
    | { intact: false; reason: string; brokenLink?: BrokenLink; unreadable?: UnreadableEvent[] };
}

/** The archive's events a bundle carries, and its header's account of them. */
export interface PolicyArchiveExtract {
  header: BundlePolicyArchive;
  entries: LogEntry[];
}

/**
 * The archive's events from its start up to the adoption of the last version the case names: the
 * adoptions that explain its targets (goals, at-risk share, calendars), and the ones before them,
 * so their chain verifies from the genesis hash as the case's does. Versions adopted later are left
 * out: the case names none of them.
 */
export function policyArchiveExtract(
  caseEntries: readonly LogEntry[],
  archive: readonly LogEntry[],
): PolicyArchiveExtract {
  const versionsNamed = policyVersionsNamedBy(readableOnly(caseEntries));
  const adoptedAt = new Map<string, number>();
  for (const event of readableOnly(archive)) {
    const { version } = event.data as SupportPolicyAdoptedData;
    if (event.type === SUPPORT_POLICY_ADOPTED && !adoptedAt.has(version))
      adoptedAt.set(version, event.revision);
  }
  const last = Math.max(-1, ...versionsNamed.flatMap((version) => adoptedAt.get(version) ?? []));
  const entries = archive.filter((entry) => entry.revision <= last);
  return {
    header: {
      stream: POLICY_ARCHIVE_STREAM,
      versionsNamed,
      notRecorded: versionsNamed.filter((version) => !adoptedAt.has(version)),
      events: entries.length,
      headHash: headHashOf(entries) ?? null,
      chain: chainOf(entries),
    },
    entries,
  };
}

/** Every `policyVersion` the events' data holds (targets sit at several depths), first seen first. */
export function policyVersionsNamedBy(events: readonly RecordedEvent[]): string[] {
  const named = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'policyVersion' && typeof inner === 'string') named.add(inner);
        else visit(inner);
      }
    }
  };
  events.forEach((event) => visit(event.data));
  return [...named];
}

/** The chain of the carried events, judged up to the first row that cannot be read, as a case's is. */
function chainOf(entries: readonly LogEntry[]): BundlePolicyArchive['chain'] {
  const unreadable = entries.filter(isUnreadable);
  const firstUnreadable = unreadable[0]?.revision ?? Infinity;
  const brokenLink = verifyStreamChain(
    readableOnly(entries).filter((event) => event.revision < firstUnreadable),
  );
  if (!brokenLink && unreadable.length === 0) return { intact: true };
  const reasons = [
    ...(brokenLink ? [describeBrokenLink(brokenLink)] : []),
    ...unreadable.map(describeUnreadable),
  ];
  return {
    intact: false,
    reason: `policy archive BROKEN: ${reasons.join('; ')}`,
    ...(brokenLink ? { brokenLink } : {}),
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}
