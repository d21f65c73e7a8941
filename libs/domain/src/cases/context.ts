import type { CustomerRole } from '../accounts/customer-role';
import type { SupportPolicy } from '../policy/support-policy';
import type { BusinessCalendar } from '../sla/calendar/business-calendar';
import type { SlaTarget } from '../sla/targets/sla-target';
import type { CaseEntitlementSnapshot } from './entitlement';

/**
 * Everything a case decision needs besides the command and the case's own events. The application
 * fills it; the decider never reads a clock, a store or the environment.
 */
export interface CaseDecisionContext {
  /** The support policy in force now (goals, channels per plan, escalation cadences, quiet period). */
  policy: SupportPolicy;
  /**
   * The case's business calendar (`resolveCalendar(policy, ...)`): for OpenCase the account's
   * current calendar and zone, for every later command the calendar and zone the case recorded when
   * it was opened. All SLA, escalation and auto-close instants are computed in it.
   */
  calendar: BusinessCalendar;
  /**
   * The calendar of the policy version a target was computed under (the case's calendar name and
   * zone in that version), for carrying that target's own deadline over a pause: the customer's
   * answer moves it as it was set, not re-measured on calendars edited since. Absent: `calendar`.
   */
  targetCalendar?: (target: SlaTarget) => BusinessCalendar;
  /**
   * For OpenCase: which of the policy's named calendars `calendar` was built from (absent: the
   * default). `CaseOpened` records it, so the case keeps it whatever the account changes later.
   */
  calendarName?: string;
  /** Required by OpenCase: what the licence records say about the licence and the opening user. */
  entitlement?: CaseEntitlementSnapshot;
  /**
   * For ShareCase/UnshareCase/Escalate by a customer: that customer's permissions as a registered user of the
   * case's licence, as recorded, and the licence's `activeUntil`. The opener may share only with
   * **share tickets** of a licence that has not expired; absent means none. Expiry is time, not an
   * event, so the decider judges it at the command's instant (as for OpenCase) and can tell an
   * opener whose licence ended exactly that, instead of blaming a permission they hold.
   */
  actorLicencePermissions?: {
    shareTickets: boolean;
    licenceActiveUntil: string;
    /**
     * Whether they are a registered (active) user of that licence. For Escalate: one whose licence
     * has expired is told so, not that only licensed users escalate (see customerEscalationRefusal).
     */
    registered?: boolean;
    /**
     * They were a user of that licence and were removed (and not added again): refused sharing or
     * escalating, they are told that, not the rule of who may (which reads as if they never could).
     */
    removed?: boolean;
    /** The licence's holder, named in refusals as someone who can grant permissions or add users back. */
    holderEmail?: string;
  };
  /**
   * For Escalate by a customer: whether they are an active licensed user of the case's account.
   * Case-team members and shared users who hold no licence follow a case but may not escalate it.
   * For CloseCase by a customer too: closing ends an open escalation, which only those who may
   * escalate may do.
   */
  actorIsLicensedUser?: boolean;
  /**
   * For Escalate by a customer who is not a licensed user of the case's account: whether the case's
   * opener is one now (a registered user of a licence of the account in force), and so can escalate
   * it. False: the refusal names support instead of the opener, who would be refused too. Absent: not
   * known, the opener is named as before.
   */
  openerMayEscalate?: boolean;
  /**
   * For CloseCase by a customer who may not end the case's open escalation: of the case's opener and
   * the person who requested the escalation, those who may not end it either (no licence of the
   * account in force is theirs, or they are staff), so the refusal names someone who can close it
   * (firstWhoCanAct), not someone who would be refused too. Absent: not known, the opener is named.
   */
  closersOutOfReach?: readonly string[];
  /**
   * Required by ReviewMissionCritical: whether the case's account holds an active mission-critical
   * licence at the command's instant (`isMissionCriticalAccount`).
   */
  accountMissionCritical?: boolean;
  /**
   * For AssignEngineer: how the licence and account records know the email to be assigned, when
   * they know it as a customer's (on any account). Staff are not in any directory (roles come from
   * tokens), so this is what keeps a customer from being made a case's "engineer", who would then
   * receive its internal notes. For an engineer taking the case themselves, only what they did as
   * a customer (not a share or an invitation, which customers type) is looked up for it.
   */
  engineerCustomerRole?: CustomerRole;
  /**
   * For AssignEngineer: the records vouch for the email as staff (an account's CSM, or someone
   * assigned a case before), so no customer record, this case's shares included, makes them one:
   * a customer sharing the case with an engineer's email cannot block their assignment.
   */
  engineerKnownStaff?: boolean;
  /**
   * For AssignEngineer: nothing vouches for the email as staff (no record, no staff email domain)
   * and nothing knows it as a customer's. The assignee is told everything, internal notes
   * included, so an engineer may not hand a case to such an address (a typo, an outsider's); its
   * owner, once they hold an engineer's token, may take a case themselves, and is known from then on.
   */
  engineerUnvouched?: boolean;
  /**
   * For AssignEngineer: the email is the CSM of accounts other than the case's, and nothing shows
   * them to be an engineer too (no case taken themselves; a staff email domain does not, as all
   * CSMs are at the vendor's domain). A CSM sees
   * only their own accounts' cases (404 for this one), yet the assignee is mailed everything on it,
   * internal notes included, so a colleague may not assign them; the case's own CSM may be.
   */
  engineerOnlyCsmOfOtherAccounts?: boolean;
  /**
   * For ReopenCase and AddComment (and Escalate on a resolved case) by a customer, and any command of a customer on a closed or
   * redirected case (its refusal words the way on, see closedCaseOutlook): the `activeUntil` of the
   * case's licence, as
   * recorded now. A reopening puts the case back under its resolution SLA as logging one does, so on
   * an expired licence a customer may not reopen (see customerReopeningRefusal). Absent: no licence
   * facts were loaded (staff, timers), and nothing is refused for expiry.
   */
  caseLicenceActiveUntil?: string;
  /**
   * Loaded with caseLicenceActiveUntil: the holder of the case's licence, named in a licence-expired
   * refusal as the one to ask for its renewal (askForRenewal), as the licence side and its mails do.
   */
  caseLicenceHolderEmail?: string;
  /**
   * For ReopenCase and AddComment by a customer: they are outside the case's account (neither its
   * opener nor one of the account's own people, as the case's history counts them), so a refusal for
   * the licence's expiry tells them no licence terms (see customerReopeningRefusal).
   */
  licenceTermsWithheld?: boolean;
  /**
   * For AcknowledgeEscalation of one already acknowledged: those the owed-by rule may name (assignee,
   * last updater, acknowledger) who can no longer see the case (an assignee nothing vouches for, a
   * CSM taken off the account), so the refusal names who owes the updates as the board does.
   */
  statusUpdatesOutOfReach?: readonly string[];
  /**
   * Of those, the case's assignee when they can still see it but the records do not vouch for them
   * as staff (their mail is held back): the refusal says so, in the words of the alerts' "Owed by"
   * line, rather than that they can no longer see the case (a CSM's lost sight).
   */
  statusUpdatesNotVouched?: readonly string[];
}
