import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  CaseCommand,
  CaseDecisionContext,
  CaseEntitlementSnapshot,
  CaseState,
  PolicyVersions,
  SupportPolicy,
  findLicensedUser,
  isLicenceActive,
  isMissionCriticalAccount,
  normalizeEmail,
  openEscalation,
  seatsHeld,
  seatsLeft,
} from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { businessCalendarOf } from '../../calendars/business-calendar-of';
import { LicenceDirectory } from '../../licences/licence-directory';
import { CustomerDirectory } from '../../accounts/customer-directory';
import { POLICY_VERSIONS, SUPPORT_POLICY } from '../../runtime/runtime';
import { EVENT_STORE, READ_MODEL_STORE } from '../../storage/storage.tokens';
import { escalationReach } from '../queries/escalation-reach';
import { LicenceAndAccountFolds } from './licence-and-account-folds';

/**
 * Gathers what a case decision needs besides the case's own events: the policy, the business
 * calendar (the account's when opening, the one the case was opened under afterwards), for opening,
 * sharing, escalating or closing, what the licence records say about the person, for an
 * assignment, whether the assignee is known as staff or as a customer, and for the
 * mission-critical review, whether the account holds Mission Critical cover.
 * Licence and account facts are folded from their streams, so they are never stale: the folded
 * state is kept between commands, but each load folds in whatever the stream gained since.
 */
