/** What the HTTP bench's target child prints once it listens, on a line of its own after this marker. */
export const READY_MARKER = 'http-target-ready';

export interface HttpTargetReady {
  url: string;
  /** Bearer token of the licensed customer (the real API only). */
  token?: string;
  licenceId?: string;
  /** The separate projector process of the production-shaped side (its memory is reported apart). */
  projectorPid?: number;
}
