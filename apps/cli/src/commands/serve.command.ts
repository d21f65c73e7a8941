import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Command } from 'commander';
import { createServer } from 'node:net';
import { createApi, listen } from '../../../api/src/bootstrap';
import { loadApiSettings } from '../../../api/src/config/api-settings';
import { loadConfig } from '../../../api/src/config/app-config';
import { applyLogging } from '../../../api/src/config/log-levels';
import { currentRelease, describeRelease } from '../../../api/src/release/release';
import { openRuntime } from '../../../api/src/runtime/open-runtime';
import { runProjector } from '../../../projector/src/run-projector';
import { assertLogCoversCheckpoints, assertReadModelsCurrent } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import type { Runtime } from '../../../api/src/runtime/runtime';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Start the HTTP API (embedded mode also runs the projections, on a thread of this process)')
    .action(async () => {
      const config = loadConfig();
      // Every setting the API reads is refused here, before a store is opened, not inside Nest.
      const settings = loadApiSettings(config);
      // And a port another process holds: found only at listen, it came after the projections, the
      // SLA timers and mail delivery had started, and left the stores to be checked in full.
      await assertPortFree(config.port, config.host);
      const runtime = await openRuntime(config);
      await refuseOutdatedReadModels(runtime);
      if (!config.embeddedProjector) await refuseLogBehindReadModels(runtime);
      let app: NestFastifyApplication | undefined;
      const started = (async () => {
        app = await createApi(runtime, { settings, logger: applyLogging(config.logLevel, config.logFormat) });
        // Before "API listening", which whoever waits for the start reads: the release comes first.
        new Logger('Casetrail').log(
          `Casetrail ${describeRelease(currentRelease())}. Events: ${runtime.storage.description.eventStore}; read models: ${runtime.storage.description.readModels}; data in ${runtime.config.dataDir}`,
        );
        await listen(app, runtime.config.port, runtime.config.host).catch((error: unknown) => {
          throw portRefusal(error, runtime.config.port, runtime.config.host) ?? error;
        });
        return app;
      })();
      const close = async () => {
        await app?.close();
        await runtime.storage.close();
      };
      closeOnSignals(started, close);
      // A start that fails (the port taken after all, between the look and the listen) stops what it
      // started and closes the stores cleanly, so the next start need not check them in full.
      await started.catch(async (error: unknown) => {
        await close().catch(() => undefined);
        throw error;
      });
    });

  program
    .command('project')
    .description(
      'Run the projections (a standby waits for the lease and takes over when the active one stops)',
    )
    .action(async () => {
      const runtime = await openRuntime();
      await refuseOutdatedReadModels(runtime);
      const started = runProjector(runtime, {
        logger: applyLogging(runtime.config.logLevel, runtime.config.logFormat),
      });
      closeOnSignals(started, async (projector) => {
        await projector?.stop();
        await runtime.storage.close();
      });
      await started;
    });
}

/**
 * Closes cleanly on SIGINT or SIGTERM, also on one that comes while `started` is still pending (an
 * orchestrator stopping a fresh instance): it waits for the start to settle, then `close` gets
 * what started (undefined if the start failed).
 */
function closeOnSignals<Started>(
  started: Promise<Started>,
  close: (started: Started | undefined) => Promise<void>,
): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      // Said in the log, so an operator (or an orchestrator's log) sees why the process went away.
      const logger = new Logger('Shutdown');
      logger.log(`${signal} received: stopping (requests in flight finish, leases are released)`);
      started
        .catch(() => undefined)
        .then(close)
        .then(() => logger.log('Stopped; the stores are closed cleanly'))
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error(error);
          process.exit(1);
        });
    });
  }
}

/**
 * Binds the port on HOST, as `listen` (bootstrap.ts) will, for a moment and lets it go: a port
 * another process holds (or one this user may not bind, or a HOST that is not this machine's) is
 * refused before anything is opened. Another process may still take it before the API listens;
 * that start fails the same way, only later.
 */
async function assertPortFree(port: number, host: string): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, host, resolve);
  }).catch((error: unknown) => {
    throw portRefusal(error, port, host) ?? error;
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** One line naming the port and what to do, for the errors binding it gives; undefined for others. */
function portRefusal(error: unknown, port: number, host: string): Error | undefined {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EADDRNOTAVAIL':
      return new Error(
        `HOST ${host} is not an address of this machine: set HOST to one of its addresses (127.0.0.1 for this machine only, 0.0.0.0 for every interface)`,
      );
    case 'EADDRINUSE':
      return new Error(
        `Port ${port} (PORT) is already in use by another process: stop it, or set PORT to a free port`,
      );
    case 'EACCES':
      return new Error(
        `Port ${port} (PORT) may not be bound by this user (ports below 1024 need privileges): set PORT to a port from 1024 up`,
      );
    default:
      return undefined;
  }
}

/**
 * Read models another release built: each projection's runner refuses them, but only once the API
 * was up and taking writes it could not show. Refused before anything starts, the stores closed
 * cleanly, with the command that rebuilds them all.
 */
async function refuseOutdatedReadModels(runtime: Runtime): Promise<void> {
  try {
    await assertReadModelsCurrent(ALL_PROJECTIONS, runtime.storage.readModels);
  } catch (error) {
    await runtime.storage.close();
    throw error;
  }
}

/**
 * Where the projections run elsewhere the projector refuses a log that lost events its read models
 * applied, but this API would have started on it, and taken writes at positions the read models
 * count as applied (see assertLogCoversCheckpoints). Refused the same way, the stores closed cleanly.
 */
async function refuseLogBehindReadModels(runtime: Runtime): Promise<void> {
  const { eventStore, readModels } = runtime.storage;
  try {
    await assertLogCoversCheckpoints(
      eventStore,
      ALL_PROJECTIONS.map((projection) => projection.name),
      (name) => readModels.getCheckpoint(name),
    );
  } catch (error) {
    await runtime.storage.close();
    throw error;
  }
}
