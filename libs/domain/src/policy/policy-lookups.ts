import type { SeverityPolicy, SupportPolicy } from './support-policy';
import type { Severity, SupportChannel, SupportPlan } from './support-vocabulary';

/** Name, channels and goals of a severity. */
export function severityPolicy(policy: SupportPolicy, severity: Severity): SeverityPolicy {
  return policy.severities[severity];
}

/** Whether a case of `severity` may be reported through `channel` (e.g. severity 1 by phone only). */
export function isChannelAllowedForSeverity(
  policy: SupportPolicy,
  severity: Severity,
  channel: SupportChannel,
): boolean {
  return policy.severities[severity].channels.includes(channel);
}

/** Whether a licence on `plan` is entitled to `channel` (phone support is a plan entitlement). */
export function planAllowsChannel(
  policy: SupportPolicy,
  plan: SupportPlan,
  channel: SupportChannel,
): boolean {
  return policy.plans[plan].channels.includes(channel);
}
