/**
 * Fault-test child: appends one event at a time to a SQLite event store and prints one JSON line
 * per acknowledged append ({ stream, revision, position, id }) to stdout, only after append()
 * returned. Whatever it printed, the store promised to keep.
 *
 *   eventstore-writer.ts --file <db> [--count <n>, 0 = until killed] [--streams <k>] [--prefix <p>]
 *                        [--retry-conflicts]   (for writers sharing streams: learn the revision, retry)
 */
import { openSqliteEventStore, WrongExpectedRevisionError } from '@casetrail/eventstore';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { writerEventData } from './eventstore-writer-data';

export interface WriterAck {
  stream: string;
  revision: number;
  position: number;
  id: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      count: { type: 'string', default: '0' },
      streams: { type: 'string', default: '5' },
      prefix: { type: 'string', default: `writer-${process.pid}` },
      'retry-conflicts': { type: 'boolean', default: false },
    },
  });
  if (!values.file) throw new Error('--file is required');
  const count = Number(values.count);
  const streams = Number(values.streams);
  const store = openSqliteEventStore(values.file);
  const revisions = new Map<string, number>();

  for (let n = 0; count === 0 || n < count;) {
    const stream = `${values.prefix}-${n % streams}`;
    const revision = revisions.get(stream);
    const id = randomUUID();
    try {
      const result = await store.append(
        stream,
        [
          {
            id,
            type: 'WriterTicked',
            data: writerEventData(values.prefix, n),
            metadata: { actor: 'system:writer', correlationId: id, schemaVersion: 1 },
          },
        ],
        revision ?? 'no-stream',
      );
      revisions.set(stream, result.nextExpectedRevision);
      const ack: WriterAck = { stream, revision: result.nextExpectedRevision, position: result.position, id };
      process.stdout.write(`${JSON.stringify(ack)}\n`);
      n += 1;
    } catch (error) {
      if (!(values['retry-conflicts'] && error instanceof WrongExpectedRevisionError)) throw error;
      // Another process wrote to the stream first: continue from its revision, like a command retry.
      if (error.actual === 'no-stream') revisions.delete(stream);
      else revisions.set(stream, error.actual);
    }
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
