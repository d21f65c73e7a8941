/** The runner found, before applying a batch, that its lease is gone: another runner may be active. */
export class LeaseLostError extends Error {
  constructor(readonly lease: string) {
    super(`Lease ${lease} was lost`);
    this.name = 'LeaseLostError';
  }
}
