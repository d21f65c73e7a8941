import autocannon from 'autocannon';
import { startHttpTarget } from '../http-target-process';
import { openCaseBody } from '../bench-api';
async function main() {
  const t = await startHttpTarget('casetrail');
  for (const c of [1, 4, 16, 50]) {
    const r = await autocannon({ url: `${t.url}/v1/cases`, method: 'POST', connections: c, duration: 4,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
      body: JSON.stringify(openCaseBody(t.licenceId!, 'x [<id>]')), idReplacement: true });
    console.log('conn', c, 'rps', (r['2xx'] / r.duration).toFixed(0), 'p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx);
  }
  await t.stop();
}
main();
