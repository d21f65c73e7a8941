import type { CaseCommand } from '@casetrail/domain';
import {
  actors,
  commands,
  context,
  entitlement,
  plus,
  T0,
} from '@casetrail/domain/cases/testing/case-fixtures';
import { InvalidCursorError, SqliteReadModelStore } from '@casetrail/readmodels';
import { encodeCursor } from '@casetrail/readmodels/documents/keyset-cursor';
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

/**
 * DOMAIN.md: a Mission Critical account's cases "have the highest priority in every queue". The
 * board engineers work escalations from lists them first, as the case queues do, then by what is
 * owed soonest; the history (`state=all`) stays latest first. Four severity 3 cases, each escalated
 * once, so each acknowledgement is due a fixed time after its escalation:
 *  - `std-early` (not Mission Critical) escalated at 10:00, owed soonest of all;
 *  - `mc-early` (Mission Critical) at 11:00 and `mc-late` (Mission Critical) at 12:00;
 *  - `std-late` (not Mission Critical) at 13:00, the latest escalation.
 */
describe('escalations board: Mission Critical first', () => {
  let store: SqliteReadModelStore;
  const boardAt = (now: string) =>
    new EscalationsBoardService(store, { now: () => new Date(now) }, everyAccount);

  const escalatedCase = (
    caseId: string,
    missionCritical: boolean,
    escalatedAt: string,
    firstPosition: number,
  ) =>
    recordedCase(
      [
        commands.openCase({ caseId }),
        commands.comment({ caseId, at: plus(T0, { minutes: 30 }) }),
        commands.escalate({ caseId, at: escalatedAt }),
      ],
      firstPosition,
      context({ entitlement: entitlement({ account: { missionCritical } }) }),
    );

  beforeEach(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections(reportingProjection.collections);
    const events = [
      ...escalatedCase('std-early', false, plus(T0, { hours: 1 }), 1),
      ...escalatedCase('mc-early', true, plus(T0, { hours: 2 }), 11),
      ...escalatedCase('mc-late', true, plus(T0, { hours: 3 }), 21),
      ...escalatedCase('std-late', false, plus(T0, { hours: 4 }), 31),
    ];
    await store.applyBatch(reportingProjection.name, events, (event, tx) =>
      reportingProjection.apply(event, tx),
    );
  });
  afterEach(() => store.close());

  // Board items are typed loosely (entries are records); the case id is a string on every one.
  const caseIds = (items: Record<string, unknown>[]) => items.map((item) => item.caseId as string);
  const MC_FIRST = ['mc-early', 'mc-late', 'std-early', 'std-late'];

  it('lists a Mission Critical escalation due later before one due earlier that is not, earliest due first within each', async () => {
    const page = await boardAt(plus(T0, { hours: 5 })).board(engineer, { state: 'open' });
    expect(caseIds(page.items)).toEqual(MC_FIRST);
    const dueAt = Object.fromEntries(page.items.map((item) => [item.caseId as string, item.nextDueAt!]));
    expect(dueAt['mc-late'] > dueAt['std-early']).toBe(true);
    expect(dueAt['mc-early'] < dueAt['mc-late']).toBe(true);
  });

  it('orders the overdue board the same way, and leaves the history latest first', async () => {
    const now = plus(T0, { days: 1 });
    const overdue = await boardAt(now).board(engineer, { state: 'overdue' });
    expect(caseIds(overdue.items)).toEqual(MC_FIRST);
    expect(overdue.items.every((item) => item.overdue)).toBe(true);
    const all = await boardAt(now).board(engineer, { state: 'all' });
    expect(caseIds(all.items)).toEqual(['std-late', 'mc-late', 'mc-early', 'std-early']);
  });

  it.each([1, 2, 3])(
    'walks the open board %i at a time across the Mission Critical boundary without gaps or repeats',
    async (limit) => {
      const board = boardAt(plus(T0, { hours: 5 }));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await board.board(engineer, { state: 'open', limit, cursor });
        seen.push(...caseIds(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(MC_FIRST);
    },
  );

  it('refuses a cursor the board gave when it ordered by due time alone', async () => {
    const board = boardAt(plus(T0, { hours: 5 }));
    const [first] = (await board.board(engineer, { state: 'open', limit: 1 })).items;
    const before = [
      { field: 'nextDueAt', direction: 'asc' as const },
      { field: 'id', direction: 'asc' as const },
    ];
    const oldCursor = encodeCursor(before, { open: true }, [first.nextDueAt, first.id as string]);
    await expect(board.board(engineer, { state: 'open', cursor: oldCursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});
