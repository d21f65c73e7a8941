import { normalizeEmail, type OpenedCase } from '@casetrail/domain';
import { accountMissionCriticalAt } from './mission-critical-facts';
import type { AccountFacts } from './notification-facts';
import { isCustomerVisible, type CaseNotificationKind } from './notification-kinds';

/**
 * Why someone receives a notification; shown in the message footer, so people know how to stop it.
 * `invitee`: the person a licence invitation is for (see invitation-notifications.ts); `holder`: the
 * holder of a licence just issued (licence-issue-notifications.ts); `licensed-user`: the user a change
 * of a licence's users is about (licence-change-notifications.ts).
 */
export type RecipientReason =
  | 'opener'
  | 'case-team'
  | 'shared'
  | 'csm'
  | 'assignee'
  | 'previous-assignee'
  | 'case-staff'
  | 'support-team'
  | 'escalation-requester'
  | 'escalation-acknowledger'
  | 'invitee'
  | 'holder'
  | 'previous-holder'
  | 'licensed-user';

const STAFF_REASONS: ReadonlySet<RecipientReason> = new Set([
  'csm',
  'assignee',
  'previous-assignee',
  'case-staff',
  'support-team',
  'escalation-acknowledger',
]);

export interface NotificationRecipient {
  /** Lower-cased. */
  email: string;
  name?: string;
  /** Staff when any reason is a staff one; a customer otherwise. */
  audience: 'customer' | 'staff';
  reasons: RecipientReason[];
  /**
   * Not to be sent, and why: reached only as the case's (previous) assignee, a CSM taken off its
   * account who may no longer see it. The row is written anyway, so the delivery worker records it
   * withheld (`casetrail notifications` counts and lists it) instead of nobody knowing it was missed.
   */
  withheld?: string;
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
  /**
   * Of those staff, the ones whose latest act on the case they made as a CSM and nothing more (no
   * engineer, auditor or admin role, which see every case), and an assignee assigned it while CSM
   * of its account who had not acted on it. A CSM sees only the cases of the accounts they are CSM
   * of (DOMAIN.md "Who may see a case"), so such a person hears of the case, as one who worked on
   * it or as its assignee, only while CSM of its account. Absent: none known.
   */
  accountBoundStaff?: readonly string[];
  /** The support team's address list ("engineers" for SLA and escalation events). */
  supportTeam: readonly string[];
  /**
   * For a share or an unshare, the person it is about: the other people the case is shared with
   * are not told of it (see notificationRecipients).
   */
  shareSubject?: string;
  /**
   * For an assignment that takes the case from someone (`previousEngineer`), that person: until now
   * they heard of everything on the case, internal notes included, and must learn that it left
   * their `mine` queue, to whom and by whom, rather than both colleagues believing they own it.
   */
  previousAssignee?: string;
  /**
   * The event is a customer's own word on the case, a public comment or an escalation they
   * requested (on a case awaiting them, either is their answer): on a case nobody is assigned, the
   * staff who acted on it (the engineer who asked the customer for information above all) hear of
   * it, as nobody else at the vendor does but the support team list an escalation reaches anyway.
   */
  fromCustomer?: boolean;
  /**
   * For an escalation event, for the closure that ended an escalation (the opener's), and for the
   * resolution, an information request or a reopening while one is open, the customer who requested
   * the escalation, when they see the case as a licensed user with see-shared-tickets at the event
   * (the writer checks that; the opener, the case team and the shares are recipients anyway): the
   * vendor's answer, what the customer side must act on, and the escalation's end, are for them.
   */
  escalationRequester?: string;
  /**
   * For an alert that the acknowledged escalation's status update is overdue (and its reminders),
   * the engineer who owes it while the case is assigned to nobody: the one who last acknowledged it
   * or posted one of its updates (statusUpdatesOwedBy in the domain; an assignee owes it otherwise).
   */
  statusUpdateOwedBy?: string;
  /**
   * For that alert (and its reminders), when the "Owed by" rule passed over someone who can no
   * longer see the case, who acknowledged the escalation: they took it on, and hear that its update
   * is missing whoever owes it now (finding F6: they heard nothing while it was owed by an ex-CSM).
   */
  escalationAcknowledgedBy?: string;
}

