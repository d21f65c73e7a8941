import { realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The deepest part of `path` that exists (itself, a parent, ..., the root), with what is there.
 * A folder about to be made does not exist yet: its nearest existing ancestor is where it will be
 * made, so that is where symlinks are resolved and writability is judged.
 */
export function nearestExistingAncestor(path: string): { ancestor: string; stats: Stats } {
  for (let candidate = resolve(path); ; candidate = dirname(candidate)) {
    const stats = statIfThere(candidate);
    if (stats) return { ancestor: candidate, stats };
    // The root always exists; this only guards against a filesystem that says otherwise.
    if (dirname(candidate) === candidate) throw new Error(`No part of ${path} exists`);
  }
}

/**
 * `path` with every symlink resolved, also when it does not exist yet: the nearest existing
 * ancestor's real path, joined with the parts still to be made (which cannot be symlinks yet).
 */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const { ancestor } = nearestExistingAncestor(absolute);
  return join(realpathSync(ancestor), relative(ancestor, absolute));
}

/** Whether `inner` is `outer` itself or lies somewhere below it (both absolute, already resolved). */
export function isSameOrInside(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  // `..bak` is a folder inside, whose name starts with two dots; only `..` itself climbs out.
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

function statIfThere(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the nearest existing ancestor is then that file, found above.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
