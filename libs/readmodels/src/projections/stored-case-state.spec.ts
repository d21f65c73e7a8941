import {
  countComments,
  evolveCase,
  initialCaseState,
  type CaseEvent,
  type OpenedCase,
} from '@casetrail/domain';
import { commands, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { casesProjection } from '../cases/cases.projection';
import { notificationsOutboxProjection } from '../notifications/notifications-outbox.projection';
import type { Doc } from '../read-model-store.port';
import { inMemoryTransaction } from '../testing/in-memory-transaction';
import { recordedCase } from '../testing/recorded-case';
import type { Projection } from './projection';
import { storedCaseState } from './stored-case-state';

/** The longest body the domain takes (20,000 characters), a log pasted into the case. */
const bodyOfLength = (index: number) => `${index} `.padEnd(20_000, 'x');
const PASTED_LOG = 'x'.repeat(1_000);
const COMMENTS = 30;

/** A case with many of the longest comments the domain takes: a log pasted again and again. */
const history = recordedCase([
  commands.openCase(),
  ...Array.from({ length: COMMENTS }, (_, index) =>
    commands.comment({
      commentId: `c-${index}`,
      at: plus(T0, { minutes: 30 + index }),
      body: bodyOfLength(index),
      internal: index % 2 === 1,
    }),
  ),
]);
const folded = history.reduce(
  (state, event) => evolveCase(state, { type: event.type, data: event.data } as CaseEvent),
  initialCaseState,
) as OpenedCase;

describe('storedCaseState', () => {
  it('keeps everything of the case but its comments', () => {
    expect(countComments(folded.comments)).toBe(COMMENTS);
    expect(storedCaseState(folded)).toEqual({ ...folded, comments: {} });
  });

  it('returns a state without comments as it is (no copy for most events)', () => {
    const withoutComments = storedCaseState(folded);
    expect(storedCaseState(withoutComments)).toBe(withoutComments);
  });

  const holdingTheState: Projection[] = [casesProjection, notificationsOutboxProjection({ supportTeam: [] })];
  it.each(holdingTheState.map((projection) => [projection.name, projection] as const))(
    '%s keeps the case state without comment bodies, so it does not grow with the talk on a case',
    async (_name, projection) => {
      const documents = new Map<string, Doc>();
      for (const event of history) {
        if (projection.handles && !projection.handles.includes(event.type)) continue;
        await projection.apply(event, inMemoryTransaction(documents, event.position));
      }
      // The documents that carry the case's state from one event to the next (a notification
      // itself, in the outbox, rightly quotes its comment).
      const holding = [...documents.values()]
        .filter((doc) => 'state' in doc)
        .map((doc) => JSON.stringify(doc));
      expect(holding).toHaveLength(1);
      for (const json of holding) {
        expect(json.includes(PASTED_LOG)).toBe(false);
        // The opening's own texts and facts, whatever the number of comments.
        expect(json.length).toBeLessThan(10_000);
      }
    },
  );
});
