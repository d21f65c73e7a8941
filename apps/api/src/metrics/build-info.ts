import { Gauge, type Registry } from 'prom-client';
import type { Release } from '../release/release';

/**
 * `casetrail_build_info{version,commit,release} 1`: the build this process runs, as /health's
 * `release` and `casetrail --version` name it, so a dashboard can tell which release served a
 * figure and an alert can join on it. `commit` is the full hash, or `unknown-commit` for a build
 * without git metadata; `release` is the id (with `.dirty` when built with changes not committed).
 */
export function registerBuildInfo(registry: Registry, release: Release): void {
  const info = new Gauge({
    name: 'casetrail_build_info',
    help: 'The build this process runs: always 1, its version, git commit and release id as labels',
    labelNames: ['version', 'commit', 'release'],
    registers: [registry],
  });
  info.set({ version: release.version, commit: release.commit ?? 'unknown-commit', release: release.id }, 1);
}
