/** How many changes a "changed meanwhile" message names before "and N more". */
const NAMED = 3;

/**
 * The changes someone else made meanwhile, as a 412's message names them: " (the first three; …
 * and N more)", or nothing when none of them can be named.
 */
export function changesNamed(changes: readonly string[]): string {
  const named = changes.slice(0, NAMED).join('; ');
  const more = changes.length > NAMED ? ` and ${changes.length - NAMED} more` : '';
  return changes.length > 0 ? ` (${named}${more})` : '';
}
