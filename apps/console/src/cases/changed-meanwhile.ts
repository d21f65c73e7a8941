import type { CaseHistory } from '../api/api-types';
import { ApiProblem } from '../api/api-problem';
import { changesNamed } from '../shared/changes-named';
import { timelineItems } from './timeline-entry';

/**
 * What a person is told when their command was refused with 412 because the case changed since
 * their page loaded it (If-Match). By then the page has reloaded the case and kept their text, so
 * the API's "reload it and retry" and its revision numbers would be wrong and meaningless to them:
 * this says what changed, by whom, and to check it and send again. Status 0 keeps "(412)" out of
 * the alert's title.
 */
export function caseChangedMeanwhile(seenRevision: number, history: CaseHistory | undefined): ApiProblem {
  const what = changesNamed(changesSince(seenRevision, history));
  return new ApiProblem(
    0,
    'This case changed while you were working on it',
    `Someone else changed it${what}. The page now shows the case as it is, and what you wrote is kept: check it, then send again.`,
  );
}

/** "Bob Smith: Commented", oldest first, for what the person can see happened after their revision. */
export function changesSince(seenRevision: number, history: CaseHistory | undefined): string[] {
  if (!history) return [];
  return timelineItems(history.events)
    .filter((item) => item.revision > seenRevision)
    .map((item) => `${item.who}: ${item.what}`);
}
