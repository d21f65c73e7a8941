/** Injection tokens for the two storage ports. */
export const EVENT_STORE = Symbol('EventStore');
export const READ_MODEL_STORE = Symbol('ReadModelStore');
