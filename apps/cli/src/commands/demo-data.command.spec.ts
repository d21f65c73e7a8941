import { Command } from 'commander';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerDemoDataCommand } from './demo-data.command';

describe('casetrail demo-data --end', () => {
  const parent = mkdtempSync(join(tmpdir(), 'casetrail-demo-data-end-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('refuses what is not a date, naming --end and the format, before opening any store', async () => {
    const dataDir = join(parent, 'data');
    const saved = { ...process.env };
    process.env.DATA_DIR = dataDir;
    let stderr = '';
    const program = new Command().exitOverride().configureOutput({ writeErr: (text) => (stderr += text) });
    registerDemoDataCommand(program);
    try {
      await expect(program.parseAsync(['demo-data', '--end', 'notadate'], { from: 'user' })).rejects.toThrow(
        "option '--end <instant>' argument 'notadate' is invalid",
      );
    } finally {
      process.env = saved;
    }
    expect(stderr).toContain('must be a date or instant, e.g. 2026-03-01 or 2026-03-01T00:00:00Z');
    expect(existsSync(dataDir)).toBe(false);
  });
});
