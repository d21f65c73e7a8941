import type { RecordedEvent } from '@casetrail/eventstore';
import { join } from 'node:path';
import { ApiProcess, startApiProcess } from './support/fault/api-process';
import { AnsweredCommand, CommandLoad, send } from './support/fault/command-load';
import { scaled } from './support/fault/fault-scale';
import { ApiClient } from './support/fault/http-client';
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

const CLIENTS = scaled(8);
const ACKS_BEFORE_KILL = scaled(80);

/**
 * kill -9 of the API while several clients send commands: after a restart every acknowledged
 * command has its events (exactly once), resending the ones that got no answer applies each at
 * most once, the log is intact, and the read models equal a rebuild from zero.
 */
describe('SIGKILL of the API under concurrent command load', () => {
  const dir = tempDir('fault-kill');
  let api: ApiProcess | undefined;

  afterAll(async () => {
    await api?.kill();
    dir.remove();
  });

  it('loses no acknowledged command and converges to a rebuild from zero', async () => {
    api = await startApiProcess({ dataDir: dir.path });
    const first = new ApiClient(api.baseUrl);
    const world = await seedWorld(first.requester());
    const initialCases = [
      await openCase(first.requester(), world, 'First'),
      await openCase(first.requester(), world, 'Second'),
    ];

    const load = new CommandLoad(first, world, initialCases, 'kill');
    load.start(CLIENTS);
    await Promise.race([
      load.acknowledgements(ACKS_BEFORE_KILL),
      api.exited.then(() => Promise.reject(new Error(api!.output()))),
    ]);
    const exit = await api.kill();
    await load.stop();
    expect(exit.signal).toBe('SIGKILL');

    const acknowledged = load.acknowledged;
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    // Conflicts may be refused (409) and rules may refuse (422), but nothing may fail with a 5xx.
    expect(load.answered.filter((command) => command.status >= 500)).toEqual([]);

    api = await startApiProcess({ dataDir: dir.path });
    const second = new ApiClient(api.baseUrl);
    await second.waitUntilCaughtUp();

    // The clients whose requests died with the server retry them with the same key.
    const resent = await Promise.all(load.unanswered.map((command) => send(second, command)));
    expect(resent.filter((command) => command.status >= 500)).toEqual([]);
    // And a repeat of an acknowledged command is answered from its events, not applied again.
    const replayed = await Promise.all(acknowledged.slice(0, 10).map((command) => send(second, command)));
    for (const [index, replay] of replayed.entries()) {
      expect({ status: replay.status, id: replay.id, revision: replay.revision }).toEqual({
        status: acknowledged[index].status,
        id: acknowledged[index].id,
        revision: acknowledged[index].revision,
      });
    }
    await second.waitUntilCaughtUp();
    await api.stop();
    api = undefined;

    const log = await readEventLog(dir.path);
    for (const command of acknowledged) expectAcknowledgedEvents(log, command);
    for (const command of resent.filter((answer) => answer.status < 300))
      expectAcknowledgedEvents(log, command);
    expect(brokenChains(log)).toEqual([]);
    expect(integrityCheck(dataFiles(dir.path).events)).toBe('ok');
    expect(integrityCheck(dataFiles(dir.path).readModels)).toBe('ok');

    const served = await snapshotReadModels(dataFiles(dir.path).readModels);
    const rebuilt = await rebuildFromZero(dir.path, join(dir.path, 'rebuilt-readmodels.sqlite'));
    expect(served).toEqual(rebuilt);
  });
});

/** An acknowledged command's events are in the log once, in its case's stream, ending at the revision it was told. */
function expectAcknowledgedEvents(log: RecordedEvent[], command: AnsweredCommand): void {
  const events = eventsOfCommand(log, command.commandId);
  const context = `${command.kind} ${command.path} key ${command.key}`;
  expect({ context, found: events.length > 0 }).toEqual({ context, found: true });
  expect(new Set(events.map((event) => event.stream))).toEqual(new Set([`case-${command.id}`]));
  expect({ context, revision: events[events.length - 1].revision }).toEqual({
    context,
    revision: command.revision,
  });
  // Exactly one set: the revisions of the command's events are consecutive.
  events.forEach((event, index) => expect(event.revision).toBe(events[0].revision + index));
}
