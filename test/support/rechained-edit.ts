import type Database from 'better-sqlite3';
import { chainAtCommit, GENESIS_HASH, type EventMetadata } from '@casetrail/eventstore';

/**
 * What someone with write access to events.sqlite and the source code could do: change one event's
 * data and compute its stream's hash chain again from there, as the store chains at commit. Every
 * link then holds; only a record of the log kept elsewhere (a receipt) can show the change.
 */
export function editAndRechain(
  db: Database.Database,
  stream: string,
  revision: number,
  edit: (data: Record<string, unknown>) => Record<string, unknown>,
): void {
  const rows = db.prepare(`SELECT * FROM events WHERE stream = ? ORDER BY revision`).all(stream) as {
    id: string;
    revision: number;
    type: string;
    data: string;
    metadata: string;
    recorded_at: string;
  }[];
  let previous = revision === 0 ? GENESIS_HASH : (JSON.parse(rows[revision - 1].metadata).hash as string);
  const update = db.prepare(`UPDATE events SET data = ?, metadata = ? WHERE id = ?`);
  db.transaction(() => {
    for (const row of rows.slice(revision)) {
      const {
        hash: _hash,
        previousHash: _previous,
        hashFormat: _format,
        ...given
      } = JSON.parse(row.metadata);
      const stored = JSON.parse(row.data) as Record<string, unknown>;
      const data = row.revision === revision ? edit(stored) : stored;
      const metadata = chainAtCommit(previous, {
        id: row.id,
        stream,
        revision: row.revision,
        type: row.type,
        data,
        metadata: given as EventMetadata,
        recordedAt: row.recorded_at,
      });
      update.run(JSON.stringify(data), JSON.stringify(metadata), row.id);
      previous = metadata.hash;
    }
  })();
}
