import type { LicenceChangeNotification } from '@casetrail/readmodels/notifications';

/** What Mission Critical gives an account's cases (DOMAIN.md "Support plans and Mission Critical"), and its loss. */
const WHAT_IT_GIVES =
  'the highest priority in every queue, and its customer success manager (CSM) is told of all their activity';
const WHAT_IS_LOST =
  'they lose the highest priority in every queue, and its customer success manager (CSM) is no longer told of their activity';

/**
 * The holder's line on what the end or renewal of a mission-critical licence did to the account's
 * Mission Critical cover (the row's missionCriticalCover): said outright where the writer knows
 * the account's other licences, conditionally where it may not. None for other licences.
 */
export function missionCriticalCoverLine(
  row: LicenceChangeNotification,
  change: 'end' | 'renewal',
): string[] {
  const cover = row.missionCriticalCover;
  if (!cover) return [];
  if (change === 'end') {
    if (cover === 'kept')
      return ['The account stays Mission Critical: another mission-critical licence of it is in force.'];
    const lost =
      `the account is no longer Mission Critical, nor are its cases: ${WHAT_IS_LOST}, ` +
      'until this licence is renewed';
    return [
      cover === 'lost'
        ? `It was the account's Mission Critical cover: ${lost}.`
        : `Unless another mission-critical licence of the account is in force, ${lost}.`,
    ];
  }
  if (cover === 'restored')
    return [`The account is Mission Critical again: its cases have ${WHAT_IT_GIVES} again.`];
  if (cover === 'unknown')
    return [`With it the account is Mission Critical: its cases have ${WHAT_IT_GIVES}.`];
  return [];
}
