/** Rows (or ranges) named one by one in a warning; the count covers them all. */
export const LISTED = 20;

/** A stored event that cannot be read, as the commands that warn of it name it. */
export interface UnreadableRowLine {
  stream: string;
  revision: number;
  position: number;
  /** What is wrong with it, as the store says: "its data is not valid JSON (...)". */
  problem: string;
}

/**
 * The lines naming stored events that cannot be read, the first LISTED of them, in the order
 * given: `stream@revision (position P, <details>): problem`, so an operator can find each row to
 * restore, whichever command found it (`rebuild`, `backup`, `restore`).
 */
export function unreadableRowLines<Row extends UnreadableRowLine>(
  rows: readonly Row[],
  details: (row: Row) => string[] = () => [],
): string[] {
  const lines = rows.slice(0, LISTED).map((row) => {
    const about = [`position ${row.position}`, ...details(row)].join(', ');
    return `  ${row.stream}@${row.revision} (${about}): ${row.problem}`;
  });
  if (rows.length > LISTED) lines.push(`  … and ${rows.length - LISTED} more`);
  return lines;
}
