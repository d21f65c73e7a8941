import { Logger } from '@nestjs/common';
import { ProjectionRunner } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import type { Runtime } from '../../api/src/runtime/runtime';

/**
 * The projector process: runs every projection under its lease. Start two for a hot standby;
 * the second waits and takes over when the first stops or dies.
 */
export async function runProjector(runtime: Runtime): Promise<ProjectionRunner> {
  const logger = new Logger('Projector');
  const runner = new ProjectionRunner({
    eventStore: runtime.storage.eventStore,
    readModels: runtime.storage.readModels,
    projections: [...ALL_PROJECTIONS],
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.log(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
  });
  await runner.start();
  logger.log(
    `Projector ${runner.runnerId} started: ${ALL_PROJECTIONS.map((projection) => projection.name).join(', ')}`,
  );
  return runner;
}
