import { isAdmin, isCaseStaff, isCustomer, isEngineer } from '../actor';
import type { AddComment } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import { findComment } from '../seen-comments';
import type { CaseEvent } from '../events';
import type { CaseState } from '../state';
import { requireText } from '../text-limits';
import { customerResponded } from './customer-responded';
import { firstResponseIfFirst } from './first-response';
import { eventBase, requireCommenter, requireOpened } from './guards';
import { postponeAutoClose } from './quiet-period';
import { closedCaseOutlook } from './refusal-next-step';
import { customerReopeningRefusal } from './customer-reopening-refusal';
import { reopened } from './reopen-case';

/**
 * Anyone who sees the case comments (the application has checked visibility), admins included;
 * internal notes are staff only and never reach customers. What a public comment also means
 * depends on who wrote it:
 * - an engineer's first public comment is the first response (`new` -> `in-progress`);
 * - a customer's comment while the case awaits them resumes the resolution clock
 *   (`awaiting-customer` -> `in-progress`);
 * - a customer's comment on a resolved case reopens it (`resolved` -> `in-progress`, the
 *   resolution clock restarted): a reply to a proposed resolution is an objection until the
 *   customer confirms it by closing the case, and a reopened case is back in the work queues
 *   (left resolved, the reply waited unseen for the quiet period to close it); but not on an
 *   expired licence, where the reply is only a comment (see customerReopeningRefusal);
 * - staff's comment on a resolved case restarts the quiet period before automatic closure.
 * Closed and redirected cases take internal notes only: a customer's reply there is refused saying
 * till when the case can be reopened (reopen the case to talk to the customer), for a redirected
 * case as for a closed one.
 * A retried comment (same id, same content) changes nothing.
 */
export function addComment(command: AddComment, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCommenter(command.actor);
  const commentId = requireText(command.commentId, 'commentId');
  const body = requireText(command.body, 'body');
  const internal = command.internal === true;
  // Admins are vendor staff: they may write internal notes, and their replies are the vendor's.
  const byStaff = isCaseStaff(command.actor) || isAdmin(command.actor);
  if (internal && !byStaff) throw CaseErrors.internalCommentStaffOnly();

  const previous = findComment(opened.comments, commentId);
  if (previous) {
    if (previous.body === body && previous.internal === internal) return [];
    throw CaseErrors.commentAlreadyExists(commentId);
  }
  if (!internal && opened.status === 'closed')
    throw CaseErrors.caseClosed(closedCaseOutlook(opened, command.at, context));
  if (!internal && opened.status === 'redirected')
    throw CaseErrors.caseRedirected(opened.redirectedTo, closedCaseOutlook(opened, command.at, context));

  const base = eventBase(command);
  const authorName = command.actor.name?.trim();
  const comment: CaseEvent = {
    type: 'CommentAdded',
    data: {
      ...base,
      commentId,
      body,
      internal,
      byStaff,
      ...(authorName ? { authorName } : {}),
      ...(internal && command.salt !== undefined ? { salt: requireSalt(command.salt) } : {}),
    },
  };
  if (internal) return [comment];

  if (isEngineer(command.actor) && opened.firstResponseAt === undefined) {
    const { breaches, response } = firstResponseIfFirst(opened, base, 'comment', commentId);
    return [...breaches, comment, ...response];
  }
  if (isCustomer(command.actor) && opened.status === 'awaiting-customer') {
    return [comment, customerResponded(opened, base, context, commentId)];
  }
  // On an expired licence the reply is kept but reopens nothing (customerReopeningRefusal): the
  // case stays resolved, and the engineer who reads the reply may reopen it.
  if (isCustomer(command.actor) && opened.status === 'resolved') {
    if (customerReopeningRefusal(opened, command.actor, base.at, context)) return [comment];
    // The reopening first: the comment's notification then shows the case in progress again.
    const reason = 'The customer replied to the proposed resolution';
    return [reopened(opened, 'resolved', base, context, { reason, commentId }), comment];
  }
  return [comment, ...postponeAutoClose(opened, base, context)];
}

/** The application draws it; it only has to be hard to guess (16 random bytes, hex, are). */
function requireSalt(salt: unknown): string {
  if (typeof salt !== 'string' || !/^[0-9a-f]{32,128}$/.test(salt)) {
    throw CaseErrors.invalidValue('salt', ['32 to 128 lowercase hex digits']);
  }
  return salt;
}
