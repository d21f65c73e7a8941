import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp dir, and its removal for afterAll. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `casetrail-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
