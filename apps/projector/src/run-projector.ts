import { INestApplicationContext, Logger, LoggerService } from '@nestjs/common';
import { ProjectionRunner } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import type { Clock, Runtime } from '../../api/src/runtime/runtime';
import { currentRelease } from '../../api/src/release/release';
import { SlaTimerLease } from '../../api/src/sla-timers/sla-timer-lease';
import { nestProjectionLogger } from '../../api/src/shared/nest-projection-logger';
import { startSlaTimersProcess } from '../../api/src/sla-timers/sla-timers-process';
import { DamagedStreams } from '../../api/src/storage/damaged-streams';
import { DamagedStreamsJournal } from '../../api/src/storage/damaged-streams-journal';
import { recordSetAside } from '../../api/src/storage/damaged-streams-elsewhere';
import { isHeld, LeaseInspector } from '../../api/src/storage/lease-inspector';
import { SLA_TIMERS_LEASE } from '../../api/src/sla-timers/sla-timers.options';

/** The projection runner of the projector process, which also stops the process managers it hosts. */
export class ProjectorRunner extends ProjectionRunner {
  /** The process managers (SLA timers) running beside the projections, in a Nest application context. */
  processManagers?: INestApplicationContext;

  /** The owners of the leases this projector takes: the projections' (the runner id) and the SLA timers'. */
  get leaseOwners(): string[] {
    const slaTimers = this.processManagers?.get(SlaTimerLease, { strict: false }).owner;
    return slaTimers ? [this.runnerId, slaTimers] : [this.runnerId];
  }

  override async stop(): Promise<void> {
    // Process managers first: they send commands and wait on projections, not the other way round.
    await this.processManagers?.close();
    await super.stop();
  }
}

/**
 * The projector process: runs every projection under its lease, and the process managers (SLA
 * timers, under their own lease). Start two for a hot standby; the second waits and takes over
 * when the first stops or dies.
 */
export async function runProjector(
  runtime: Runtime,
  options: {
    clock?: Clock;
    logger?: false | LoggerService;
    /**
     * Whether the streams the SLA timers find damaged are stored for the API's /health (default);
     * false on the API's own thread, which hands them over by message.
     */
    shareDamagedStreams?: boolean;
  } = {},
): Promise<ProjectorRunner> {
  const logger = new Logger('Projector');
  /** Where the streams this process found damaged are kept, once the SLA timers' context is up. */
  let damagedStreams: DamagedStreams | undefined;
  const runner = new ProjectorRunner({
    eventStore: runtime.storage.eventStore,
    readModels: runtime.storage.readModels,
    projections: [...ALL_PROJECTIONS],
    // With each line's context: a failed projection says why.
    logger: nestProjectionLogger(logger),
    // Those set aside before then are handed over below.
    onSetAside: (event) => recordSetAside(damagedStreams, event),
  });
  await runner.start();
  logger.log(
    `Projector ${runner.runnerId} started: ${ALL_PROJECTIONS.map((projection) => projection.name).join(', ')}; release ${currentRelease().id}`,
  );
  try {
    const { shareDamagedStreams = true, ...slaTimers } = options;
    runner.processManagers = await startSlaTimersProcess(runtime, slaTimers);
    // The API's /health lists them (shared below, or by the thread's messages) as the SLA timers' own.
    const found = runner.processManagers.get(DamagedStreams, { strict: false });
    for (const event of runner.setAsideEvents()) recordSetAside(found, event);
    damagedStreams = found;
    if (shareDamagedStreams) {
      const processManagers = runner.processManagers;
      // A standby starting beside the process at work keeps that one's findings.
      const leases = await processManagers
        .get(LeaseInspector, { strict: false })
        ?.inspectIfReadable(() => {});
      const slaTimers = leases?.get(SLA_TIMERS_LEASE);
      await new DamagedStreamsJournal(runtime.storage.readModels).share(
        processManagers.get(DamagedStreams, { strict: false }),
        {
          finder: processManagers.get(SlaTimerLease, { strict: false }).owner,
          ...(isHeld(slaTimers) ? { holder: slaTimers!.holder } : {}),
        },
        (error) =>
          logger.warn(
            `A stream found damaged could not be stored for the API's /health: ${error instanceof Error ? error.message : String(error)}`,
          ),
      );
    }
  } catch (error) {
    await runner.stop();
    throw error;
  }
  return runner;
}
