import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../config/app-config';
import { openRuntime } from './open-runtime';

/** A policy file the server refuses stops the start with a message naming the file and the setting. */
describe('support policy file at start', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-policy-file-'));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  const startWith = (policy: string) => {
    const file = path.join(directory, `policy-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, policy);
    const config = loadConfig({ SUPPORT_POLICY_FILE: file, DATA_DIR: path.join(directory, 'data') });
    return { file, started: openRuntime(config) };
  };

  it('names the file and the setting when a calendar is invalid', async () => {
    const { file, started } = startWith(
      JSON.stringify({ version: '1', calendars: { de: { timeZone: 'Mars/Base' } } }),
    );
    await expect(started).rejects.toThrow(`SUPPORT_POLICY_FILE ${file}: `);
    await expect(started).rejects.toThrow(/calendars\.de\.timeZone/);
  });

  it('shows an empty calendar name as ""', async () => {
    const { started } = startWith(JSON.stringify({ version: '1', calendars: { '': {} } }));
    await expect(started).rejects.toThrow(/calendars\.""/);
  });

  it('names the file when it is not JSON', async () => {
    const { file, started } = startWith('{ "version": ');
    await expect(started).rejects.toThrow(`SUPPORT_POLICY_FILE ${file} is not valid JSON`);
  });
});
