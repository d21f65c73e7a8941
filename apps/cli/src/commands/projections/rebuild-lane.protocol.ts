import type { SetAsideEvent } from '@casetrail/readmodels';
import type { AppConfig } from '../../../../api/src/config/app-config';

/** What a rebuild hands the thread that replays some of its projections. */
export interface RebuildLaneData {
  /** The command's configuration: the thread opens stores of its own on the same files (or servers). */
  config: AppConfig;
  names: string[];
  /** The command's lease owner, which holds the projections' leases already. */
  runnerId: string;
  batchSize: number;
}

/**
 * Thread to command: how far its replay got; then, once everything is stored, that it is done, with
 * the stored events its projections could not read and went on without.
 */
export type RebuildLaneReport =
  { type: 'progress'; checkpoint: number; head: number } | { type: 'done'; setAside: SetAsideEvent[] };
