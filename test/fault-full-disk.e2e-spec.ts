import { join } from 'node:path';
import { ApiProcess, expectApiStartFailure, startApiProcess } from './support/fault/api-process';
import { AnsweredCommand, CommandLoad } from './support/fault/command-load';
import { scaled } from './support/fault/fault-scale';
import { ApiClient } from './support/fault/http-client';
import { LimitedDisk, limitedDisk } from './support/fault/limited-disk';
import { openCase, seedWorld } from './support/fault/seed';
import {
  brokenChains,
  dataFiles,
  eventsOfCommand,
  integrityCheck,
  readEventLog,
  rebuildFromZero,
  snapshotReadModels,
} from './support/fault/store-inspection';
import { tempDir } from './support/fault/temp-dir';

/** Answers a full disk may give: accepted, refused by a rule or a conflict, or "storage full/unavailable". */
const ACCEPTABLE_WHILE_FULL = [200, 201, 409, 422, 503, 507];
const TIME_FULL_MS = 8_000;

/**
 * DATA_DIR on a disk that fills up: at start the API refuses with a message naming the file;
 * during writes it answers 507/503 problem+json (never a bare 500), loses no acknowledged write,
 * takes commands again once space is freed, and nothing in the files is damaged.
 */
describe('a full disk', () => {
  let disk: LimitedDisk;
  let api: ApiProcess | undefined;

  beforeEach(() => {
    disk = limitedDisk(32, 4096);
  });

  afterEach(async () => {
    await api?.kill();
    api = undefined;
    disk.remove();
  });

  it('at start: refuses with a clear error naming the file, and starts cleanly once there is room', async () => {
    disk.fill();
    const failure = await expectApiStartFailure({ dataDir: disk.dir, ...disk.apiOptions() });
    expect(failure.status).toEqual({ code: 1, signal: null });
    expect(failure.log).toMatch(
      /(event store|read-model store) file \S+\.sqlite cannot be opened: (the disk is full|.*I\/O)/,
    );
    expect(failure.log).not.toMatch(/^\s+at /m);

    disk.free();
    api = await startApiProcess({ dataDir: disk.dir, ...disk.apiOptions() });
    const health = await new ApiClient(api.baseUrl).get('/health');
    expect(health.status).toBe(200);
  });

  it('during writes: 507/503 problem+json, no acknowledged write lost, back to normal once freed', async () => {
    api = await startApiProcess({ dataDir: disk.dir, ...disk.apiOptions() });
    const client = new ApiClient(api.baseUrl);
    const world = await seedWorld(client.requester());
    const caseIds = [await openCase(client.requester(), world)];
    const load = new CommandLoad(client, world, caseIds, 'full');
    load.start(scaled(4));
    await load.acknowledgements(scaled(20));

    disk.fill();
    const filledAt = load.answered.length;
    await new Promise((resolve) => setTimeout(resolve, TIME_FULL_MS));
    await load.stop();

    const whileFull = load.answered.slice(filledAt);
    expect(
      whileFull.map((answer) => answer.status).filter((status) => !ACCEPTABLE_WHILE_FULL.includes(status)),
    ).toEqual([]);
    const storageRefusals = whileFull.filter((answer) => answer.status === 507 || answer.status === 503);
    if (disk.kind === 'tmpfs') expect(storageRefusals.length).toBeGreaterThan(0);

    disk.free();
    if (disk.kind === 'tmpfs') {
      // The running server takes commands again without a restart.
      const again = await client.post('/v1/cases', {
        token: world.customerToken,
        body: {
          licenceId: world.licenceId,
          title: 'Room again',
          description: 'Space was freed',
          severity: 3,
          channel: 'web',
        },
      });
      expect(again.status).toBe(201);
    }
    await api.stop();
    api = await startApiProcess({ dataDir: disk.dir, ...disk.apiOptions() });
    await new ApiClient(api.baseUrl).waitUntilCaughtUp();
    await api.stop();
    api = undefined;

    const log = await readEventLog(disk.dir);
    for (const command of load.acknowledged) expectStored(log, command);
    expect(brokenChains(log)).toEqual([]);
    expect(integrityCheck(dataFiles(disk.dir).events)).toBe('ok');
    expect(integrityCheck(dataFiles(disk.dir).readModels)).toBe('ok');
    const scratch = tempDir('fault-full-rebuild');
    try {
      expect(await snapshotReadModels(dataFiles(disk.dir).readModels)).toEqual(
        await rebuildFromZero(disk.dir, join(scratch.path, 'rebuilt.sqlite')),
      );
    } finally {
      scratch.remove();
    }
  });
});

function expectStored(log: Awaited<ReturnType<typeof readEventLog>>, command: AnsweredCommand): void {
  const events = eventsOfCommand(log, command.commandId);
  expect({ key: command.key, stored: events.length > 0 }).toEqual({ key: command.key, stored: true });
  expect(events.at(-1)!.revision).toBe(command.revision);
}
