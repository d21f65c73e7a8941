import { openSqliteReadModelStore, type ReadModelStore } from '@casetrail/readmodels';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  countersUpTo,
  eventually,
  projectorFiles,
  spawnProjector,
  storedCounters,
  writeFaultEvents,
} from './support/projector-fixture';

const PROJECTION = 'fault-counters';
const EVENT_COUNT = 3_000;

describe('projector survives kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-projector-kill-'));
  const files = projectorFiles(dir);
  let readModels: ReadModelStore | undefined;

  afterAll(async () => {
    await readModels?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every event exactly once across kills mid-batch and at a random point, then a restart', async () => {
    const head = await writeFaultEvents(files.events, EVENT_COUNT);
    expect(head).toBe(EVENT_COUNT);
    // In the middle of a batch of 100, a third of the way through the log.
    const holdAt = Math.floor(head / 3) + 50;

    // 1. Killed while provably inside a batch: earlier batches are stored, the one in flight is not.
    writeFileSync(files.holdFlag, '');
    const first = spawnProjector(files, 'runner-1', [
      '--hold-flag',
      files.holdFlag,
      '--hold-at',
      String(holdAt),
    ]);
    await first.waitFor((line) => line.message === 'holding');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    rmSync(files.holdFlag);

    readModels = openSqliteReadModelStore(files.readModels);
    const afterFirstKill = await readModels.getCheckpoint(PROJECTION);
    expect(afterFirstKill).toBeGreaterThan(0);
    expect(afterFirstKill).toBeLessThan(holdAt);
    expect(await storedCounters(readModels)).toEqual(await countersUpTo(files.events, afterFirstKill));

    // 2. Killed at whatever point it has reached once it makes progress (it first waits out the dead lease).
    const second = spawnProjector(files, 'runner-2');
    await eventually(async () => (await readModels!.getCheckpoint(PROJECTION)) > afterFirstKill);
    second.child.kill('SIGKILL');
    expect((await second.exited).signal).toBe('SIGKILL');
    const afterSecondKill = await readModels.getCheckpoint(PROJECTION);
    expect(await storedCounters(readModels)).toEqual(await countersUpTo(files.events, afterSecondKill));

    // 3. A restart finishes the job.
    const third = spawnProjector(files, 'runner-3', ['--until-caught-up']);
    const exit = await third.exited;
    expect({ exit, output: exit.code === 0 ? '' : third.describe() }).toEqual({
      exit: { code: 0, signal: null },
      output: '',
    });
    expect(await readModels.getCheckpoint(PROJECTION)).toBe(head);
    expect(await storedCounters(readModels)).toEqual(await countersUpTo(files.events, head));
  });
});
