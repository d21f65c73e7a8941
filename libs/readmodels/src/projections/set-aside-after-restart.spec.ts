import type { CaseCommand } from '@casetrail/domain';
import { actors, commands, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { ALL_PROJECTIONS } from '../all-projections';
import { notificationProjections } from '../notifications/notification-projections';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { recordedCase } from '../testing/recorded-case';

/**
 * A runner sets aside the rest of a stream after an event of it that cannot be read, across its
 * restarts (SetAsideEvents stores the streams), but some runners apply the stream's later events
 * again, over documents that lack the one set aside: the outbox writer once the row reads again
 * (restored: `casetrail rebuild` does not replay it), and a runner restarted past a row it set aside
 * before the streams were stored (an upgraded desk). That must cost the case's documents at most,
 * never the projection: every projection of the desk, and the outbox writer, applies a case's
 * history with any one of its events missing.
 */
describe('projections applying a case history with one event missing (a runner restarted past a set-aside row)', () => {
  const history = recordedCase([
    commands.openCase({ severity: 2 }),
    commands.comment({ at: plus(T0, { hours: 1 }) }),
    commands.escalate({ at: plus(T0, { hours: 2 }) }),
    {
      type: 'AcknowledgeEscalation',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(T0, { hours: 2, minutes: 20 }),
    },
    commands.changeSeverity({ at: plus(T0, { hours: 3 }) }),
    commands.resolve({ at: plus(T0, { days: 2 }) }),
    commands.reopen({ at: plus(T0, { days: 3 }) }),
    commands.resolve({ at: plus(T0, { days: 4 }) }),
    commands.close({ at: plus(T0, { days: 5 }) }),
  ] satisfies CaseCommand[]);
  const projections = [
    ...ALL_PROJECTIONS,
    ...notificationProjections({ supportTeam: ['team@vendor.example'] }),
  ];

  it.each(history.map((event) => [event.revision, event.type]))(
    'goes on without revision %i (%s)',
    async (missing) => {
      const rest = history.filter(({ revision }) => revision !== missing);
      for (const projection of projections) {
        const store = new SqliteReadModelStore(':memory:');
        await store.ensureCollections(projection.collections);
        const handles = projection.handles && new Set(projection.handles);
        await store.applyBatch(projection.name, rest, (event, tx) =>
          handles && !handles.has(event.type) ? undefined : projection.apply(event, tx),
        );
        expect(await store.getCheckpoint(projection.name)).toBe(rest.at(-1)!.position);
        store.close();
      }
    },
  );
});
