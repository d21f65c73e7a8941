import { Actor } from '../auth/actor';

/** What travels with every command besides its own data: who, and how to recognise a repeat. */
export interface CommandMeta {
  actor: Actor;
  commandId?: string;
  requestHash?: string;
  /** If-Match: the revisions the change may be based on (one, usually; RFC 9110 allows a list). */
  expectedRevisions?: readonly number[];
  correlationId?: string;
  causationId?: string;
  reason?: string;
  /**
   * The stream was named by this request with a new time-ordered id (a creation without an
   * Idempotency-Key), so it cannot exist yet and the decision need not read it.
   */
  newStream?: boolean;
}
