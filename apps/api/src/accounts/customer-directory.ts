import { Inject, Injectable, Optional } from '@nestjs/common';
import { normalizeEmail, type CustomerRole } from '@casetrail/domain';
import type { ReadModelStore, Where } from '@casetrail/readmodels';
import { ACCOUNTS, CASE_TEAM_MEMBERS } from '@casetrail/readmodels/accounts/accounts.projection';
import { CASES, CASE_SHARES } from '@casetrail/readmodels/cases/cases.projection';
import { SELF_ASSIGNED_ENGINEERS } from '@casetrail/readmodels/cases/self-assignments';
import { LICENCES, LICENSED_USERS } from '@casetrail/readmodels/licences/licences.projection';
import { atStaffDomain, STAFF_EMAIL_DOMAINS } from '../config/staff-email-domains';
import { ProjectionCatchUp } from '../projections/projection-catch-up';
import { READ_MODEL_STORE } from '../storage/storage.tokens';

/** How the records stand on a case's assignee (see CustomerDirectory.assigneeStanding). */
export type AssigneeStanding =
  | { vouched: true; customerRole?: never; unvouched?: never; csmOfOtherAccounts?: never }
  | { vouched: false; customerRole: CustomerRole; unvouched?: never; csmOfOtherAccounts?: never }
  | { vouched: false; unvouched: true; customerRole?: never; csmOfOtherAccounts?: never }
  | { vouched: false; csmOfOtherAccounts: true; customerRole?: never; unvouched?: never };

/** One kind of customer record: the role it shows, and where to look for the email. */
type CustomerEvidence = readonly [role: CustomerRole, collection: string, where: Where];

/**
 * Whether the licence, account and case records know an email as a customer's, on any account.
 * There is no directory of staff (their roles come from tokens), so the customers' records are what
 * a decision can check a would-be assignee or CSM against. Waits, as case commands do, until the
 * read models include every licence, account and case event stored so far.
 *
 * The records weigh differently, by who could have written the email into them:
 * - The CSM an admin named for an account is staff, whatever else says otherwise: the admin was
 *   refused a known customer then, and customers cannot write that record.
 * - What the person did as a customer, or what the vendor recorded about them as one, makes them a
 *   customer: they opened a case (their own on the web, or one an engineer opened for them when
 *   they phoned), completed registration on a licence, hold a licence, or are on a case team.
 *   No customer can put someone else's email there.
 * - Having taken a case themselves vouches for staff (only an engineer's token can), and so does an
 *   address at one of the STAFF_EMAIL_DOMAINS, but only against what follows. Being assigned a
 *   case by someone else does not: it is only as sound as the check that let it through, and
 *   assignments stored before there was one named outsiders, who would vouch for themselves.
 *   Such an assignment stays in the history; `assigneeStanding` tells it apart from a vouched one.
 * - An invitation still pending and a case share are records customers write themselves, so a
 *   customer could type a vendor engineer's email into them and have that engineer refused
 *   everywhere (as an assignee, and as a CSM the admin names): they make a customer only of someone
 *   nothing above vouches for. A new engineer whose email a customer typed can still take a case
 *   themselves, and is known from then on.
 */
