import { Actor } from '../auth/actor';

/** What travels with every command besides its own data: who, and how to recognise a repeat. */
export interface CommandMeta {
  actor: Actor;
  commandId?: string;
  requestHash?: string;
  /** If-Match revision. */
  expectedRevision?: number;
  correlationId?: string;
  causationId?: string;
  reason?: string;
}
