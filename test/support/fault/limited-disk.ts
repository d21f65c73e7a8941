import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiProcessOptions } from './api-process';

/**
 * A small disk for DATA_DIR. Preferably a real one: a tmpfs of `sizeMiB` mounted on a temp dir
 * (needs root, as in the dev and CI sandboxes), filled to the last byte on demand with a filler
 * file and freed by deleting it. Where mounting is not allowed, the fallback is a file-size limit
 * (`ulimit -f`) on the API process, applied at its next start: `fallbackLimitKiB` per file at
 * first, none at all once "filled", no limit once freed. Writes past it fail with EFBIG, as they
 * would with ENOSPC.
 */
export interface LimitedDisk {
  readonly dir: string;
  readonly kind: 'tmpfs' | 'file-size-limit';
  /** Options for startApiProcess on this disk (the fallback's file-size limit). */
  apiOptions(): Pick<ApiProcessOptions, 'fileSizeLimitBlocks'>;
  /** Leaves no free byte (tmpfs, at once); with the fallback, no byte may be written from the next start. */
  fill(): void;
  /** Makes room again. */
  free(): void;
  remove(): void;
}

const FILLER = '.filler';
const CHUNK = Buffer.alloc(64 * 1024, 0x46);

export function limitedDisk(sizeMiB: number, fallbackLimitKiB = 1024): LimitedDisk {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
    return tmpfsDisk(dir);
  } catch {
    return fileSizeLimitedDisk(dir, fallbackLimitKiB);
  }
}

function tmpfsDisk(dir: string): LimitedDisk {
  const filler = join(dir, FILLER);
  return {
    dir,
    kind: 'tmpfs',
    apiOptions: () => ({}),
    fill() {
      const fd = openSync(filler, 'a');
      try {
        // Whole chunks, then single bytes: the filesystem ends up with nothing left.
        for (const size of [CHUNK.length, 4096, 1]) {
          for (;;) {
            try {
              writeSync(fd, CHUNK, 0, size);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw error;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    remove() {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function fileSizeLimitedDisk(dir: string, limitKiB: number): LimitedDisk {
  let limitBlocks: number | undefined = limitKiB * 2;
  return {
    dir,
    kind: 'file-size-limit',
    apiOptions: () => (limitBlocks === undefined ? {} : { fileSizeLimitBlocks: limitBlocks }),
    fill() {
      limitBlocks = 0;
    },
    free() {
      limitBlocks = undefined;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
