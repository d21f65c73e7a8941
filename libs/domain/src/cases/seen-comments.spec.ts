import { fold } from '../shared/decider';
import { caseDecider } from './case-decider';
import { evolveCase } from './evolve';
import { countComments, findComment, NO_COMMENTS, withComment } from './seen-comments';
import type { OpenedCase } from './state';
import { commands, context, historyOf, plus, T0 } from './testing/case-fixtures';

describe('seen comments', () => {
  it('finds each comment by id, the newest first, and nothing for an id never taken', () => {
    const comments = ['a', 'b', 'c'].reduce(
      (seen, commentId) =>
        withComment(seen, { commentId, body: `said ${commentId}`, internal: commentId === 'b' }),
      NO_COMMENTS,
    );
    expect(countComments(comments)).toBe(3);
    expect(findComment(comments, 'b')).toMatchObject({ body: 'said b', internal: true });
    expect(findComment(comments, 'a')).toMatchObject({ body: 'said a', internal: false });
    expect(findComment(comments, 'z')).toBeUndefined();
    expect(findComment(NO_COMMENTS, 'a')).toBeUndefined();
  });

  it('a comment leaves the earlier state as it was (as-of and replays keep every state)', () => {
    const before = withComment(NO_COMMENTS, { commentId: 'a', body: 'first', internal: false });
    withComment(before, { commentId: 'b', body: 'second', internal: false });
    expect(countComments(before)).toBe(1);
    expect(findComment(before, 'b')).toBeUndefined();
  });

  it('evolve shares the earlier comments with the state before, so a long case folds in linear time', () => {
    const before = fold(
      caseDecider,
      historyOf([commands.openCase(), commands.comment({ commentId: 'c-1', at: plus(T0, { minutes: 30 }) })]),
    ) as OpenedCase;
    const added = caseDecider.decide(
      commands.comment({ commentId: 'c-2', at: plus(T0, { hours: 1 }) }),
      before,
      context(),
    );
    const after = added.reduce(evolveCase, before) as OpenedCase;
    expect(after.comments.latest?.commentId).toBe('c-2');
    expect(after.comments.latest?.earlier).toBe(before.comments.latest);
  });

  it('a case without comments holds {}, the shape read models store for its state', () => {
    const opened = fold(caseDecider, historyOf([commands.openCase()])) as OpenedCase;
    expect(JSON.parse(JSON.stringify(opened.comments))).toEqual({});
  });
});
