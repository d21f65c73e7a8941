import type { BrokenLink, RecordedEvent } from '@casetrail/eventstore';

export const AUDIT_BUNDLE_FORMAT = 'casetrail-audit-bundle';

/** The bundle's first line: what it holds and whether its chain verified when exported. */
export interface AuditBundleHeader {
  format: typeof AUDIT_BUNDLE_FORMAT;
  version: 1;
  caseId: string;
  stream: string;
  exportedAt: string;
  events: number;
  /** Hash of the last event: recorded by the auditor, it exposes a later truncation of the stream. */
  headHash: string | null;
  chain: { intact: true } | { intact: false; brokenLink: BrokenLink };
}

/**
 * An audit bundle as JSON lines: the header, then every event of the case exactly as stored (data
 * and metadata, with `hash` and `previousHash`), so anyone can re-verify the chain with the rules
 * in libs/eventstore/src/integrity/hash-chain.ts without access to the system.
 */
export function auditBundleLines(
  caseId: string,
  stream: string,
  events: readonly RecordedEvent[],
  exportedAt: string,
  brokenLink: BrokenLink | undefined,
): string[] {
  const header: AuditBundleHeader = {
    format: AUDIT_BUNDLE_FORMAT,
    version: 1,
    caseId,
    stream,
    exportedAt,
    events: events.length,
    headHash: events.at(-1)?.metadata.hash ?? null,
    chain: brokenLink ? { intact: false, brokenLink } : { intact: true },
  };
  const lines = events.map(({ position, revision, id, type, recordedAt, data, metadata }) =>
    JSON.stringify({ position, revision, id, type, recordedAt, data, metadata }),
  );
  return [JSON.stringify(header), ...lines];
}
