import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const sourceDir = path.join(repoRoot, 'apps', 'console');
export const CONSOLE_BUILD_DIR = path.join(repoRoot, 'dist', 'console');

/**
 * Builds the console with Vite (`npm run build:console`) unless dist/console is newer than every
 * source file, so browser tests always drive the current sources and a warm run skips the build.
 */
export function ensureConsoleBuilt(): string {
  const index = path.join(CONSOLE_BUILD_DIR, 'index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (builtAt === 0 || newestSource(sourceDir) > builtAt) {
    execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', sourceDir, '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  }
  return CONSOLE_BUILD_DIR;
}

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}
