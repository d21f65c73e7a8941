import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Builds the console from the current sources with Vite (as `npm run build:console` does) into a
 * fresh temporary folder, so browser tests always drive what is in apps/console and never touch
 * dist/console, which other suites' apps may be serving at the same moment. About a second.
 */
export function buildConsole(): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-console-build-'));
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      path.join(repoRoot, 'apps', 'console'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  return outDir;
}
