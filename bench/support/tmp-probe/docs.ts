import { startTestApp } from '../../../test/support/test-app';
async function main() {
  const t = await startTestApp();
  const r = await t.app.inject({ method: 'GET', url: '/docs-json' });
  require('fs').writeFileSync('/tmp/docs.json', r.body);
  await t.close();
}
main();
