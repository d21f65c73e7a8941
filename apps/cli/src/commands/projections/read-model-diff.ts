import canonicalize from 'canonicalize';
import type { Doc } from '@casetrail/readmodels';
import { compareScalars } from '@casetrail/readmodels/documents/scalar-order';
import type { ReadModelEvidence } from '../audit/read-model-evidence';

export type DocumentDifference =
  | { kind: 'missing'; collection: string; id: string }
  | { kind: 'unexpected'; collection: string; id: string }
  | { kind: 'different'; collection: string; id: string; fields: string[] }
  | { kind: 'columns'; collection: string; id: string; fields: string[] };

export interface CollectionComparison {
  collection: string;
  /** Documents in the rebuilt (expected) collection. */
  expected: number;
  /** Documents in the live collection. */
  live: number;
  differences: DocumentDifference[];
  /** Differences found beyond those listed (the list is capped). */
  unlisted: number;
}

/**
 * Compares one collection of the live store with the same collection rebuilt from zero, document
 * by document in id order (both stores page by id). Documents are compared whole, as canonical
 * JSON: nothing is ignored but what the stores keep for themselves (never returned by the port).
 * Where the live store keeps copies of indexed fields apart from the documents (SQLite's columns),
 * each copy is checked against its document as well.
 */
export async function compareCollection(
  live: ReadModelEvidence,
  expected: ReadModelEvidence,
  collection: string,
  maxListed = 20,
): Promise<CollectionComparison> {
  const result: CollectionComparison = { collection, expected: 0, live: 0, differences: [], unlisted: 0 };
  const note = (difference: DocumentDifference) => {
    if (result.differences.length < maxListed) result.differences.push(difference);
    else result.unlisted += 1;
  };
  const liveDocs = documents(live, collection);
  const expectedDocs = documents(expected, collection);
  let a = await liveDocs.next();
  let b = await expectedDocs.next();
  while (!a.done || !b.done) {
    const liveId = a.done ? undefined : String(a.value.id);
    const expectedId = b.done ? undefined : String(b.value.id);
    // Both stores page in the ids' code-point order, which is what compareScalars follows.
    const order = liveId === undefined || expectedId === undefined ? 0 : compareScalars(expectedId, liveId);
    if (expectedId !== undefined && (liveId === undefined || order < 0)) {
      result.expected += 1;
      note({ kind: 'missing', collection, id: expectedId });
      b = await expectedDocs.next();
    } else if (liveId !== undefined && (expectedId === undefined || order > 0)) {
      result.live += 1;
      note({ kind: 'unexpected', collection, id: liveId });
      a = await liveDocs.next();
    } else {
      result.expected += 1;
      result.live += 1;
      const fields = differingFields(a.value as Doc, b.value as Doc);
      if (fields.length > 0) note({ kind: 'different', collection, id: liveId!, fields });
      a = await liveDocs.next();
      b = await expectedDocs.next();
    }
  }
  // What queues filter and sort on must say what the document says, too.
  for await (const { id, fields } of live.indexedFieldMismatches?.(collection) ?? []) {
    note({ kind: 'columns', collection, id, fields });
  }
  return result;
}

function documents(store: ReadModelEvidence, collection: string): AsyncIterator<Doc> {
  return store.documentsById<Doc>(collection)[Symbol.asyncIterator]();
}

/** Top-level fields whose values differ (deep, key order ignored). */
function differingFields(live: Doc, expected: Doc): string[] {
  const fields = new Set([...Object.keys(live), ...Object.keys(expected)]);
  return [...fields].filter((field) => canonicalize(live[field]) !== canonicalize(expected[field])).sort();
}
