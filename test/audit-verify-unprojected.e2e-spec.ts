import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './support/run-cli';

/**
 * `verify` on a DATA_DIR whose read models have applied nothing yet (a `demo-data` history never
 * served): there is nothing to compare the log's ends with, and it says so instead of claiming
 * that nothing the read models saw is missing.
 */
describe('verify beside read models that have applied nothing', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-verify-unprojected-'));
    expect((await cli(dataDir, 'demo-data', '--cases', '20', '--days', '5', '--seed', '2')).code).toBe(0);
  }, 60_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('notes that the log was not compared, in text and in JSON', async () => {
    expect(fs.existsSync(path.join(dataDir, 'readmodels.sqlite'))).toBe(true);
    const text = await cli(dataDir, 'verify');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'have applied nothing yet: the log was not compared with what they applied',
    );
    expect(text.stdout).toContain('every hash chain is intact (not compared with read models)');
    const json = await cli(dataDir, 'verify', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: true, readModelsCompared: false });
  });
});
