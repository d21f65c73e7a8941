import type { QueueName } from '../app/routes';

/** The words the console uses for the API's codes. */
export const STATUS_LABEL: Readonly<Record<string, string>> = {
  new: 'New',
  'in-progress': 'In progress',
  'awaiting-customer': 'Awaiting customer',
  resolved: 'Resolved',
  closed: 'Closed',
  redirected: 'Redirected',
};

/**
 * Severity names come from the server's policy (`/console/config`), which a policy file may
 * rename: the console shows the names the API and the reports use. Until the console has booted,
 * the built-in policy's.
 */
const severityNames = new Map<number, string>([
  [1, 'Production System Down'],
  [2, 'Restricted Operations'],
  [3, 'Question / Inconvenience / Cosmetic'],
]);

export function severityName(severity: number): string {
  return severityNames.get(severity) ?? `Severity ${severity}`;
}

/** At boot, the names of the policy in force. */
export function useSeverityNames(severities: readonly { severity: number; name: string }[]): void {
  for (const { severity, name } of severities) severityNames.set(severity, name);
}

export const QUEUE_LABEL: Readonly<Record<QueueName, string>> = {
  open: 'All open',
  unassigned: 'Unassigned',
  mine: 'Mine',
  escalated: 'Escalated',
  breaching: 'Breaching',
  'at-risk': 'At risk',
  'awaiting-customer': 'Awaiting customer',
  'mission-critical': 'Mission Critical',
};

export const ESCALATION_REASON_LABEL: Readonly<Record<string, string>> = {
  'business-operations-risk': 'High risk of interrupting business operations',
  'production-impact': 'Production environment critically impacted',
  'low-satisfaction': 'Low satisfaction with regular support',
};

export const ESCALATION_STATUS_LABEL: Readonly<Record<string, string>> = {
  'awaiting-acknowledgement': 'Awaiting acknowledgement',
  acknowledged: 'Acknowledged',
  'de-escalated': 'De-escalated',
  superseded: 'Superseded by a higher level',
};

export const REDIRECT_LABEL: Readonly<Record<string, string>> = {
  consulting: 'Consulting services',
  'account-manager': 'Account manager',
};

/** Where a case was redirected to, in words (an unknown code as the API gave it). */
export function redirectLabel(to: string | undefined): string {
  return REDIRECT_LABEL[to ?? ''] ?? to ?? '';
}

export function severityLabel(severity: number): string {
  return `S${severity} · ${severityName(severity)}`;
}

/** `system:sla-timers` reads "SLA timers"; people read as their email. */
export function actorLabel(actor: string): string {
  if (!actor.startsWith('system:')) return actor;
  const process = actor.slice('system:'.length).replace(/-/g, ' ');
  return process.replace(/^sla\b/, 'SLA').replace(/^./, (first) => first.toUpperCase());
}
