import type { CaseIntegrityReport } from '../../../api/src/cases/case-integrity.controller';
import type { HistoryEntry as ServerHistoryEntry } from '../../../api/src/cases/queries/case-history';
import type { CaseDetailResponse } from '../../../api/src/cases/queries/case-queries';
import type { ConsoleConfigResponse } from '../../../api/src/console/console-config.controller';
import type { LicenceList } from '../../../api/src/licences/licence-list';
import type { LicenceQueries } from '../../../api/src/licences/licence-queries';
import type { QueuesController } from '../../../api/src/queues/queues.controller';
import type { SlaDailyReport } from '../../../api/src/reporting/daily/sla-daily-report';
import type { SlaDashboard } from '../../../api/src/reporting/dashboard/sla-dashboard';
import type { EscalationsBoardDto } from '../../../api/src/reporting/escalations/escalations-board.dto';
import type {
  CaseDetailView,
  ConsoleConfig,
  EscalationsBoardView,
  HistoryEntry,
  IntegrityReport,
  LicenceListItem,
  LicenceUserChangesView,
  LicenceView,
  PendingInvitationsView,
  QueuePage,
  SlaDailyReportView,
  SlaDashboardView,
} from './api-types';

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
      queue: Awaited<ReturnType<QueuesController['queue']>>,
      entry: ServerHistoryEntry,
      integrity: CaseIntegrityReport,
      config: ConsoleConfigResponse,
      dashboard: SlaDashboard,
      daily: SlaDailyReport,
      licences: Awaited<ReturnType<LicenceList['list']>>,
      licence: Awaited<ReturnType<LicenceQueries['licence']>> & { revision: number },
      pending: Awaited<ReturnType<LicenceQueries['pendingInvitations']>>,
      userChanges: Awaited<ReturnType<LicenceQueries['userChanges']>>,
      // The board's DTO, not its service's type: that one's entries keep only an index signature
      // of the read model's row (Omit over a Record), which would let any console type through.
      escalations: EscalationsBoardDto,
    ) => [
      fits<CaseDetailView>(detail),
      fits<QueuePage>(queue),
      fits<HistoryEntry>(entry),
      fits<IntegrityReport>(integrity),
      fits<ConsoleConfig>(config),
      fits<SlaDashboardView>(dashboard),
      fits<SlaDailyReportView>(daily),
      fits<LicenceListItem[]>(licences.items),
      fits<LicenceView>(licence),
      fits<PendingInvitationsView>(pending),
      fits<LicenceUserChangesView>(userChanges),
      fits<EscalationsBoardView>(escalations),
    ];
    expect(typeof check).toBe('function');
  });
});
