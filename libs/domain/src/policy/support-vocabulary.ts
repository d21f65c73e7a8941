/** Severity of a case: 1 (Production System Down) is the most severe, 3 the least. */
export type Severity = 1 | 2 | 3;
export const SEVERITIES: readonly Severity[] = [1, 2, 3];

/** How a case reached support: a phone call (opened by an engineer on the caller's behalf) or the web portal. */
export type SupportChannel = 'phone' | 'web';
export const SUPPORT_CHANNELS: readonly SupportChannel[] = ['phone', 'web'];

/** The support plan of a licence; `mission-critical` is an upgrade on top of `enterprise`. */
export type SupportPlan = 'standard' | 'enterprise' | 'mission-critical';
export const SUPPORT_PLANS: readonly SupportPlan[] = ['standard', 'enterprise', 'mission-critical'];

export function isSeverity(value: unknown): value is Severity {
  return value === 1 || value === 2 || value === 3;
}

/** Lower number = more severe, so moving from 3 to 1 is an upgrade. */
export function isSeverityUpgrade(from: Severity, to: Severity): boolean {
  return to < from;
}