@Injectable()
export class CaseContextLoader {
  /** Also where a command's access is looked at again (ExecuteCaseCommand): one fold of each stream. */
  readonly folds: LicenceAndAccountFolds;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
    @Inject(LicenceDirectory) private readonly licences: LicenceDirectory,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Optional() @Inject(POLICY_VERSIONS) versions?: PolicyVersions,
    // Where the notification writer's facts are (who can still see a case); absent: everyone can.
    @Optional() @Inject(READ_MODEL_STORE) private readonly readModels?: ReadModelStore,
  ) {
    this.folds = new LicenceAndAccountFolds(events);
    this.versions = versions ?? new PolicyVersions(policy);
  }

  /** The recorded policy versions: a target's deadline is carried on its own version's calendars. */
  private readonly versions: PolicyVersions;

  async load(command: CaseCommand, state: CaseState): Promise<CaseDecisionContext> {
    if (command.type === 'OpenCase') {
      const entitlement = await this.entitlement(
        command.licenceId,
        command.onBehalfOf ?? command.actor.email,
        command.at,
      );
      // The account's calendar as it is now; the case records its name and keeps it from then on.
      // One the policy no longer has gives the default, and the case records the default it got.
      const { calendar, name } = businessCalendarOf(this.policy, entitlement?.account ?? {});
      return {
        policy: this.policy,
        calendar,
        ...(name !== undefined ? { calendarName: name } : {}),
        entitlement,
      };
    }
    const opened = state.status === 'none' ? {} : state;
    const context: CaseDecisionContext = {
      policy: this.policy,
      // The calendar and zone the case was opened under, whatever its account says now.
      calendar: businessCalendarOf(this.policy, opened).calendar,
      targetCalendar: (target) =>
        businessCalendarOf(this.versions.policyOf(target.policyVersion), opened).calendar,
    };
    if (command.type === 'ReviewMissionCritical' && state.status !== 'none') {
      const accountLicences = await this.licences.issuedForAccount(state.accountId);
      context.accountMissionCritical = isMissionCriticalAccount(accountLicences, command.at);
    }
    // A malformed email is the decider's to refuse, naming the field. An engineer taking the case
    // themselves needs no one to vouch for them (assign-engineer.ts), but is refused if what they
    // did as a customer makes them one (finding F8: a customer's address with an engineer's token
    // took a case, and its mail was held back at once); that one lookup is all that is made for it.
    if (
      command.type === 'AssignEngineer' &&
      typeof command.engineer === 'string' &&
      normalizeEmail(command.engineer) === normalizeEmail(command.actor.email)
    ) {
      const role = await this.customers.actedAsCustomer(command.engineer);
      if (role) context.engineerCustomerRole = role;
    }
    if (
      command.type === 'AssignEngineer' &&
      typeof command.engineer === 'string' &&
      normalizeEmail(command.engineer) !== normalizeEmail(command.actor.email) &&
      state.status !== 'none'
    ) {
      // The directory's one judgement of an assignee on this account's cases, as the queues and the
      // mail judge them (a case of no account is refused as unknown before any of this counts).
      const standing = await this.customers.assigneeStanding(command.engineer, state.accountId);
      if (standing.customerRole) context.engineerCustomerRole = standing.customerRole;
      else if (standing.unvouched) context.engineerUnvouched = true;
      else {
        context.engineerKnownStaff = true;
        if (standing.csmOfOtherAccounts) context.engineerOnlyCsmOfOtherAccounts = true;
      }
    }
    if (command.type === 'AcknowledgeEscalation' && state.status !== 'none' && this.readModels) {
      const escalation = openEscalation(state);
      if (escalation?.status === 'acknowledged') {
        const { outOfReach, notVouched } = await escalationReach(state, this.readModels, this.customers);
        context.statusUpdatesOutOfReach = [
          state.assignee,
          escalation.lastStatusUpdateBy,
          escalation.acknowledgedBy,
        ].filter((email): email is string => email !== undefined && outOfReach(email));
        if (state.assignee && notVouched(state.assignee)) context.statusUpdatesNotVouched = [state.assignee];
      }
    }
    // A person's closure of an escalated case ends the escalation, which only those who may
    // escalate may do (close-case.ts); the timer's closure is no person's.
    const needsLicence =
      command.type === 'ShareCase' ||
      command.type === 'UnshareCase' ||
      command.type === 'Escalate' ||
      (command.type === 'CloseCase' && command.automatic !== true);
    if (needsLicence && state.status !== 'none' && command.actor.roles.length === 0) {
      const { licence, removedEmails } = await this.folds.licenceFacts(state.licenceId);
      const user = findLicensedUser(licence, command.actor.email);
      const registered = user?.status === 'active';
      // Share tickets and registration as recorded on the case's own licence, with that licence's
      // term: the decider judges expiry at the command's instant, so it can say the licence expired.
      if (licence.status === 'issued') {
        context.actorLicencePermissions = {
          shareTickets: registered && user.permissions.shareTickets,
          licenceActiveUntil: licence.activeUntil,
          registered,
          removed: !user && removedEmails.has(command.actor.email.toLowerCase()),
          holderEmail: licence.holderEmail,
        };
      }
      context.actorIsLicensedUser =
        (registered && isLicenceActive(licence, command.at)) ||
        (await this.licences.activeUserOfAccount(state.accountId, command.actor.email, command.at)) !==
          undefined;
      // Whom a follower's refusal sends them to: the opener only while the opener can escalate.
      const opener = state.openedBy.email;
      if (
        command.type === 'Escalate' &&
        !context.actorIsLicensedUser &&
        normalizeEmail(opener) !== normalizeEmail(command.actor.email)
      )
        context.openerMayEscalate =
          (await this.licences.activeUserOfAccount(state.accountId, opener, command.at)) !== undefined;
      // Whom a follower's refusal to close an escalated case names: the opener or the escalation's
      // requester, only while they may end it (close-case.ts whoCanClose).
      const escalation = openEscalation(state);
      if (command.type === 'CloseCase' && !context.actorIsLicensedUser && escalation) {
        const outOfReach: string[] = [];
        for (const email of new Set([opener, escalation.escalatedBy]))
          if ((await this.licences.activeUserOfAccount(state.accountId, email, command.at)) === undefined)
            outOfReach.push(email);
        context.closersOutOfReach = outOfReach;
      }
    }
    // A customer's reopening (or reply to a resolution, which reopens) restarts the SLA clock, which
    // an expired licence no longer buys: the decider judges the licence's term at the command's instant.
    // A comment or a customer's escalation reopens only a resolved case, so on any other it reads no
    // licence. Any command on a closed or redirected case is refused with the way on, reopening, which
    // a customer may take only while the licence is in force (refusal-next-step.ts words it).
    const mayReopen =
      command.type === 'ReopenCase' ||
      ((command.type === 'AddComment' || command.type === 'Escalate') && state.status === 'resolved') ||
      state.status === 'closed' ||
      state.status === 'redirected';
    if (mayReopen && state.status !== 'none' && command.actor.roles.length === 0) {
      const { licence } = await this.folds.licenceFacts(state.licenceId);
      if (licence.status === 'issued') {
        context.caseLicenceActiveUntil = licence.activeUntil;
        context.caseLicenceHolderEmail = licence.holderEmail;
      }
      // The history's rule for the account's licence terms (CaseAccess.licenceTermsSight): its
      // opener and the account's own people read them; a case-team member or sharee from elsewhere not.
      // Only a reopening's refusal is worded by it: a reply on an expired licence is kept without
      // reopening, whatever the wording, so a comment asks the directory nothing.
      const opener = normalizeEmail(state.openedBy.email) === normalizeEmail(command.actor.email);
      if (
        command.type === 'ReopenCase' &&
        !opener &&
        !(await this.licences.seesLicencesOfAccount(state.accountId, command.actor.email, command.at))
      )
        context.licenceTermsWithheld = true;
    }
    return context;
  }

  private async entitlement(
    licenceId: string,
    email: string,
    at: string,
  ): Promise<CaseEntitlementSnapshot | undefined> {
    const { licence, removedEmails } = await this.folds.licenceFacts(licenceId);
    if (licence.status !== 'issued') return undefined;
    const account = await this.folds.account(licence.accountId);
    const user = findLicensedUser(licence, email);
    const wasRemoved = !user && removedEmails.has(email.toLowerCase());
    const accountLicences = await this.licences.issuedForAccount(licence.accountId);
    // Only a customer who is no party to the licence is answered by it (404, or 403 to a colleague).
    const noParty = !user && !wasRemoved && licence.holderEmail !== normalizeEmail(email);
    const openerSeesAccountLicences =
      noParty && (await this.licences.seesLicencesOfAccount(licence.accountId, email, at));
    return {
      ...(openerSeesAccountLicences ? { openerSeesAccountLicences } : {}),
      licence: {
        id: licence.licenceId,
        accountId: licence.accountId,
        product: licence.product,
        edition: licence.edition,
        plan: licence.plan,
        activeUntil: licence.activeUntil,
        // Expiry is judged by the decider from activeUntil, so it can say "expired" precisely.
        status: 'active',
        holderEmail: licence.holderEmail,
        // A holder who is not a user is told to free a seat first when none is left (as the console says).
        seatsLeft: seatsLeft(licence.seats, seatsHeld(licence)),
      },
      membership: user
        ? {
            email: user.email,
            name: `${user.firstName} ${user.lastName}`.trim(),
            status: user.status,
            permissions: { ...user.permissions },
          }
        : wasRemoved
          ? {
              email: email.toLowerCase(),
              status: 'removed',
              permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
            }
          : undefined,
      account: {
        id: licence.accountId,
        missionCritical: isMissionCriticalAccount([licence, ...accountLicences], at),
        timeZone: account.status === 'registered' ? (account.timeZone ?? undefined) : undefined,
        calendar: account.status === 'registered' ? (account.calendar ?? undefined) : undefined,
      },
    };
  }
}
