import { openSqliteReadModelStore, type ReadModelStore } from '@casetrail/readmodels';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectorLine } from './support/projector-output';
import {
  countersUpTo,
  eventually,
  projectorFiles,
  spawnProjector,
  storedCounters,
  writeFaultEvents,
} from './support/projector-fixture';

const PROJECTION = 'fault-counters';
const EVENT_COUNT = 2_000;

describe('projector failover between two runner processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-projector-failover-'));
  const files = projectorFiles(dir);
  let readModels: ReadModelStore | undefined;

  afterAll(async () => {
    await readModels?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one runner active; when it is killed the standby takes over and finishes exactly', async () => {
    const head = await writeFaultEvents(files.events, EVENT_COUNT);
    const holdArgs = ['--hold-flag', files.holdFlag, '--hold-at', String(Math.floor(head / 2) + 50)];
    const timeline: ProjectorLine[] = [];
    const isActivation = (line: ProjectorLine) => line.message === 'projection active';

    writeFileSync(files.holdFlag, '');
    const first = spawnProjector(files, 'runner-a', holdArgs, timeline);
    expect((await first.waitFor((line) => line.message === 'started')).state).toBe('active');
    const second = spawnProjector(files, 'runner-b', holdArgs, timeline);
    expect((await second.waitFor((line) => line.message === 'started')).state).toBe('standby');

    // The active runner is held mid-batch; the standby must still be waiting.
    await first.waitFor((line) => line.message === 'holding');
    expect(second.lines.filter(isActivation)).toEqual([]);
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = timeline.length;
    rmSync(files.holdFlag);

    await second.waitFor(isActivation);
    readModels = openSqliteReadModelStore(files.readModels);
    await eventually(async () => (await readModels!.getCheckpoint(PROJECTION)) === head);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });

    const activations = timeline.filter(isActivation);
    expect(activations.map((line) => line.runner)).toEqual(['runner-a', 'runner-b']);
    expect(timeline.indexOf(activations[1])).toBeGreaterThanOrEqual(killedAt);
    expect(await storedCounters(readModels)).toEqual(await countersUpTo(files.events, head));
  });
});
