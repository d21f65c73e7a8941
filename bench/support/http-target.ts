/**
 * Child process of the HTTP bench: serves one side of the comparison on a loopback port, so the
 * load generator does not share the server's event loop and the server's RSS is its own.
 *
 *   node <http-target> casetrail|casetrail-split|bare|floor|floor-case-row|floor-queue-row|floor-append-only
 *
 * casetrail is the embedded default (projections on a thread of the API process); casetrail-split is the
 * documented production shape: the API with EMBEDDED_PROJECTOR=false plus a projector process on
 * the same DATA_DIR, which this child starts first and stops last. floor is the least work the same
 * request implies, written without the product's code (floor-api.ts): with every read-model row an
 * opening writes; floor-case-row with the case's own row only; floor-queue-row with that row's queue
 * columns but no detail document; floor-append-only with none (FloorReadModels).
 *
 * Prints `<READY_MARKER> {url, token?, licenceId?}` on a line of its own when ready (Nest's logger
 * shares stdout) and shuts down on SIGTERM.
 */
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBareApi } from './bare-api';
import { createFloorApi, type FloorReadModels } from './floor-api';
import { mintToken } from '../../apps/api/src/auth/token-minter';
import { BENCH_PEOPLE, BENCH_SECRET, benchEnv, startBenchApi } from './bench-api';
import { READY_MARKER, type HttpTargetReady } from './http-target-protocol';
import { ProjectorProcess, startProjectorProcess } from './projector-process';

/** The floor sides and the read-model rows each writes. */
const FLOOR_SIDES: Record<string, FloorReadModels> = {
  floor: 'all',
  'floor-case-row': 'case-row',
  'floor-queue-row': 'queue-row',
  'floor-append-only': 'none',
};

async function main(): Promise<void> {
  const side = process.argv[2];
  let app: NestFastifyApplication;
  let ready: Omit<HttpTargetReady, 'url'> = {};
  let close: () => Promise<void>;
  if (side === 'casetrail') {
    const api = await startBenchApi();
    app = api.app;
    ready = { token: api.customerToken, licenceId: api.licenceId };
    close = () => api.close();
  } else if (side === 'casetrail-split') {
    let projector: ProjectorProcess | undefined;
    const api = await startBenchApi({
      embeddedProjector: false,
      prepareDataDir: async (dataDir) => {
        projector = await startProjectorProcess(benchEnv(dataDir, false));
      },
    });
    app = api.app;
    ready = { token: api.customerToken, licenceId: api.licenceId, projectorPid: projector!.pid };
    close = async () => {
      await projector!.stop();
      await api.close();
    };
  } else if (side === 'bare') {
    app = await createBareApi();
    close = () => app.close();
  } else if (side in FLOOR_SIDES) {
    const floor = await createFloorApi(FLOOR_SIDES[side]);
    app = floor.app;
    ready = { token: await mintToken(BENCH_SECRET, { email: BENCH_PEOPLE.customer, expiresIn: '7d' }) };
    close = () => floor.close();
  } else {
    throw new Error(
      `Unknown HTTP bench side ${side}; expected casetrail, casetrail-split, bare or ${Object.keys(FLOOR_SIDES).join(', ')}`,
    );
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('No TCP address');
  process.stdout.write(
    `${READY_MARKER} ${JSON.stringify({ url: `http://127.0.0.1:${address.port}`, ...ready })}\n`,
  );
  process.once('SIGTERM', () => {
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
