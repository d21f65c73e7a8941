import type { CaseIntegrityReport } from '../../../api/src/cases/case-integrity.controller';
import type { HistoryEntry as ServerHistoryEntry } from '../../../api/src/cases/queries/case-history';
import type { CaseDetailResponse } from '../../../api/src/cases/queries/case-queries';
import type { ConsoleSignIn } from '../../../api/src/console/console-settings';
import type { CaseDetailView, HistoryEntry, IntegrityReport, SignInConfig } from './api-types';

/**
 * The console keeps its own types for the public API; these assignments fail to compile (in
 * `npm test`'s type-check) when the server's responses drift away from what the console reads.
 */
function fits<Expected>(value: Expected): Expected {
  return value;
}

describe('console API types', () => {
  it('accept what the server sends', () => {
    const check = (
      detail: CaseDetailResponse,
      entry: ServerHistoryEntry,
      integrity: CaseIntegrityReport,
      signIn: ConsoleSignIn,
    ) => [fits<CaseDetailView>(detail), fits<HistoryEntry>(entry), fits<IntegrityReport>(integrity), fits<SignInConfig>(signIn)];
    expect(typeof check).toBe('function');
  });
});
