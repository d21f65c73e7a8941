import {
  closeSync,
  copyFileSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, expectApiStartFailure, startApiProcess } from './support/fault/api-process';
import { AnsweredCommand, CommandLoad } from './support/fault/command-load';
import { scaled } from './support/fault/fault-scale';
import { ApiClient } from './support/fault/http-client';
import { openCase, SeededWorld, seedWorld } from './support/fault/seed';
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

const CASES = scaled(40);

/** Overwrites `length` bytes in the middle of a file with garbage, as a bad sector or a stray write would. */
function scribble(file: string, length = 8192): void {
  const middle = Math.floor(statSync(file).size / 2);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, middle);
  } finally {
    closeSync(fd);
  }
}

/**
 * Damaged embedded files: the API refuses to start on them with a message naming the file (not a
 * stack trace), never serves from them, and a torn WAL loses nothing that had been checkpointed;
 * acknowledged writes lost with it are detected (the read models are ahead of the log), not served.
 */
describe('corrupt or truncated SQLite files', () => {
  const origin = tempDir('fault-corrupt-origin');
  let world: SeededWorld;

  beforeAll(async () => {
    // A DATA_DIR with history, stopped gracefully: the WAL is checkpointed into the main files.
    const api = await startApiProcess({ dataDir: origin.path });
    try {
      const client = new ApiClient(api.baseUrl);
      world = await seedWorld(client.requester());
      for (let index = 0; index < CASES; index++) await openCase(client.requester(), world, `Case ${index}`);
    } finally {
      await api.stop();
    }
  });

  afterAll(() => origin.remove());

  /** A copy of the origin DATA_DIR to damage. */
  function copyOfOrigin(name: string): { path: string; remove(): void } {
    const copy = tempDir(`fault-corrupt-${name}`);
    for (const file of Object.values(dataFiles(origin.path)))
      copyFileSync(file, join(copy.path, file.split('/').pop()!));
    return copy;
  }

  const truncateToHalf = (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2));
  it.each([
    [
      'an events file damaged in the middle',
      'events',
      scribble,
      /event store file .*events\.sqlite is damaged/,
    ],
    [
      'an events file truncated to half',
      'events',
      truncateToHalf,
      /event store file .*events\.sqlite is damaged/,
    ],
    [
      'an events file overwritten at its header',
      'events',
      overwriteHeader,
      /event store file .*events\.sqlite is damaged/,
    ],
    [
      'a read-model file damaged in the middle',
      'readModels',
      scribble,
      /read-model store file .*readmodels\.sqlite is damaged.*rebuilt from the events/,
    ],
  ] as const)('refuses to start on %s, naming the file', async (_description, which, damage, message) => {
    const copy = copyOfOrigin(which);
    try {
      damage(dataFiles(copy.path)[which]);
      const failure = await expectApiStartFailure({ dataDir: copy.path });
      expect(failure.status).toEqual({ code: 1, signal: null });
      expect(failure.log).toMatch(message);
      // A clear message, not only a stack trace.
      expect(failure.log).not.toMatch(/^\s+at /m);
    } finally {
      copy.remove();
    }
  });

  it('reads the files again only when something but a clean close of ours touched them', async () => {
    const copy = copyOfOrigin('clean-close');
    try {
      // A copy is a file no process of ours closed: read in full, then recorded at the clean stop.
      const first = await startApiProcess({ dataDir: copy.path });
      expect(await first.stop()).toEqual({ code: 0, signal: null });
      expect(first.output()).toMatch(/events\.sqlite; checked in full at start/);

      const second = await startApiProcess({ dataDir: copy.path });
      await second.stop();
      expect(second.output()).toMatch(/events\.sqlite; unchanged since its last clean close/);
      expect(second.output()).toMatch(/readmodels\.sqlite; unchanged since its last clean close/);

      // Damaged in place while stopped, its clean-close record still next to it: refused all the same.
      scribble(dataFiles(copy.path).events);
      const failure = await expectApiStartFailure({ dataDir: copy.path });
      expect(failure.log).toMatch(/event store file .*events\.sqlite is damaged/);
    } finally {
      copy.remove();
    }
  });

  it('leaves bit rot inside an event payload to the hash chain, which names the damaged event', async () => {
    const copy = copyOfOrigin('bit-rot');
    try {
      // Same length, still valid JSON, a well-formed page: invisible to SQLite's own checks.
      const file = dataFiles(copy.path).events;
      const bytes = readFileSync(file);
      const at = bytes.indexOf('"title":"Case 7"');
      expect(at).toBeGreaterThan(0);
      bytes.write('"title":"Case X"', at);
      writeFileSync(file, bytes);
      expect(integrityCheck(file)).toBe('ok');

      const broken = brokenChains(await readEventLog(copy.path));
      expect(broken).toHaveLength(1);
      expect(broken[0]).toMatchObject({ revision: 0, problem: 'hash-mismatch' });
    } finally {
      copy.remove();
    }
  });

  it('keeps every checkpointed write through a torn WAL, and detects the acknowledged writes it lost', async () => {
    const copy = copyOfOrigin('torn-wal');
    let api: ApiProcess | undefined;
    try {
      const before = await readEventLog(copy.path);
      // More acknowledged commands, left in the WAL by a kill -9 (no checkpoint).
      api = await startApiProcess({ dataDir: copy.path });
      const caseIds = before
        .filter((event) => event.type === 'CaseOpened')
        .map((event) => (event.data as { caseId: string }).caseId);
      const load = new CommandLoad(new ApiClient(api.baseUrl), world, caseIds, 'torn');
      load.start(4);
      await load.acknowledgements(scaled(40));
      await load.stop();
      await api.kill();
      api = undefined;
      const wal = `${dataFiles(copy.path).events}-wal`;
      truncateSync(wal, Math.floor(statSync(wal).size / 2));

      // The read models applied events the torn WAL no longer holds: starting would serve them.
      const refusal = await expectApiStartFailure({ dataDir: copy.path });
      expect(refusal.log).toMatch(/event store has lost events/);

      // The operator's remedy: rebuild the read models from what the event store holds.
      renameSync(dataFiles(copy.path).readModels, `${dataFiles(copy.path).readModels}.damaged`);
      api = await startApiProcess({ dataDir: copy.path });
      await new ApiClient(api.baseUrl).waitUntilCaughtUp();
      await api.stop();
      api = undefined;

      const after = await readEventLog(copy.path);
      // Everything checkpointed before the WAL was torn is there, unchanged.
      expect(after.slice(0, before.length)).toEqual(before);
      // What survived of the torn WAL is a prefix of whole commits: no acknowledged command half there.
      for (const command of load.acknowledged) expectAllOrNothing(after, command);
      expect(brokenChains(after)).toEqual([]);
      expect(integrityCheck(dataFiles(copy.path).events)).toBe('ok');
      const rebuilt = await rebuildFromZero(copy.path, join(copy.path, 'rebuilt.sqlite'));
      expect(await snapshotReadModels(dataFiles(copy.path).readModels)).toEqual(rebuilt);
    } finally {
      await api?.kill();
      copy.remove();
    }
  });
});

/** Garbage over the first bytes: SQLite's header, so the file is no longer recognised at all. */
function overwriteHeader(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from('this is not a database file at all'), 0, 34, 0);
  } finally {
    closeSync(fd);
  }
}

/** A command's events are all in the log or none are. */
function expectAllOrNothing(log: Awaited<ReturnType<typeof readEventLog>>, command: AnsweredCommand): void {
  const events = eventsOfCommand(log, command.commandId);
  if (events.length === 0) return;
  expect(events.at(-1)!.revision).toBe(command.revision);
}
