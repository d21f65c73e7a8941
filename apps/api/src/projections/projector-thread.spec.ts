import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { DamagedStreams } from '../storage/damaged-streams';
import { ProjectorThread, type ProjectorThreadOptions } from './projector-thread';

/**
 * Stand-ins for the projector thread's entry (plain JavaScript, so Jest need not compile them):
 * each speaks the protocol of apps/projector/src/projector-thread.main.ts its own way. Every
 * thread counts its starts in a file, so a test can tell a restart from the first start.
 */
const STAND_INS = {
  // Starts, answers status and heap requests, and stops when asked.
  wellBehaved: `
    report('started', { runnerId: 'runner-' + starts, leaseOwners: ['owner-' + starts] });
    port.on('message', (request) => {
      if (request.type === 'status') report('status', { id: request.id, projections: [{ name: 'cases', state: 'active', checkpoint: 7, headPosition: 7, lag: 0 }] });
      else if (request.type === 'heap') report('heap', { id: request.id, heap: { usedBytes: 1234, totalBytes: 5678 } });
      else port.close();
    });`,
  failsToStart: `throw new Error('read models are corrupt');`,
  // Dies a moment after its first start only; its runner id names the owners it was told had ended.
  diesOnce: `
    const ended = require('node:worker_threads').workerData.endedLeaseOwners;
    report('started', { runnerId: 'runner-' + starts + ' after ' + ended, leaseOwners: ['owner-' + starts] });
    if (starts === 1) setTimeout(() => process.exit(3), 20);
    port.on('message', () => port.close());`,
  // Its SLA timers run into a damaged stream before and after it reports its start.
  findsDamage: `
    const found = (n) => ({ stream: 'case-' + n, problem: 'lacks revision 2', seenAt: '2026-11-29T21:0' + n + ':00.000Z' });
    report('damaged-stream', { found: found(1) });
    report('started', { runnerId: 'runner-' + starts, leaseOwners: ['owner-' + starts] });
    setTimeout(() => report('damaged-stream', { found: found(2) }), 10);
    port.on('message', () => port.close());`,
  // Started, but never answers and never stops by itself.
  deaf: `
    report('started', { runnerId: 'deaf', leaseOwners: ['deaf'] });
    port.on('message', () => undefined);`,
};

describe('the projector thread of the API process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-projector-thread-'));
  const threads: ProjectorThread[] = [];
  const logged: string[] = [];
  const logger = {
    log: (message: string) => logged.push(message),
    warn: (message: string) => logged.push(message),
    error: (message: string) => logged.push(message),
  };

  function standIn(name: keyof typeof STAND_INS, options: Omit<ProjectorThreadOptions, 'entry'> = {}) {
    const entry = join(dir, `${name}.js`);
    const counter = join(dir, `${name}.starts`);
    writeFileSync(counter, '0');
    writeFileSync(
      entry,
      `const { parentPort: port } = require('node:worker_threads');
       const fs = require('node:fs');
       const starts = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
       fs.writeFileSync(${JSON.stringify(counter)}, String(starts));
       const report = (type, fields) => port.postMessage({ type, ...fields });
       ${STAND_INS[name]}`,
    );
    const thread = new ProjectorThread({ config: {} as AppConfig }, logger, { entry, ...options });
    threads.push(thread);
    return thread;
  }

  afterEach(async () => {
    await Promise.all(threads.splice(0).map((thread) => thread.stop()));
    logged.length = 0;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts once the thread reports its projections running, and stops when the thread ends', async () => {
    const thread = standIn('wellBehaved');
    await thread.start();
    expect(thread.runnerId).toBe('runner-1');
    await thread.stop();
    expect(await thread.status()).toBeUndefined();
  });

  it('forwards status requests to the runner on the thread', async () => {
    const thread = standIn('wellBehaved');
    await thread.start();
    expect(await thread.status()).toEqual([
      { name: 'cases', state: 'active', checkpoint: 7, headPosition: 7, lag: 0 },
    ]);
  });

  it('gives up on a status request the thread does not answer', async () => {
    const thread = standIn('deaf', { stopTimeoutMs: 100 });
    await thread.start();
    expect(await thread.status(50)).toBeUndefined();
  });

  it('asks the thread for its heap (for /metrics), and gives up when it does not answer', async () => {
    const thread = standIn('wellBehaved');
    await thread.start();
    expect(await thread.heap()).toEqual({ usedBytes: 1234, totalBytes: 5678 });
    // Still running: the heap request is not taken for a stop.
    expect(await thread.status()).toHaveLength(1);
    const deaf = standIn('deaf', { stopTimeoutMs: 100 });
    await deaf.start();
    expect(await deaf.heap(50)).toBeUndefined();
  });

  // The SLA timers run on the thread: what they find damaged reaches this process's /health.
  it('hands the streams the thread finds damaged to this process, as found there', async () => {
    const damagedStreams = new DamagedStreams({ now: () => new Date('2026-11-29T22:00:00Z') });
    const thread = standIn('findsDamage', { damagedStreams });
    await thread.start();
    const deadline = Date.now() + 5_000;
    while ((damagedStreams.report()?.count ?? 0) < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(damagedStreams.report()).toEqual({
      count: 2,
      streams: [
        { stream: 'case-1', problem: 'lacks revision 2', seenAt: '2026-11-29T21:01:00.000Z' },
        { stream: 'case-2', problem: 'lacks revision 2', seenAt: '2026-11-29T21:02:00.000Z' },
      ],
    });
  });

  it('refuses to start, with the thread’s own error, when the projections cannot start', async () => {
    await expect(standIn('failsToStart').start()).rejects.toThrow('read models are corrupt');
  });

  it('starts a thread that died again after the delay, telling it whose leases it may take at once', async () => {
    const thread = standIn('diesOnce', { restartDelayMs: 30 });
    await thread.start();
    expect(thread.runnerId).toBe('runner-1 after ');
    const deadline = Date.now() + 5_000;
    while (thread.runnerId === 'runner-1 after ' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(thread.runnerId).toBe('runner-2 after owner-1');
    expect(logged).toContain('Projector thread exited (code 3); starting it again in 30 ms');
  });

  it('terminates a thread that does not stop in time', async () => {
    const thread = standIn('deaf', { stopTimeoutMs: 100 });
    await thread.start();
    await thread.stop();
    expect(logged).toContain('Projector thread did not stop within 100 ms; terminating it');
  });
});