/**
 * Who hears of an event (DOMAIN.md Notifications, and the staff rules):
 * - customer-visible kinds: the opener, case-team members who did not opt out, people the case is
 *   shared with, except that a share or an unshare reaches, of those, only the person it is
 *   about: a share lets one person in, it does not tell them whom else the case was shared with
 *   (their case detail and history do not either);
 * - every kind: the assigned engineer, and the CSM when the case is Mission Critical ("notified of
 *   all activity on the account's cases");
 * - an assignment that takes the case from someone: additionally that previous assignee (staff);
 * - internal notes: additionally every engineer or CSM who has acted on the case, and nobody else;
 * - a customer's public comment or escalation on a case assigned to nobody: additionally those same
 *   staff (the engineer who asked for information is told the answer, by comment or by escalation;
 *   once assigned, the assignee is);
 * - escalations and SLA alerts: additionally the support team's address list; escalations, and the
 *   closure that ended one, also the customer who requested it, while they see the case through
 *   see-shared-tickets (so too the resolution, an information request or a reopening while it is open);
 * - a missed status update's alert and reminders: additionally, on a case assigned to nobody, the
 *   engineer who last acknowledged the escalation or posted one of its updates and so owes it
 *   (statusUpdateOwedBy; on an assigned case the assignee owes it, and is a recipient anyway);
 * Never the actor, and never, as its assignee or for having worked on it, a CSM taken off the case's
 * account since (see accountBoundStaff): the API answers them 404 for the case, so mail about it
 * (internal notes above all) must not reach them either; designated again, they hear of it again.
 * A person reached for several reasons gets one notification listing them all.
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
    add(facts.escalationRequester, 'escalation-requester');
  }
  const seesCase = staffWhoSeeTheCase(facts);
  const withheld = new Map<string, string>();
  // An assignee who may not see the case is written down as withheld, not left out unrecorded.
  const addAssignee = (email: string, reason: 'assignee' | 'previous-assignee') => {
    add(email, reason);
    if (!seesCase(email)) withheld.set(email.trim().toLowerCase(), notSeeingTheCase(email, reason));
  };
  if (state.assignee) addAssignee(state.assignee, 'assignee');
  if (facts.statusUpdateOwedBy && seesCase(facts.statusUpdateOwedBy))
    add(facts.statusUpdateOwedBy, 'escalation-acknowledger');
  if (facts.escalationAcknowledgedBy && seesCase(facts.escalationAcknowledgedBy))
    add(facts.escalationAcknowledgedBy, 'escalation-acknowledger');
  if (kind === 'assignment' && facts.previousAssignee)
    addAssignee(facts.previousAssignee, 'previous-assignee');
  // The account's cover at the event, too: a case records a re-plan only once the Mission Critical
  // review reaches it, and the CSM hears of all activity on the account's cases from the re-plan on.
  if (state.missionCritical || accountMissionCriticalAt(account, state.lastChangedAt))
    add(account?.csm, 'csm');
  if (kind === 'internal-note' || (facts.fromCustomer === true && !state.assignee)) {
    for (const email of facts.caseStaff) if (seesCase(email)) add(email, 'case-staff');
  }
  if (kind === 'escalation' || kind === 'sla-alert') {
    for (const email of facts.supportTeam) add(email, 'support-team');
  }

  const actor = facts.actor.trim().toLowerCase();
  return [...recipients.values()]
    .filter((recipient) => recipient.email !== actor)
    .map((recipient): NotificationRecipient => ({
      ...recipient,
      audience: recipient.reasons.some((reason) => STAFF_REASONS.has(reason)) ? 'staff' : 'customer',
      // Withheld only when being the assignee is all that reaches them (another reason vouches).
      ...(withheld.has(recipient.email) && recipient.reasons.every(isAssigneeReason)
        ? { withheld: withheld.get(recipient.email) }
        : {}),
    }))
    .sort((left, right) => (left.email < right.email ? -1 : left.email > right.email ? 1 : 0));
}

function isAssigneeReason(reason: RecipientReason): boolean {
  return reason === 'assignee' || reason === 'previous-assignee';
}

/** Why an assignee the facts show may not see the case is not sent its mail (see `withheld`). */
function notSeeingTheCase(email: string, reason: 'assignee' | 'previous-assignee'): string {
  const as = reason === 'assignee' ? "the case's assignee" : "the case's previous assignee";
  return (
    `not sent: ${email} is ${as} but acts as a CSM only and was not the CSM of the case's account ` +
    'at the event (taken off it since), so may not see the case; assign the case to an engineer'
  );
}

/**
 * Whether a member of staff named on the case (its assignee, someone who worked on it) may see it
 * as the facts stood at the event: anyone not known to act as a CSM only does (engineers see every
 * case); a CSM only does while CSM of the case's account.
 */
function staffWhoSeeTheCase(facts: RecipientFacts): (email: string) => boolean {
  return staffSeeingTheCase(facts.accountBoundStaff, facts.account?.csm);
}

/**
 * The same judgement from the facts themselves (the staff known to act as a CSM only, the account's
 * CSM now), for whoever else must know who can still act on the case (the "Owed by" rule).
 */
export function staffSeeingTheCase(
  accountBoundStaff: readonly string[] | undefined,
  accountCsm: string | null | undefined,
): (email: string) => boolean {
  const accountBound = new Set((accountBoundStaff ?? []).map(normalizeEmail));
  const csm = accountCsm ? normalizeEmail(accountCsm) : undefined;
  return (email) => {
    const key = normalizeEmail(email);
    return !accountBound.has(key) || key === csm;
  };
}
