import { NO_COMMENTS, type OpenedCase } from '@casetrail/domain';

/**
 * A case's state as a projection keeps it between events: all of it but the comments. Only the
 * command side needs those (it recognises a retried comment by its id and content) and it folds
 * the case from its events; read models show comments from the case's history. Kept, every body
 * (up to 20,000 characters each) would be written again with each later event of the case, in
 * every projection that holds the state, and a rebuild's held documents would grow with the talk
 * on a case instead of with its facts.
 */
export function storedCaseState(state: OpenedCase): OpenedCase {
  return state.comments.latest === undefined ? state : { ...state, comments: NO_COMMENTS };
}
