import { startTestApp, type TestApp } from '../test-app';
import { injectRequester, type Requester, type SeededWorld, seedWorld } from './seed';

/** The application in this process (Fastify's inject) with the least a case needs. */
export interface SeededTestApp {
  readonly t: TestApp;
  readonly world: SeededWorld;
  /** Requests to the application as `seedWorld`'s helpers send them. */
  readonly send: Requester;
}

/**
 * Registers, in the calling describe block, the start of the application on a fresh data
 * directory seeded by `seedWorld` (beforeAll) and its close (afterAll): `useSeededApi` in process.
 * The fields are read once the block's beforeAll has run; a block's own beforeAll, registered
 * after this call, runs after the seeding.
 */
export function useSeededTestApp(): SeededTestApp {
  let app: TestApp | undefined;
  let world: SeededWorld | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The seeded application is read before its beforeAll ran');
    return value;
  };
  const send = injectRequester(() => started(app).app);

  beforeAll(async () => {
    app = await startTestApp();
    world = await seedWorld(send);
  });
  afterAll(() => app?.close());

  return {
    send,
    get t() {
      return started(app);
    },
    get world() {
      return started(world);
    },
  };
}
