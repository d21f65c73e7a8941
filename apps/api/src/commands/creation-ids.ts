import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import { newId } from '../shared/new-id';
import { uuidFromDigest } from '../shared/request-context';
import { EVENT_STORE } from '../storage/storage.tokens';
import type { CommandMeta } from './command-meta';
import { creationIdSecret } from './creation-id-secret';

/**
 * The id a creation names (case, account, licence). Without an Idempotency-Key, a new time-ordered
 * id, whose stream cannot exist yet, so the decision skips reading it (`newStream`). With one, an id
 * derived from the command id (the caller's subject, the route and the key), so a repeat lands on
 * the same stream: keyed with the desk's secret (HMAC-SHA-256), so that someone who knows or guesses
 * another person's key and subject (integrations use keys like "ticket-123"; customers read staff
 * subjects in the history) cannot compute the id of the case it opened.
 */
@Injectable()
export class CreationIds {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  /** `streamOf` names the stream of an id, for ids given before they were keyed (see below). */
  async of(meta: CommandMeta, streamOf: (id: string) => string): Promise<{ id: string; meta: CommandMeta }> {
    if (!meta.commandId) return { id: newId(), meta: { ...meta, newStream: true } };
    // Until this release the id was the command id itself: a retry of a creation stored then must
    // still find it, not create a second one under the keyed id.
    const [before] = await this.events.readStream(streamOf(meta.commandId), { maxCount: 1 });
    if (before) return { id: meta.commandId, meta };
    // Read from the log each time, not kept in memory: a process holding a secret the log no longer
    // has (an older backup restored under it) would open cases with it that every other process,
    // and this one after a restart, names by another secret, so their keyed retries open a second
    // case. Read each time, a case in the log always comes after the secret its id was keyed with.
    return { id: keyedId(await creationIdSecret(this.events), meta.commandId), meta };
  }
}

function keyedId(secret: string, commandId: string): string {
  return uuidFromDigest(createHmac('sha256', secret).update(commandId).digest('hex'));
}
