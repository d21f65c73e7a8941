import { describeBrokenLink, type BrokenLink } from '@casetrail/eventstore';

/**
 * The policy archive's hash chain does not hold: an adoption was edited, removed or reordered after
 * it was written. Its policies are not read then: business time of every target is measured on the
 * calendars of its version, so a tampered archive would silently change every median, p90 and
 * `remainingBusinessMs`. A start refuses it (see openRuntime), as it refuses a policy file that
 * does not parse; a process already running keeps the policies it verified at start, and its
 * /health names the link (see policyArchiveDamage).
 */
export class PolicyArchiveDamaged extends Error {
  constructor(readonly link: BrokenLink) {
    super(
      `The support policy archive is damaged: ${describeBrokenLink(link)}. Business time of every case is ` +
        "measured on its versions' calendars, so nothing is computed from it: restore the event store " +
        'from a backup (`casetrail restore`); `casetrail verify` lists every broken link',
    );
    this.name = 'PolicyArchiveDamaged';
  }
}
