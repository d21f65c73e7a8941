import type { CaseCommand } from '@casetrail/domain';
import { actors, commands, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { reportingProjection } from '@casetrail/readmodels/reporting/reporting.projection';
import { recordedCase } from '@casetrail/readmodels/testing/recorded-case';
import type { Actor } from '../../auth/actor';
import { everyAccount } from '../testing/every-account';
import { EscalationsBoardService } from './escalations-board.service';

const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };
const by = actors.engineer;

/**
 * The support manager's report: a customer escalates a severity 2 case, an engineer acknowledges
 * it, the case goes to severity 3 while the escalation is open, is de-escalated, then goes back to
 * severity 2 and is resolved. The ended escalation must show severity 2 and be found under it.
 */
const steps: CaseCommand[] = [
  commands.openCase({ severity: 2 }),
  commands.comment({ at: plus(T0, { minutes: 30 }) }),
  commands.escalate({ at: plus(T0, { hours: 1 }) }),
  { type: 'AcknowledgeEscalation', caseId: 'case-1', actor: by, at: plus(T0, { hours: 1, minutes: 20 }) },
  commands.changeSeverity({ at: plus(T0, { hours: 2 }), severity: 3, reason: 'Workaround found' }),
  { type: 'DeEscalate', caseId: 'case-1', actor: by, at: plus(T0, { hours: 3 }), reason: 'Calm again' },
  commands.changeSeverity({ at: plus(T0, { hours: 4 }), severity: 2, reason: 'It spread again' }),
  commands.resolve({ at: plus(T0, { hours: 5 }) }),
];

describe('escalations board', () => {
  let store: SqliteReadModelStore;
  let board: EscalationsBoardService;

  beforeEach(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections(reportingProjection.collections);
    await store.applyBatch(reportingProjection.name, recordedCase(steps), (event, tx) =>
      reportingProjection.apply(event, tx),
    );
    board = new EscalationsBoardService(store, { now: () => new Date(plus(T0, { days: 1 })) }, everyAccount);
  });
  afterEach(() => store.close());

  it("shows an ended escalation with its case's severity and status now", async () => {
    const all = await board.board(engineer, { state: 'all' });
    expect(all.items).toEqual([
      expect.objectContaining({ caseId: 'case-1', open: false, severity: 2, caseStatus: 'resolved' }),
    ]);
  });

  it('finds it under the severity it shows, and not under the one it had when it ended', async () => {
    expect((await board.board(engineer, { state: 'all', severity: 2 })).items).toHaveLength(1);
    expect((await board.board(engineer, { state: 'all', severity: 3 })).items).toEqual([]);
  });

  it('leaves it off the open board', async () => {
    expect((await board.board(engineer, {})).items).toEqual([]);
  });
});
