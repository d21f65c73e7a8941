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

/** Number() took `1e3` as 1000 and `0x10` as 16, which PORT=1e3 is refused for: options are read as integers are. */
describe('casetrail demo-data number options', () => {
  const parent = mkdtempSync(join(tmpdir(), 'casetrail-demo-data-numbers-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it.each([
    ['--cases', '1e3', 'an integer of at least 1 in decimal digits'],
    ['--cases', '0x10', 'an integer of at least 1 in decimal digits'],
    ['--cases', '0', 'an integer of at least 1 in decimal digits'],
    ['--days', '1.5', 'an integer of at least 1 in decimal digits'],
    ['--seed', '0b1', 'an integer of at least 1 in decimal digits'],
    ['--seed', 'Infinity', 'an integer of at least 1 in decimal digits'],
    ['--log-bytes', '1_000', 'an integer of at least 0 in decimal digits'],
    ['--log-bytes', '-1', 'an integer of at least 0 in decimal digits'],
    ['--log-bytes', '', 'an integer of at least 0 in decimal digits'],
  ])('refuses %s %j, saying what it takes, before opening any store', async (option, value, takes) => {
    const dataDir = join(parent, 'data');
    const saved = { ...process.env };
    process.env.DATA_DIR = dataDir;
    let stderr = '';
    const program = new Command().exitOverride().configureOutput({ writeErr: (text) => (stderr += text) });
    registerDemoDataCommand(program);
    try {
      await expect(program.parseAsync(['demo-data', option, value], { from: 'user' })).rejects.toThrow(
        `argument '${value}' is invalid`,
      );
    } finally {
      process.env = saved;
    }
    expect(stderr).toContain(`must be ${takes}`);
    expect(existsSync(dataDir)).toBe(false);
  });
});
