import type { DeliveryWorkerSettings } from '../delivery/delivery-worker';

/**
 * The delivery worker's settings in specs: polls every 10 ms, four attempts a second apart at
 * first, and a lease that never lapses within a test. Two rows a batch, so a handful of
 * notifications already spans several batches; a spec that wants them in one passes its own.
 */
export const TEST_DELIVERY_SETTINGS: DeliveryWorkerSettings = {
  from: 'Casetrail <notifications@casetrail.test>',
  publicUrl: 'https://support.example',
  maxAttempts: 4,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  pollIntervalMs: 10,
  batchSize: 2,
  leaseTtlMs: 60_000,
};
