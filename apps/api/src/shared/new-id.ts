import { v7 } from 'uuid';

/**
 * A new id for what the server names itself (a case, account or licence opened without an
 * Idempotency-Key, an event, a comment): a UUIDv7 (RFC 9562), whose leading bits are the time.
 * Every index keyed by these ids (the event log's streams, the read models' documents and their
 * queue indexes) then takes new rows next to the last ones instead of on a random page: on the
 * HTTP bench, about a fifth less CPU per opened case than random (v4) UUIDs. Ids derived from an
 * Idempotency-Key stay derived from it, since that is what makes a replay find its first answer.
 */
export function newId(): string {
  return v7();
}
