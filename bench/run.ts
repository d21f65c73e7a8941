/**
 * Bench runner: runs every bench/scenarios/*.bench.ts (or .js once compiled) in sequence, or only
 * the ones named on the command line (`eventstore` or `eventstore.bench.ts`), prints one line per
 * result and writes them all to bench-results/latest.json under the current directory.
 *
 *   node -r reflect-metadata -r @swc-node/register bench/run.ts [scenario...]
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { BenchResult, BenchScenario, formatResult } from './harness';

const SCENARIO_FILE = /\.bench\.(ts|js)$/;
const scenariosDir = join(__dirname, 'scenarios');

function scenarioName(file: string): string {
  return basename(file).replace(SCENARIO_FILE, '');
}

function selectScenarios(requested: string[]): string[] {
  const available = readdirSync(scenariosDir)
    .filter((file) => SCENARIO_FILE.test(file) && !file.endsWith('.d.ts'))
    .sort();
  if (requested.length === 0) return available;
  const wanted = new Set(requested.map(scenarioName));
  const unknown = [...wanted].filter((name) => !available.some((file) => scenarioName(file) === name));
  if (unknown.length > 0) {
    const names = available.map(scenarioName).join(', ');
    throw new Error(`Unknown bench scenario(s): ${unknown.join(', ')} (available: ${names})`);
  }
  return available.filter((file) => wanted.has(scenarioName(file)));
}

async function main(): Promise<void> {
  const results: (BenchResult & { scenario: string })[] = [];
  for (const file of selectScenarios(process.argv.slice(2))) {
    const scenario = scenarioName(file);
    console.log(`# ${scenario}`);
    const loaded = (await import(join(scenariosDir, file))) as { default: BenchScenario };
    for (const result of await loaded.default()) {
      console.log(formatResult(result));
      results.push({ scenario, ...result });
    }
  }

  const outputDir = resolve(process.cwd(), 'bench-results');
  mkdirSync(outputDir, { recursive: true });
  const report = {
    finishedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    results,
  };
  writeFileSync(join(outputDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${join(outputDir, 'latest.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
