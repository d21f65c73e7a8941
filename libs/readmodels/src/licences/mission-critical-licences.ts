import { findEach } from '../documents/find-each';
import type { ReadModelStore } from '../read-model-store.port';
import { LICENCES, type LicenceView } from './licences.projection';

const PAGE_SIZE = 500;

/**
 * Every licence on the mission-critical plan, expired ones included, a page at a time through the
 * `plan` index: a few among many, so the Mission Critical review and the coverage check (/health,
 * /metrics) read only those.
 */
export function missionCriticalLicences(readModels: ReadModelStore): AsyncIterable<LicenceView> {
  return findEach<LicenceView>(readModels, LICENCES, { where: { plan: 'mission-critical' } }, PAGE_SIZE);
}
