import type { IntegrityReport, UnreadableRow } from '../api/api-types';

/** One thing the server found wrong with a case's hash chain, in the words the audit banner shows. */
export interface IntegrityFinding {
  /** What was found, in a few words. */
  title: string;
  /** What it means for the case and its record. */
  meaning: string;
  /** What to do about it, when there is more to say than what `meaning` implies. */
  remedy?: string;
}

/** What an unreadable row stops: every read of the whole stream (history, `?asOf=`, commands). */
const STOPPED =
  "the case's history and its past states cannot be shown, and changes to the case are refused until the record is repaired.";

/** How many unreadable rows the banner names one by one; the report may list more. */
const ROWS_NAMED = 10;

/**
 * What a report that is not valid shows an auditor: each finding, what it means, and what to do.
 * Pure (no lit-html), so the wording is tested without a browser.
 */
export function integrityFindings(report: IntegrityReport): IntegrityFinding[] {
  const findings: IntegrityFinding[] = [];
  const broken = report.brokenAt;
  if (broken) {
    findings.push({
      title: `Hash chain broken at revision ${broken.revision}`,
      meaning: `(${broken.problem}): that event and every later one cannot be proven unaltered.`,
    });
  }
  if (report.lostEvents) findings.push({ title: 'Events missing:', meaning: `${report.lostEvents.reason}.` });
  const unreadable = unreadableRowsOf(report);
  if (unreadable.length > 0) findings.push(unreadableFinding(report, unreadable));
  return findings;
}

/** The report's unreadable rows: every one it lists, or its first alone from a server that lists only that. */
function unreadableRowsOf(report: IntegrityReport): UnreadableRow[] {
  if (report.unreadableRows?.length) return report.unreadableRows;
  return report.unreadable ? [report.unreadable] : [];
}

/**
 * An unreadable row is a stored event whose data or metadata is no longer JSON: damaged or edited
 * after it was written. The auditor must learn what that stops (the history, past states and new
 * changes all read the whole stream) and who can look closer: the CLI names every row and shows the
 * case's story around them.
 */
function unreadableFinding(report: IntegrityReport, rows: readonly UnreadableRow[]): IntegrityFinding {
  const count = Math.max(report.unreadableCount ?? rows.length, rows.length);
  const named = rows
    .slice(0, ROWS_NAMED)
    .map(({ revision, position }) => `revision ${revision} (log position ${position})`);
  const unnamed = count - named.length;
  const which = `${named.join(', ')}${unnamed > 0 ? ` and ${unnamed} more` : ''}`;
  const remedy =
    'What to do: ask an operator to run `casetrail verify`, which names every unreadable event, and ' +
    `\`casetrail replay ${report.caseId}\`, which shows the case's events with each unreadable one in its place, ` +
    'then restore the damaged events from a backup and verify again.';
  if (count === 1) {
    return {
      title: 'A stored event cannot be read',
      meaning:
        `The event stored at ${which} is no longer readable: it was damaged or edited after it was written ` +
        `(${rows[0].problem}). Neither it nor any event after it can be proven unaltered, ${STOPPED}`,
      remedy,
    };
  }
  return {
    title: `${count} stored events cannot be read`,
    meaning:
      `The events stored at ${which} are no longer readable: they were damaged or edited after they were ` +
      `written (the first: ${rows[0].problem}). None of them, nor any event after the first, can be ` +
      `proven unaltered, ${STOPPED}`,
    remedy,
  };
}
