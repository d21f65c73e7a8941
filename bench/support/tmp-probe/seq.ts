import { startBenchApi, openCaseBody } from '../bench-api';
async function main() {
  const api = await startBenchApi();
  await new Promise((r) => setTimeout(r, 500));
  console.log('START', Date.now());
  const N = Number(process.env.N ?? 100);
  for (let i = 0; i < N; i++) {
    const r = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: { authorization: `Bearer ${api.customerToken}` }, payload: openCaseBody(api.licenceId, 'x' + i) });
    if (r.statusCode !== 201) throw new Error(r.body);
  }
  console.log('END', Date.now());
  await new Promise((r) => setTimeout(r, 300));
  await api.close();
}
main();
