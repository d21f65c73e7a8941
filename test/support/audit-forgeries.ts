import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  chainAtCommit,
  chainEvents,
  eventHash,
  GENESIS_HASH,
  type EventMetadata,
} from '@casetrail/eventstore';

/**
 * Changes someone with write access to an events.sqlite file could make, each keeping every hash
 * link whole, so only the rules beside the hashes (or the read models) can show them.
 */

interface EventRow {
  position: number;
  id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

function rowsOf(db: Database.Database, stream: string): EventRow[] {
  return db.prepare(`SELECT * FROM events WHERE stream = ? ORDER BY revision`).all(stream) as EventRow[];
}

/** Gives two events of a stream each other's position (positions are not hashed). */
export function swapPositions(db: Database.Database, stream: string, a: number, b: number): void {
  const rows = rowsOf(db, stream);
  const [first, second] = [rows[a], rows[b]];
  const move = db.prepare(`UPDATE events SET position = ? WHERE id = ?`);
  db.transaction(() => {
    move.run(-1, first.id);
    move.run(first.position, second.id);
    move.run(second.position, first.id);
  })();
}

/**
 * Rewrites one format-2 event of a stream in format 1 (its `hashFormat` marker removed, its hash
 * computed again without its recorded time, as `chainEvents` computes it), and links the events
 * after it to the new hash, chained at commit as the store chains them: every link holds.
 */
export function downgradeToFormat1(db: Database.Database, stream: string, revision: number): void {
  const rows = rowsOf(db, stream);
  let previous = revision === 0 ? GENESIS_HASH : (JSON.parse(rows[revision - 1].metadata).hash as string);
  const update = db.prepare(`UPDATE events SET metadata = ? WHERE id = ?`);
  db.transaction(() => {
    for (const row of rows.slice(revision)) {
      const { hash: _hash, previousHash: _previous, hashFormat, ...given } = JSON.parse(row.metadata);
      if (row.revision === revision && hashFormat !== 2)
        throw new Error(`revision ${revision} is not in format 2`);
      const content = {
        id: row.id,
        stream,
        revision: row.revision,
        type: row.type,
        data: JSON.parse(row.data),
        recordedAt: row.recorded_at,
      };
      let metadata: EventMetadata;
      if (row.revision === revision) {
        const unmarked = { ...given, previousHash: previous } as EventMetadata;
        metadata = { ...unmarked, hash: eventHash(previous, { ...content, metadata: unmarked }) };
      } else {
        metadata = chainAtCommit(previous, { ...content, metadata: given as EventMetadata });
      }
      update.run(JSON.stringify(metadata), row.id);
      previous = metadata.hash!;
    }
  })();
}

/**
 * Inserts a forged comment at `at` in a case stream and computes the stream's chain again: every
 * row of the stream is rewritten in place with the content of the event before it, and the last
 * event moves to a new row at the log's head, so positions stay without gaps.
 */
export function insertForgedEvent(
  db: Database.Database,
  stream: string,
  at: number,
): { applied: string; revision: number; now: string } {
  const rows = rowsOf(db, stream);
  const content = (row: EventRow) => {
    const { hash: _hash, previousHash: _previous, ...metadata } = JSON.parse(row.metadata);
    return { id: row.id, type: row.type, data: JSON.parse(row.data), metadata, recordedAt: row.recorded_at };
  };
  const original = rows.map(content);
  const forged = {
    ...original[at],
    id: randomUUID(),
    type: 'CommentAdded',
    data: { ...(original[at].data as object), body: 'Customer confirmed the fix', internal: false },
  };
  const sequence = [...original.slice(0, at), forged, ...original.slice(at)];
  const chained = chainEvents(stream, 0, GENESIS_HASH, sequence).map((event, revision) => ({
    ...event,
    recordedAt: sequence[revision].recordedAt,
  }));
  db.transaction(() => {
    db.prepare(`UPDATE events SET id = id || '-moving' WHERE stream = ?`).run(stream);
    const update = db.prepare(
      `UPDATE events SET id = ?, type = ?, data = ?, metadata = ?, recorded_at = ? WHERE stream = ? AND revision = ?`,
    );
    const insert = db.prepare(
      `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    chained.forEach((event, revision) => {
      const [data, metadata] = [JSON.stringify(event.data), JSON.stringify(event.metadata)];
      if (revision < rows.length)
        update.run(event.id, event.type, data, metadata, event.recordedAt, stream, revision);
      else insert.run(event.id, stream, revision, event.type, data, metadata, event.recordedAt);
    });
  })();
  const revision = rows.length - 1;
  return { applied: rows[revision].id, revision, now: chained[revision].id };
}
