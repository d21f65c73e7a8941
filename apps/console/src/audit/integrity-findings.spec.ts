import type { IntegrityReport, UnreadableRow } from '../api/api-types';
import { integrityFindings } from './integrity-findings';

const CASE_ID = '01a2274e-bd92-70b3-a331-ee0fd140750b';

const row = (revision: number): UnreadableRow => ({
  revision,
  position: revision + 40,
  problem: 'its data is not valid JSON (Unexpected token)',
});

const report = (extra: Partial<IntegrityReport>): IntegrityReport => ({
  caseId: CASE_ID,
  valid: false,
  events: 12,
  checkedAt: '2026-03-02T09:00:00.000Z',
  ...extra,
});

/** The banner as the auditor reads it: every finding's sentences, one after the other. */
const bannerText = (verdict: IntegrityReport) =>
  integrityFindings(verdict)
    .map(({ title, meaning, remedy }) => [title, meaning, remedy].filter(Boolean).join(' '))
    .join('\n');

describe('the audit banner’s findings', () => {
  describe('for stored events that cannot be read', () => {
    it('names the row, says in plain words what that means and what to do, with the commands that give the details', () => {
      const [finding] = integrityFindings(
        report({ unreadable: row(2), unreadableRows: [row(2)], unreadableCount: 1 }),
      );
      expect(finding.title).toBe('A stored event cannot be read');
      expect(finding.meaning).toContain(
        'The event stored at revision 2 (log position 42) is no longer readable',
      );
      expect(finding.meaning).toContain('damaged or edited after it was written');
      expect(finding.meaning).toContain('Neither it nor any event after it can be proven unaltered');
      expect(finding.meaning).toContain("the case's history and its past states cannot be shown");
      expect(finding.remedy).toContain('`casetrail verify`');
      expect(finding.remedy).toContain(`\`casetrail replay ${CASE_ID}\``);
      expect(finding.remedy).toContain('restore the damaged events from a backup');
    });

    it('names every row the server lists, and counts those it did not list', () => {
      const text = bannerText(
        report({
          unreadable: row(2),
          unreadableRows: [row(2), row(5), row(9)],
          unreadableCount: 3,
        }),
      );
      expect(text).toContain('3 stored events cannot be read');
      expect(text).toContain(
        'revision 2 (log position 42), revision 5 (log position 45), revision 9 (log position 49) are',
      );

      const many = Array.from({ length: 100 }, (_, revision) => row(revision));
      const cut = bannerText(
        report({
          unreadable: many[0],
          unreadableRows: many,
          unreadableCount: 250,
          unreadableRowsCut: 'only the first 100 of the 250 rows that cannot be read are listed',
        }),
      );
      expect(cut).toContain('250 stored events cannot be read');
      expect(cut).toContain('revision 9 (log position 49) and 240 more are');
    });

    it('explains the first row alone from a server that names only that one', () => {
      expect(bannerText(report({ unreadable: row(7) }))).toContain(
        'The event stored at revision 7 (log position 47) is no longer readable',
      );
    });
  });

  it('keeps the broken link and the lost events as they were said, beside the unreadable rows', () => {
    const text = bannerText(
      report({
        brokenAt: { revision: 1, eventId: 'e1', problem: 'hash-mismatch' },
        lostEvents: { appliedRevision: 12, streamEndsAt: 10, reason: 'the read models applied revision 12' },
        unreadable: row(4),
      }),
    );
    expect(text).toContain(
      'Hash chain broken at revision 1 (hash-mismatch): that event and every later one cannot be proven unaltered.',
    );
    expect(text).toContain('Events missing: the read models applied revision 12.');
    expect(text).toContain('A stored event cannot be read');
  });

  it('finds nothing to say about a valid chain', () => {
    expect(integrityFindings({ ...report({}), valid: true })).toEqual([]);
  });
});
