import type { LicenceUserChange } from '../api/api-types';
import { ApiProblem } from '../api/api-problem';
import { changesNamed } from '../shared/changes-named';
import { userChangeSentence } from './licence-admin-labels';

/**
 * What a person is told when their change was refused with 412 because the licence changed since
 * the page loaded it (If-Match), as a case page says it: by then the page shows the licence as it
 * is, so the API's revision numbers would mean nothing to them; this names what changed and asks
 * them to check it and send again. Status 0 keeps "(412)" out of the alert's title.
 */
export function licenceChangedMeanwhile(
  seenRevision: number,
  changes: readonly LicenceUserChange[],
): ApiProblem {
  const what = changesNamed(
    changes.filter((change) => change.revision > seenRevision).map(userChangeSentence),
  );
  return new ApiProblem(
    0,
    'This licence changed while you were working on it',
    `Someone else changed it${what}. The page now shows the licence as it is: check it, then send again.`,
  );
}
