/** One comment the case has taken, linked to the one before it. */
export interface SeenComment {
  readonly commentId: string;
  readonly body: string;
  readonly internal: boolean;
  readonly earlier?: SeenComment;
}

/**
 * The comments a case has taken, newest first, so a retried AddComment (same id, same content)
 * is recognised. Each state shares the earlier comments with the state before it: taking one more
 * costs the same on a case with thousands, where copying a map of them on every comment made
 * folding a long case quadratic (a command on a 1,000-comment case spent 60 ms folding). Lookups
 * walk the list, once per AddComment decision.
 *
 * No comments is `{}`, the shape read models have always stored for a case's state.
 */
export interface SeenComments {
  readonly latest?: SeenComment;
}

export const NO_COMMENTS: SeenComments = Object.freeze({});

export function withComment(comments: SeenComments, comment: Omit<SeenComment, 'earlier'>): SeenComments {
  // Field by field, not `{ ...comment, earlier }`: V8 gave each comment so spread a map of its own.
  const { commentId, body, internal } = comment;
  return { latest: { commentId, body, internal, earlier: comments.latest } };
}

export function findComment(comments: SeenComments, commentId: string): SeenComment | undefined {
  for (let comment = comments.latest; comment; comment = comment.earlier) {
    if (comment.commentId === commentId) return comment;
  }
  return undefined;
}

export function countComments(comments: SeenComments): number {
  let count = 0;
  for (let comment = comments.latest; comment; comment = comment.earlier) count++;
  return count;
}
