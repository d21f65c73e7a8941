import type { EmailDomainRules } from '../licences/email-domain-rules';
import type { BusinessCalendarTemplate } from '../sla/calendar/business-calendar';
import type { SlaDuration } from '../sla/time/sla-duration';
import type { Severity, SupportChannel, SupportPlan } from './support-vocabulary';

/**
 * The support policy in force: versioned configuration (DOMAIN.md "Severity and SLA goals",
 * "Escalation", licensing rules). Every computed SLA target records `version`, so a case can
 * always be explained under the policy its targets were computed with.
 */
export interface SupportPolicy {
  /** Identifies this policy; change it whenever goals change. */
  version: string;
  severities: Readonly<Record<Severity, SeverityPolicy>>;
  /** Share of a goal after which the target is at risk (warning), 0 < share < 1. Default 0.75. */
  atRiskShare: number;
  escalation: EscalationPolicy;
  autoClose: AutoClosePolicy;
  reopen: ReopenPolicy;
  /** Which channels each support plan allows (phone support is a plan entitlement). */
  plans: Readonly<Record<SupportPlan, PlanEntitlements>>;
  licensing: LicensingPolicy;
  /** The default business calendar template; each account supplies its time zone. */
  calendar: BusinessCalendarTemplate;
  /**
   * Further calendar templates by name (`de-public-holidays`), for customers whose working hours or
   * public holidays differ from the default's. An account may name one (`calendar`); each case
   * records the name it was opened under and keeps it. Empty by default.
   */
  calendars: Readonly<Record<string, BusinessCalendarTemplate>>;
}

export interface SeverityPolicy {
  /** e.g. `Production System Down`. */
  name: string;
  /** Channels a case of this severity may be reported through. */
  channels: readonly SupportChannel[];
  /** Initial response goal: the response clock stops at the first public engineer reply. */
  responseGoal: SlaDuration;
  /** Resolution goal: the clock pauses while the case awaits the customer. */
  resolutionGoal: SlaDuration;
}

export interface EscalationPolicy {
  /** How soon an engineer must acknowledge an escalation. Default 1 hour wall clock. */
  acknowledgementWindow: SlaDuration;
  /** Status-update cadence per severity. Default 4 hours (wall clock) for 1, 1 business day otherwise. */
  statusUpdateCadence: Readonly<Record<Severity, SlaDuration>>;
}

export interface ReopenPolicy {
  /** How long after closure a case may still be reopened ("recently closed"). Default 30 days wall clock. */
  window: SlaDuration;
}

export interface AutoClosePolicy {
  /** A resolved case with no activity for this long is closed automatically. Default 7 days wall clock. */
  quietPeriod: SlaDuration;
}

export interface PlanEntitlements {
  channels: readonly SupportChannel[];
}

/** `disposableEmailDomains` and `refusedEmailDomains`: see EmailDomainRules. */
export interface LicensingPolicy extends EmailDomainRules {
  /**
   * Case-insensitive regular-expression sources matched against the whole local part of an email
   * (before `@`); a match means a group mailbox or distribution list, refused for licensed users.
   */
  groupMailboxPatterns: readonly string[];
  /** Pending invitations older than this are surfaced for follow-up (the policy promises 48 hours). */
  pendingInvitationFollowUpHours: number;
}