@Injectable()
export class CustomerDirectory {
  private readonly staffDomains: readonly string[];

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: Pick<ProjectionCatchUp, 'waitForHead'>,
    // Absent where no API settings are read (the projector, the delivery worker): no domain vouches.
    @Optional() @Inject(STAFF_EMAIL_DOMAINS) staffDomains?: readonly string[] | null,
  ) {
    this.staffDomains = staffDomains ?? [];
  }

  /**
   * A directory judging by the read models as they stand, without waiting for them to catch up:
   * waiting is for commands (which must see their own writes); reads and the delivery worker, which
   * may run where no projection does, judge by the record as it is.
   */
  static asTheyStand(readModels: ReadModelStore, staffDomains?: readonly string[]): CustomerDirectory {
    return new CustomerDirectory(readModels, { waitForHead: async () => true }, staffDomains);
  }

  /** How the records know the email as a customer's, if they do (staff they vouch for are not). */
  async roleOf(email: string): Promise<CustomerRole | undefined> {
    const standing = await this.standingOf(email);
    return standing === 'staff' ? undefined : standing;
  }

  /**
   * `staff` when the records vouch for the email as staff (see above; nobody's customer then),
   * otherwise how they know it as a customer's, if they do. One wait for the read models.
   */
  async standingOf(email: string): Promise<'staff' | CustomerRole | undefined> {
    await this.catchUp.waitForHead(['licences', 'accounts', 'cases']);
    const wanted = normalizeEmail(email);
    if (await this.anyIn(ACCOUNTS, { csm: wanted })) return 'staff';
    // Customer evidence outweighs an assignment: an assignment is only as sound as the check that
    // let it through, and that check once missed former openers (a customer removed from her
    // licence was assigned another company's case and emailed its internal notes). Had the
    // assignment won, such a mistake, once stored, would have made her staff for good; this way
    // she is refused from the next assignment on, and cannot be named a CSM.
    const acted = await this.firstFound(actedAsCustomer(wanted));
    if (acted) return acted;
    if (await this.tookACaseThemselves(wanted)) return 'staff';
    if (atStaffDomain(wanted, this.staffDomains)) return 'staff';
    return this.firstFound(namedByACustomer(wanted));
  }

  /**
   * How the email is known as a customer's by what the person did (or the vendor recorded) as one,
   * if it is: all that refuses someone taking a case themselves. Records customers write themselves
   * (a share, a pending invitation) do not count, so no customer can keep an engineer from taking a
   * case; a CSM the admin named is staff whatever else says. One wait for the read models.
   */
  async actedAsCustomer(email: string): Promise<CustomerRole | undefined> {
    await this.catchUp.waitForHead(['licences', 'accounts', 'cases']);
    const wanted = normalizeEmail(email);
    if (await this.anyIn(ACCOUNTS, { csm: wanted })) return undefined;
    return this.firstFound(actedAsCustomer(wanted));
  }

  /**
   * The accounts the email is the CSM of, when that is all that vouches for it as staff: no staff
   * email domain, and no case taken themselves (which only an engineer, who sees every case, can).
   * Undefined when it is no CSM or something else vouches for it. A CSM sees only their accounts'
   * cases, so the assignment check needs this. Asked after `standingOf`, whose wait for the read
   * models it relies on.
   */
  async onlyCsmOf(email: string): Promise<string[] | undefined> {
    const wanted = normalizeEmail(email);
    const { items } = await this.readModels.find<{ id: string }>(ACCOUNTS, { where: { csm: wanted } });
    const accountIds = items.map((account) => account.id);
    if (accountIds.length === 0 || atStaffDomain(wanted, this.staffDomains)) return undefined;
    if (await this.tookACaseThemselves(wanted)) return undefined;
    return accountIds;
  }

  /**
   * Whether the records vouch for the email as the assignee of a case of the account, as a
   * colleague's assignment of them would be judged now: `vouched`, or why not. An assignment stored
   * before the rules (or before the person became known as a customer) stays in the history; the
   * case detail and the mail read this to tell staff, and to hold back what only staff are told.
   */
  async assigneeStanding(email: string, accountId: string): Promise<AssigneeStanding> {
    return (await this.assigneeStandingOnEachAccount(email))(accountId);
  }

  /**
   * `assigneeStanding` for every account at once: the records are read once for the email, and
   * only the accounts it is the CSM of tell one account's case from another's. For a page of cases
   * (a queue) that names the same few assignees on many rows.
   */
  async assigneeStandingOnEachAccount(email: string): Promise<(accountId: string) => AssigneeStanding> {
    const standing = await this.standingOf(email);
    if (standing !== undefined && standing !== 'staff') {
      const customerRole = standing;
      return () => ({ vouched: false, customerRole });
    }
    if (standing === undefined) return () => ({ vouched: false, unvouched: true });
    const csmOf = await this.onlyCsmOf(email);
    return (accountId) =>
      csmOf && !csmOf.includes(accountId) ? { vouched: false, csmOfOtherAccounts: true } : { vouched: true };
  }

  /** Taken a case themselves, once is enough (see self-assignments.ts). */
  private async tookACaseThemselves(email: string): Promise<boolean> {
    return (await this.readModels.get(SELF_ASSIGNED_ENGINEERS, email)) !== undefined;
  }

  /** The role of the first evidence, in the order given, that holds the email (looked up at once). */
  private async firstFound(evidence: readonly CustomerEvidence[]): Promise<CustomerRole | undefined> {
    const found = await Promise.all(evidence.map(([, collection, where]) => this.anyIn(collection, where)));
    return evidence[found.indexOf(true)]?.[0];
  }

  private async anyIn(collection: string, where: Where): Promise<boolean> {
    return (await this.readModels.find(collection, { where, limit: 1 })).items.length > 0;
  }
}

/**
 * Records only the person or the vendor writes. `openedBy` is always the customer the case is for:
 * an engineer opening a phone case on someone's behalf is recorded as `loggedBy`, never looked at
 * here. Every lookup is on an indexed field (`openedBy` leads its own index on the cases).
 */
function actedAsCustomer(email: string): CustomerEvidence[] {
  return [
    // Registration is completed by the invitee themselves (or an admin).
    ['licensed user', LICENSED_USERS, { email, status: 'active' }],
    // An admin names the holder when issuing the licence.
    ['licence holder', LICENCES, { holderEmail: email }],
    // Only staff add case-team members.
    ['case-team member', CASE_TEAM_MEMBERS, { email }],
    // Kept after the opener is removed from every licence: they were a customer all the same.
    ['case opener', CASES, { openedBy: email }],
  ];
}

/** Records customers write themselves, with any email they type (see the class comment). */
function namedByACustomer(email: string): CustomerEvidence[] {
  return [
    ['licensed user', LICENSED_USERS, { email }],
    ['shared user', CASE_SHARES, { email }],
  ];
}
