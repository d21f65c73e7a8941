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

export const SEVERITY_NAME: Readonly<Record<number, string>> = {
  1: 'Production System Down',
  2: 'Restricted Operations',
  3: 'Question / Inconvenience',
};

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
};

export const REDIRECT_LABEL: Readonly<Record<string, string>> = {
  consulting: 'Consulting services',
  'account-manager': 'Account manager',
};

export function severityLabel(severity: number): string {
  return `S${severity} · ${SEVERITY_NAME[severity] ?? 'Unknown'}`;
}

/** `system:sla-timers` reads "SLA timers"; people read as their email. */
export function actorLabel(actor: string): string {
  if (!actor.startsWith('system:')) return actor;
  const process = actor.slice('system:'.length).replace(/-/g, ' ');
  return process.replace(/^sla\b/, 'SLA').replace(/^./, (first) => first.toUpperCase());
}
