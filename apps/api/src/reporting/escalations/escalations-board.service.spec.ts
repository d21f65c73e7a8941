import { SqliteReadModelStore } from '@casetrail/readmodels';
import type { EscalationEntry } from '@casetrail/readmodels/reporting/escalation-board';
import {
  ESCALATIONS,
  NO_DEADLINE,
  REPORTING_COLLECTIONS,
  SLA_CASES,
} from '@casetrail/readmodels/reporting/reporting-collections';
import type { Actor } from '../../auth/actor';
import type { ReportingAccess } from '../access/reporting-scope';
import { EscalationsBoardService } from './escalations-board.service';

const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };

function entry(caseId: string, level: number, open: boolean): EscalationEntry {
  return {
    id: `${caseId}:${level}`,
    caseId,
    accountId: 'acc-1',
    product: 'Sitefinity',
    title: 'Reports are empty',
    severity: 3,
    missionCritical: false,
    caseStatus: 'new',
    level,
    reason: 'production-impact',
    details: 'Board meeting tomorrow',
    raisedBy: 'customer',
    escalatedAt: `2026-03-0${level}T09:30:00.000Z`,
    escalatedBy: 'jane@acme.example',
    status: open ? 'awaiting-acknowledgement' : 'de-escalated',
    open,
    acknowledgementDueAt: '2026-03-02T10:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    lastStatusUpdateAt: null,
    statusUpdates: 0,
    nextStatusUpdateDueAt: null,
    overdueRecorded: 0,
    endedAt: open ? null : '2026-03-02T12:00:00.000Z',
    endReason: open ? null : 'superseded by level 2',
    nextDueAt: open ? '2026-03-03T10:00:00.000Z' : NO_DEADLINE,
  } as EscalationEntry;
}

describe('escalations board', () => {
  let store: SqliteReadModelStore;

  beforeEach(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections(REPORTING_COLLECTIONS);
  });
  afterEach(() => store.close());

  it("shows an ended escalation with its case's status now, not the status it had when it ended", async () => {
    await store.applyBatch('reporting', [{ position: 1 }], (_, tx) => {
      tx.put(ESCALATIONS, 'case-1:1', entry('case-1', 1, false));
      tx.put(ESCALATIONS, 'case-2:1', entry('case-2', 1, true));
      tx.put(SLA_CASES, 'case-1', { id: 'case-1', status: 'resolved' });
      tx.put(SLA_CASES, 'case-2', { id: 'case-2', status: 'in-progress' });
    });
    const board = new EscalationsBoardService(store, { now: () => new Date('2026-03-05T09:00:00.000Z') }, {
      accountCondition: async () => undefined,
    } as unknown as ReportingAccess);
    const all = await board.board(engineer, { state: 'all' });
    const statusOf = (caseId: string) => all.items.find((item) => item.caseId === caseId)?.caseStatus;
    expect(statusOf('case-1')).toBe('resolved');
    // An open escalation's entry follows its case already (as the projection keeps it).
    expect(statusOf('case-2')).toBe('new');
  });
});
