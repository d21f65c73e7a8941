import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import type { AppliedEvent } from '../../../../api/src/cases/access/case-row-against-stream';
import { normaliseId } from '../../../../api/src/shared/path-params';
import type { EvidenceLog, LogEntry } from './evidence-log';
import type { ReadModelEvidence } from './read-model-evidence';

/** A case as `replay` and `export` read it: what its read models applied, then its stream. */
export interface CaseRecord {
  caseId: string;
  stream: string;
  /** Its read-model row's last applied event; undefined without read models, or without a row. */
  row?: AppliedEvent;
  /** Its stream in revision order: its events, and any row that cannot be read in its place. */
  entries: LogEntry[];
}

/**
 * A case by its id, or by its stream name as the history and `verify` print it (`case-<id>`):
 * operators paste either, and in whatever case the API takes (`normaliseId`: a UUID is the same in
 * upper case). The row is read before the stream, as the integrity endpoint reads them: then it may
 * lag behind the stream (projections are asynchronous) but is never ahead of it, unless the stream
 * lost events the row applied. Undefined when neither the stream nor the read models know the case;
 * a case whose row remains but whose stream is gone is returned, with no events.
 */
export async function readCase(
  eventStore: Pick<EvidenceLog, 'readStream'>,
  readModels: ReadModelEvidence | undefined,
  caseIdOrStream: string,
): Promise<CaseRecord | undefined> {
  for (const caseId of candidateIds(caseIdOrStream)) {
    const doc = await readModels?.get<CaseDocument>(CASES, caseId);
    const stream = `case-${caseId}`;
    const entries = await eventStore.readStream(stream);
    if (entries.length > 0 || doc) {
      const row = doc ? { revision: doc.revision, lastEventId: doc.lastEventId } : undefined;
      return { caseId, stream, entries, ...(row ? { row } : {}) };
    }
  }
  return undefined;
}

/** The id as given, then, for `case-<id>` (`CASE-<ID>` too), the id the stream name holds. */
function candidateIds(caseIdOrStream: string): string[] {
  const given = normaliseId(caseIdOrStream);
  const streamName = /^case-(.+)$/i.exec(caseIdOrStream);
  return streamName ? [given, normaliseId(streamName[1])] : [given];
}
