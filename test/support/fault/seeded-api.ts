import { ApiProcess, startApiProcess } from './api-process';
import { ApiClient } from './http-client';
import { SeededWorld, seedWorld } from './seed';
import { tempDir } from './temp-dir';

/** A real `casetrail serve` with the least a case needs, for the tests of one describe block. */
export interface SeededApi {
  /** The data directory the API runs on. */
  readonly dataDir: string;
  readonly api: ApiProcess;
  readonly client: ApiClient;
  readonly world: SeededWorld;
  /** Starts the API again on the same data directory (after a stop or a kill); the world stays. */
  restart(): Promise<void>;
}

/**
 * Registers, in the calling describe block, the start of an API on a fresh data directory seeded
 * by `seedWorld` (beforeAll), and its kill and the directory's removal (afterAll). The fields are
 * read once the block's beforeAll has run.
 */
export function useSeededApi(name: string): SeededApi {
  const dir = tempDir(name);
  let api: ApiProcess | undefined;
  let client: ApiClient | undefined;
  let world: SeededWorld | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The seeded API is read before its beforeAll ran');
    return value;
  };
  const start = async () => {
    api = await startApiProcess({ dataDir: dir.path });
    client = new ApiClient(api.baseUrl);
  };

  beforeAll(async () => {
    await start();
    world = await seedWorld(started(client).requester());
  });
  afterAll(async () => {
    await api?.kill();
    dir.remove();
  });

  return {
    dataDir: dir.path,
    get api() {
      return started(api);
    },
    get client() {
      return started(client);
    },
    get world() {
      return started(world);
    },
    restart: start,
  };
}
