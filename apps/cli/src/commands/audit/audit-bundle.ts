import type { BrokenLink } from '@casetrail/eventstore';
import type { LostEvents } from '../../../../api/src/cases/case-integrity-report';
import { describeCaseVerdict, isIntact, type CaseVerdict } from './case-verdict';
import { headHashOf, isUnreadable, type LogEntry, type UnreadableEvent } from './evidence-log';
import type { BundlePolicyArchive, PolicyArchiveExtract } from './policy-archive-extract';

export const AUDIT_BUNDLE_FORMAT = 'casetrail-audit-bundle';

/**
 * Whether the case verified when exported. `null`: every link held, but nothing could show events
 * removed from the stream's end (no read models to hold it against), so it is not called intact.
 */
export type BundleChain =
  | { intact: true }
  | {
      intact: false;
      reason: string;
      brokenLink?: BrokenLink;
      lostEvents?: LostEvents;
      /** Rows of the stream that cannot be read; each has its line, without its event. */
      unreadable?: UnreadableEvent[];
    }
  | { intact: null; reason: string };

/** The bundle's first line: what it holds and whether it verified when exported. */
export interface AuditBundleHeader {
  format: typeof AUDIT_BUNDLE_FORMAT;
  /**
   * 2: `chain` may be `intact: null`, and gives a `reason` (and `lostEvents`) when not intact.
   * 3: `policyArchive`, and the policy archive's events after the case's, each line naming its `stream`.
   */
  version: 3;
  caseId: string;
  stream: string;
  exportedAt: string;
  events: number;
  /** Hash of the last event: recorded by the auditor, it exposes a later truncation of the stream. */
  headHash: string | null;
  chain: BundleChain;
  /** The support policy versions the case's targets were computed under, carried after its events. */
  policyArchive: BundlePolicyArchive;
}

/**
 * An audit bundle as JSON lines: the header, then every event of the case exactly as stored (data
 * and metadata, with `hash` and `previousHash`), so anyone can re-verify the chain with the rules
 * in libs/eventstore/src/integrity/hash-chain.ts without access to the system. A row that cannot
 * be read has its line in its place, `{position, revision, unreadable}` (what is wrong with it),
 * and the header's chain is not intact. Then the policy archive's events that explain the case's
 * targets (see policyArchiveExtract), as stored too, each with `stream: "support-policy-versions"`
 * (a case's lines carry none: their stream is the header's), verifying as a chain of their own.
 */
export function auditBundleLines(
  caseId: string,
  stream: string,
  entries: readonly LogEntry[],
  exportedAt: string,
  verdict: CaseVerdict,
  policyArchive: PolicyArchiveExtract,
): string[] {
  const headHash = headHashOf(entries) ?? null;
  const header: AuditBundleHeader = {
    format: AUDIT_BUNDLE_FORMAT,
    version: 3,
    caseId,
    stream,
    exportedAt,
    events: entries.length,
    headHash,
    chain: bundleChain(verdict, headHash ?? undefined),
    policyArchive: policyArchive.header,
  };
  const archiveStream = { stream: policyArchive.header.stream };
  return [
    JSON.stringify(header),
    ...entries.map((entry) => entryLine(entry)),
    ...policyArchive.entries.map((entry) => entryLine(entry, archiveStream)),
  ];
}

/** One stored event (or a row that cannot be read) as its line; `named` puts the stream first. */
function entryLine(entry: LogEntry, named: { stream?: string } = {}): string {
  if (isUnreadable(entry)) {
    const { position, revision, problem } = entry;
    return JSON.stringify({ ...named, position, revision, unreadable: problem });
  }
  const { position, revision, id, type, recordedAt, data, metadata } = entry;
  return JSON.stringify({ ...named, position, revision, id, type, recordedAt, data, metadata });
}

function bundleChain(verdict: CaseVerdict, headHash: string | undefined): BundleChain {
  const intact = isIntact(verdict);
  if (intact === true) return { intact };
  const reason = describeCaseVerdict(verdict, headHash);
  if (intact === null) return { intact, reason };
  const { brokenLink, lostEvents, unreadable } = verdict;
  return {
    intact,
    reason,
    ...(brokenLink ? { brokenLink } : {}),
    ...(lostEvents ? { lostEvents } : {}),
    ...(unreadable ? { unreadable } : {}),
  };
}
