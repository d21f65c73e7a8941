import {
  DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import { ProjectionRunner, ReadModelStore } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { nestProjectionLogger } from '../shared/nest-projection-logger';
import { DamagedStreams } from '../storage/damaged-streams';
import { recordSetAside } from '../storage/damaged-streams-elsewhere';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import type { ProjectorThreadData } from '../../../projector/src/projector-thread.protocol';
import { ProjectionCatchUp } from './projection-catch-up';
import { ProjectorThread } from './projector-thread';

const RUN_IN_PROCESS = Symbol('RunProjectionsInProcess');

/**
 * The projection runner. In embedded mode the API process runs the projections itself, on a worker
 * thread of its own by default (ProjectorThread) or on this event loop; otherwise a separate
 * projector does. Unless they run on this event loop, this process only reads their checkpoints
 * (for consistent reads and lag).
 */
@Global()
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(RUN_IN_PROCESS) private readonly runInProcess: boolean,
    @Inject(ProjectorThread) private readonly thread: ProjectorThread | undefined,
  ) {}

  static register(options: {
    /** Run the projections on this process's event loop. */
    runInProcess: boolean;
    /** Run them on a worker thread of this process, started with this configuration. */
    onThread?: ProjectorThreadData;
    /** How long a read waits for the projections before answering anyway (default 5 s). */
    readWaitTimeoutMs?: number;
  }): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [
        { provide: RUN_IN_PROCESS, useValue: options.runInProcess },
        {
          provide: ProjectorThread,
          inject: [{ token: DamagedStreams, optional: true }],
          useFactory: (damagedStreams?: DamagedStreams) =>
            options.onThread &&
            new ProjectorThread(options.onThread, new Logger('Projector thread'), { damagedStreams }),
        },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, READ_MODEL_STORE, { token: DamagedStreams, optional: true }],
          useFactory: (eventStore: EventStore, readModels: ReadModelStore, damagedStreams?: DamagedStreams) =>
            new ProjectionRunner({
              eventStore,
              readModels,
              projections: [...ALL_PROJECTIONS],
              logger: nestProjectionLogger(new Logger('Projections')),
              // A stream a projection had to go on without is damaged: /health names it.
              onSetAside: (event) => recordSetAside(damagedStreams, event),
            }),
        },
        {
          provide: ProjectionCatchUp,
          inject: [ProjectionRunner, EVENT_STORE, READ_MODEL_STORE],
          useFactory: (runner: ProjectionRunner, eventStore: EventStore, readModels: ReadModelStore) =>
            new ProjectionCatchUp(runner, eventStore, readModels, handledEventTypes(), {
              timeoutMs: options.readWaitTimeoutMs,
              projectorRunsElsewhere: !options.runInProcess,
            }),
        },
      ],
      exports: [ProjectionRunner, ProjectionCatchUp, ProjectorThread],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const names = ALL_PROJECTIONS.map((p) => p.name).join(', ');
    if (this.thread) {
      await this.thread.start();
      this.logger.log(`Projections and SLA timers running on a thread of this process: ${names}`);
    } else if (this.runInProcess) {
      await this.runner.start();
      this.logger.log(`Projections running in this process: ${names}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.thread?.stop();
    if (this.runInProcess) await this.runner.stop();
  }
}

function handledEventTypes(): Map<string, readonly string[]> {
  const types = new Map<string, readonly string[]>();
  for (const projection of ALL_PROJECTIONS)
    if (projection.handles) types.set(projection.name, projection.handles);
  return types;
}
