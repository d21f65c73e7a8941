import { DEFAULT_DISPOSABLE_EMAIL_DOMAINS } from '../licences/email-domain-rules';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from '../licences/group-mailbox';
import { DEFAULT_CALENDAR_TEMPLATE } from '../sla/calendar/business-calendar';
import type { SlaDuration } from '../sla/time/sla-duration';
import { deepFreeze } from './deep-freeze';
import type { SupportPolicy } from './support-policy';

const businessDays = (amount: number): SlaDuration => ({ amount, unit: 'days', clock: 'business' });
const wallHours = (amount: number): SlaDuration => ({ amount, unit: 'hours', clock: 'wall' });

/** The built-in policy of DOMAIN.md, used when no SUPPORT_POLICY_FILE is configured. */
export const DEFAULT_SUPPORT_POLICY: SupportPolicy = deepFreeze({
  version: 'casetrail-default-1',
  severities: {
    1: {
      name: 'Production System Down',
      channels: ['phone'],
      responseGoal: wallHours(1),
      resolutionGoal: businessDays(7),
    },
    2: {
      name: 'Restricted Operations',
      channels: ['phone', 'web'],
      responseGoal: businessDays(1),
      resolutionGoal: businessDays(14),
    },
    3: {
      name: 'Question / Inconvenience / Cosmetic',
      channels: ['web'],
      responseGoal: businessDays(1),
      resolutionGoal: businessDays(21),
    },
  },
  atRiskShare: 0.75,
  escalation: {
    acknowledgementWindow: wallHours(1),
    statusUpdateCadence: { 1: wallHours(4), 2: businessDays(1), 3: businessDays(1) },
  },
  // A week of silence after a proposed resolution is long enough for a customer to object.
  autoClose: { quietPeriod: { amount: 7, unit: 'days', clock: 'wall' } },
  reopen: { window: { amount: 30, unit: 'days', clock: 'wall' } },
  plans: {
    standard: { channels: ['web'] },
    enterprise: { channels: ['phone', 'web'] },
    'mission-critical': { channels: ['phone', 'web'] },
  },
  licensing: {
    // One list for the policy and the licences module, which owns the matching rules and their rationale.
    groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS,
    pendingInvitationFollowUpHours: 48,
    // Throwaway mail is refused; free mail (gmail.com…) is accepted unless an operator refuses it.
    disposableEmailDomains: DEFAULT_DISPOSABLE_EMAIL_DOMAINS,
    refusedEmailDomains: [],
  },
  calendar: DEFAULT_CALENDAR_TEMPLATE,
  calendars: {},
});
