/**
 * Typed domain errors. The API maps `kind` to an HTTP status once (problem+json), so deciders
 * never know about HTTP:
 *  - validation: the input breaks a rule about its own shape or value (400/422), names `field`;
 *  - not-found: the thing does not exist (404);
 *  - conflict: the thing's current state does not allow the command (409);
 *  - forbidden: the actor may not do this (403).
 */
export type DomainErrorKind = 'validation' | 'not-found' | 'conflict' | 'forbidden';

export class DomainError extends Error {
  constructor(
    /** Stable kebab-case code, e.g. `severity-not-allowed-for-channel`; becomes the problem type. */
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    /** The request field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = code
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('');
  }
}
