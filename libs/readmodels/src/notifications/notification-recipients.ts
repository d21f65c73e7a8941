import type { OpenedCase } from '@casetrail/domain';
import type { AccountFacts } from './notification-facts';
import { isCustomerVisible, type CaseNotificationKind } from './notification-kinds';

/**
 * Why someone receives a notification; shown in the message footer, so people know how to stop it.
 * `invitee`: the person a licence invitation is for (see invitation-notifications.ts).
 */
export type RecipientReason =
  'opener' | 'case-team' | 'shared' | 'csm' | 'assignee' | 'case-staff' | 'support-team' | 'invitee';

const STAFF_REASONS: ReadonlySet<RecipientReason> = new Set([
  'csm',
  'assignee',
  'case-staff',
  'support-team',
]);

export interface NotificationRecipient {
  /** Lower-cased. */
  email: string;
  name?: string;
  /** Staff when any reason is a staff one; a customer otherwise. */
  audience: 'customer' | 'staff';
  reasons: RecipientReason[];
}

export interface RecipientFacts {
  kind: CaseNotificationKind;
  /** Who caused the event (the event's `by`): people are not emailed about their own change. */
  actor: string;
  /** The case as it stands right after the event (shares and assignee included). */
  state: OpenedCase;
  /** The case's account as it stood at the event: case team with preferences, CSM. */
  account?: AccountFacts;
  /** Engineers and CSMs who have acted on the case so far. */
  caseStaff: readonly string[];
  /** The support team's address list ("engineers" for SLA and escalation events). */
  supportTeam: readonly string[];
  /**
   * For a share or an unshare, the person it is about: the other people the case is shared with
   * are not told of it (see notificationRecipients).
   */
  shareSubject?: string;
}

/**
 * Who hears of an event (DOMAIN.md Notifications, and the staff rules):
 * - customer-visible kinds: the opener, case-team members who did not opt out, people the case is
 *   shared with, except that a share or an unshare reaches, of those, only the person it is
 *   about: a share lets one person in, it does not tell them whom else the case was shared with
 *   (their case detail and history do not either);
 * - every kind: the assigned engineer, and the CSM when the case is Mission Critical ("notified of
 *   all activity on the account's cases");
 * - internal notes: additionally every engineer or CSM who has acted on the case, and nobody else;
 * - escalations and SLA alerts: additionally the support team's address list.
 * Never the actor. A person reached for several reasons gets one notification listing them all.
 */
export function notificationRecipients(facts: RecipientFacts): NotificationRecipient[] {
  const { kind, state, account } = facts;
  const recipients = new Map<string, NotificationRecipient>();
  const add = (email: string | null | undefined, reason: RecipientReason, name?: string) => {
    if (!email) return;
    const key = email.trim().toLowerCase();
    const existing = recipients.get(key);
    if (existing) {
      if (!existing.reasons.includes(reason)) existing.reasons.push(reason);
      existing.name ??= name;
      return;
    }
    recipients.set(key, { email: key, ...(name ? { name } : {}), audience: 'customer', reasons: [reason] });
  };

  if (isCustomerVisible(kind)) {
    add(state.openedBy.email, 'opener', state.openedBy.name);
    for (const [email, member] of Object.entries(account?.team ?? {})) {
      if (member.notify) add(email, 'case-team', member.name);
    }
    const subject = facts.shareSubject?.trim().toLowerCase();
    for (const share of state.shares) {
      if (subject === undefined || share.email.trim().toLowerCase() === subject)
        add(share.email, 'shared', share.name);
    }
  }
  add(state.assignee, 'assignee');
  if (state.missionCritical) add(account?.csm, 'csm');
  if (kind === 'internal-note') for (const email of facts.caseStaff) add(email, 'case-staff');
  if (kind === 'escalation' || kind === 'sla-alert') {
    for (const email of facts.supportTeam) add(email, 'support-team');
  }

  const actor = facts.actor.trim().toLowerCase();
  return [...recipients.values()]
    .filter((recipient) => recipient.email !== actor)
    .map((recipient): NotificationRecipient => ({
      ...recipient,
      audience: recipient.reasons.some((reason) => STAFF_REASONS.has(reason)) ? 'staff' : 'customer',
    }))
    .sort((left, right) => (left.email < right.email ? -1 : left.email > right.email ? 1 : 0));
}
