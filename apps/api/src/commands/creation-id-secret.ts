import { randomBytes, randomUUID } from 'node:crypto';
import {
  chainEvents,
  GENESIS_HASH,
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
} from '@casetrail/eventstore';

/**
 * The stream that keeps the desk's secret for ids derived from an Idempotency-Key (CreationIds):
 * one `CreationIdSecretCreated` event, written by the first keyed creation. It lives in the event
 * store, not in DATA_DIR or a read model, because every process writing cases must derive the same
 * id from the same key (API instances on one EventStoreDB included), and it must come back with the
 * log after a restart, a read-model rebuild, a backup and a restore.
 */
export const CREATION_ID_SECRET_STREAM = 'creation-id-secret';
export const CREATION_ID_SECRET_CREATED = 'CreationIdSecretCreated';

interface CreationIdSecretData {
  /** 32 random bytes, lowercase hex. */
  secret: string;
}

const ATTEMPTS = 5;

/**
 * The recorded secret, recorded first when there is none yet. Two processes creating it at once race
 * on the stream's revision: the loser reads again and takes the winner's.
 */
export async function creationIdSecret(store: EventStore): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const recorded = await recordedSecret(store);
    if (recorded) return recorded;
    const secret = randomBytes(32).toString('hex');
    try {
      await store.append(CREATION_ID_SECRET_STREAM, [secretEvent(store, secret)], 'no-stream');
      return secret;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function recordedSecret(store: EventStore): Promise<string | undefined> {
  const [first] = await store.readStream(CREATION_ID_SECRET_STREAM, { maxCount: 1 });
  return first?.type === CREATION_ID_SECRET_CREATED ? (first.data as CreationIdSecretData).secret : undefined;
}

function secretEvent(store: EventStore, secret: string): NewEvent {
  const data: CreationIdSecretData = { secret };
  const event: NewEvent & { id: string } = {
    id: randomUUID(),
    type: CREATION_ID_SECRET_CREATED,
    data,
    metadata: { actor: 'system:creation-ids', correlationId: randomUUID(), schemaVersion: 1 },
  };
  // A store that chains at commit (SQLite) would only hash it again.
  return store.chainsAtCommit ? event : chainEvents(CREATION_ID_SECRET_STREAM, 0, GENESIS_HASH, [event])[0];
}
