import type { Severity, SupportChannel } from '../policy/support-vocabulary';
import type { SlaTargetKind } from '../sla/targets/sla-target';

/**
 * The closed sets of values only cases use (severities, channels and plans belong to the policy,
 * SLA target kinds to the SLA engine). The arrays double as runtime checks for untyped input.
 */
/** A case's severity and channel are the policy's; these aliases keep the case vocabulary in one place. */
export type CaseSeverity = Severity;
export const CASE_SEVERITIES = [1, 2, 3] as const satisfies readonly CaseSeverity[];

export type CaseChannel = SupportChannel;
export const CASE_CHANNELS = ['web', 'phone'] as const satisfies readonly CaseChannel[];

export const ESCALATION_REASONS = [
  'business-operations-risk',
  'production-impact',
  'low-satisfaction',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Out-of-scope requests go to consulting services, or to the account manager (licensing, sales). */
export const REDIRECT_TARGETS = ['consulting', 'account-manager'] as const;
export type RedirectTarget = (typeof REDIRECT_TARGETS)[number];

export const CASE_STATUSES = [
  'new',
  'in-progress',
  'awaiting-customer',
  'resolved',
  'closed',
  'redirected',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The SLA engine's target kinds as a runtime list (its `SlaTargetKind` type is the source). */
export const CASE_SLA_TARGET_KINDS = [
  'first-response',
  'resolution',
] as const satisfies readonly SlaTargetKind[];
