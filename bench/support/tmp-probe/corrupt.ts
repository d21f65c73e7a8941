import { startApiProcess, expectApiStartFailure } from '../../../test/support/fault/api-process';
import { ApiClient } from '../../../test/support/fault/http-client';
import { seedWorld, openCase } from '../../../test/support/fault/seed';
import { mkdtempSync, statSync, openSync, writeSync, closeSync, truncateSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
async function main() {
  const dir = mkdtempSync('/tmp/corrupt-');
  const api = await startApiProcess({ dataDir: dir });
  const c = new ApiClient(api.baseUrl);
  const w = await seedWorld(c.requester());
  for (let i = 0; i < 200; i++) await openCase(c.requester(), w, 'case ' + i);
  await api.stop();
  console.log(readdirSync(dir));
  const f = join(dir, 'events.sqlite');
  const size = statSync(f).size;
  console.log('size', size);
  for (const mode of ['middle', 'truncate', 'header']) {
    const d2 = mkdtempSync('/tmp/corrupt-' + mode + '-');
    copyFileSync(f, join(d2, 'events.sqlite'));
    copyFileSync(join(dir, 'readmodels.sqlite'), join(d2, 'readmodels.sqlite'));
    const g = join(d2, 'events.sqlite');
    if (mode === 'middle') { const fd = openSync(g, 'r+'); writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096 + 100); closeSync(fd); }
    if (mode === 'truncate') truncateSync(g, Math.floor(size / 2));
    if (mode === 'header') { const fd = openSync(g, 'r+'); writeSync(fd, Buffer.from('garbage garbage garbage'), 0, 20, 0); closeSync(fd); }
    try {
      const failure = await expectApiStartFailure({ dataDir: d2 });
      console.log('=== ', mode, 'FAILED TO START', failure.status, '\n', failure.log.split('\n').filter((l) => !l.includes('InstanceLoader') && !l.includes('Mapped') && !l.includes('RoutesResolver')).join('\n').slice(-1500)); console.log('FULL<<', failure.log.slice(-3000), '>>');
    } catch (e) {
      console.log('=== ', mode, 'STARTED', (e as Error).message.slice(0, 200));
      const api2 = await startApiProcess({ dataDir: d2 });
      const c2 = new ApiClient(api2.baseUrl);
      console.log((await c2.get('/health')).body);
      const r = await c2.post('/v1/cases', { token: w.customerToken, body: { licenceId: w.licenceId, title: 't', description: 'd', severity: 3, channel: 'web' } });
      console.log('open after corruption', r.status, JSON.stringify(r.body).slice(0, 300));
      await api2.kill();
    }
  }
}
main();
