import type { SupportPolicy } from '../support-policy';

/**
 * Every support policy version recorded so far (the policy archive), with the one in force. A
 * target records the version it was computed under, and its business time (time remaining, the
 * reports' durations) is measured on that version's calendars, so editing a calendar in a later
 * policy does not rewrite figures of cases already open or answered. Deciders keep using the
 * policy in force for what they compute now.
 */
export class PolicyVersions {
  private readonly byVersion = new Map<string, SupportPolicy>();

  constructor(
    readonly inForce: SupportPolicy,
    recorded: Iterable<SupportPolicy> = [],
    /** Told of a version asked for but not recorded here, e.g. to look for it in the archive again. */
    private readonly onUnknown?: (version: string) => void,
  ) {
    for (const policy of recorded) this.record(policy);
    this.record(inForce);
  }

  has(version: string): boolean {
    return this.byVersion.has(version);
  }

  /** Adds a version; the first policy recorded under a version stays (the archive refuses a reuse). */
  record(policy: SupportPolicy): void {
    if (!this.byVersion.has(policy.version)) this.byVersion.set(policy.version, policy);
  }

  /**
   * The policy a target computed under `version` is measured on: that version's, or the policy in
   * force when the version was never recorded (targets from before the archive existed, or a
   * version another process adopted a moment ago, which `onUnknown` may go and fetch).
   */
  policyOf(version: string | undefined): SupportPolicy {
    if (version === undefined) return this.inForce;
    const policy = this.byVersion.get(version);
    if (policy) return policy;
    this.onUnknown?.(version);
    return this.inForce;
  }
}
