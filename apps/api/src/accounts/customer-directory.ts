import { Inject, Injectable, Optional } from '@nestjs/common';
import { normalizeEmail, type CustomerRole } from '@casetrail/domain';
import type { FieldCondition, ReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS, CASE_TEAM_MEMBERS } from '@casetrail/readmodels/accounts/accounts.projection';
import { CSM_DESIGNATIONS } from '@casetrail/readmodels/accounts/csm-designations';
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

/**
 * One kind of customer record: the role it shows, where to look for the email (the indexed field
 * that holds it), and what else the record must show, checked on the records found: a condition on
 * a second field in the query (a licensed user's `status`) can lead SQLite to that field's index,
 * which reads every active user, instead of the email's.
 */
type CustomerEvidence = readonly [
  role: CustomerRole,
  collection: string,
  field: string,
  holds?: (record: Record<string, unknown>) => boolean,
];

/**
 * Whether the licence, account and case records know an email as a customer's, on any account.
 * There is no directory of staff (their roles come from tokens), so the customers' records are what
 * a decision can check a would-be assignee or CSM against. Waits, as case commands do, until the
 * read models include every licence, account and case event stored so far.
 *
 * The records weigh differently, by who could have written the email into them:
 * - The CSM an admin named for an account is staff, whatever else says otherwise: the admin was
 *   refused a known customer then, and customers cannot write that record. A CSM sees only the
 *   cases of the accounts they are CSM of now, so being known as a CSM (now or before: a replaced
 *   or removed CSM is still known as one) vouches for them only on those (see `csmOnlyOf`).
 * - What the person did as a customer, or what the vendor recorded about them as one, makes them a
 *   customer: they opened a case (their own on the web, or one an engineer opened for them when
 *   they phoned), completed registration on a licence, hold a licence, or are on a case team.
 *   No customer can put someone else's email there.
 * - Having taken a case themselves vouches for staff (only an engineer's token can), and so do a
 *   former CSM designation and an address at one of the STAFF_EMAIL_DOMAINS, but only against
 *   what follows. Being assigned a
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
   * Whether the records know the email as vendor staff and as no customer's: the one judgement of
   * "known staff" that refuses an address where only a customer belongs (a licence's holder or
   * user, a case-team member). Recorded there, such a person would become a customer (what a
   * customer did outweighs what vouches for staff), so an engineer could no longer take a case and
   * their cases' mail would be held back (finding security4 F3). A malformed email is no one's.
   */
  async isKnownStaff(email: unknown): Promise<boolean> {
    return typeof email === 'string' && (await this.standingOf(email)) === 'staff';
  }

  /**
   * `staff` when the records vouch for the email as staff (see above; nobody's customer then),
   * otherwise how they know it as a customer's, if they do. One wait for the read models.
   */
  async standingOf(email: string): Promise<'staff' | CustomerRole | undefined> {
    await this.catchUp.waitForHead(['licences', 'accounts', 'cases']);
    const wanted = normalizeEmail(email);
    return this.standingBy(wanted, (await this.recordsOf([wanted])).get(wanted)!);
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
    if ((await this.csmAccountsOf([wanted])).has(wanted)) return undefined;
    return (await this.firstEvidenceOf(ACTED_AS_CUSTOMER, [wanted])).get(wanted);
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
   * only the accounts it is the CSM of tell one account's case from another's.
   */
  async assigneeStandingOnEachAccount(email: string): Promise<(accountId: string) => AssigneeStanding> {
    return (await this.assigneeStandings([email])).get(email)!;
  }

  /**
   * `assigneeStandingOnEachAccount` for several emails at once, keyed by each email as given: one
   * wait for the read models, and a fixed number of queries however many emails (each kind of
   * record is asked for all of them together). For a page of cases (a queue), which names a dozen
   * engineers: asked one by one, each cost about seven queries and its own wait.
   */
  async assigneeStandings(
    emails: readonly string[],
  ): Promise<Map<string, (accountId: string) => AssigneeStanding>> {
    await this.catchUp.waitForHead(['licences', 'accounts', 'cases']);
    const records = await this.recordsOf([...new Set(emails.map(normalizeEmail))]);
    return new Map(
      emails.map((email) => {
        const wanted = normalizeEmail(email);
        return [email, this.assigneeJudge(wanted, records.get(wanted)!)] as const;
      }),
    );
  }

  /** How an assignee stands on each account's cases, by what the records hold on them. */
  private assigneeJudge(email: string, records: EmailRecords): (accountId: string) => AssigneeStanding {
    const standing = this.standingBy(email, records);
    if (standing !== undefined && standing !== 'staff') {
      const customerRole = standing;
      return () => ({ vouched: false, customerRole });
    }
    // A CSM replaced or removed, nothing else on record: known as a CSM who sees no account's cases.
    if (standing === undefined && records.wasCsm) return () => ({ vouched: false, csmOfOtherAccounts: true });
    if (standing === undefined) return () => ({ vouched: false, unvouched: true });
    const csmOf = this.csmOnlyOf(records);
    return (accountId) =>
      csmOf && !csmOf.includes(accountId) ? { vouched: false, csmOfOtherAccounts: true } : { vouched: true };
  }

  /** The one statement of the rule (see the class comment), in its order of precedence. */
  private standingBy(email: string, records: EmailRecords): 'staff' | CustomerRole | undefined {
    if (records.csmOf.length > 0) return 'staff';
    // Customer evidence outweighs an assignment: an assignment is only as sound as the check that
    // let it through, and that check once missed former openers (a customer removed from her
    // licence was assigned another company's case and emailed its internal notes). Had the
    // assignment won, such a mistake, once stored, would have made her staff for good; this way
    // she is refused from the next assignment on, and cannot be named a CSM.
    if (records.acted) return records.acted;
    if (records.tookACase) return 'staff';
    // A former designation alone does not make staff: a customer named CSM by mistake and taken off
    // again would be refused as a licensed user for good. It still keeps a staff-domain CSM from
    // being assigned the cases they no longer see (csmOnlyOf), and vouches for nobody else.
    if (atStaffDomain(email, this.staffDomains)) return 'staff';
    return records.named;
  }

  /**
   * The accounts the email is the CSM of now (none for a CSM replaced or removed), when the desk
   * knows them as a CSM (now or before) and nothing shows them to be an engineer too: no case taken
   * themselves (which only an engineer, who sees every case, can); undefined when it never was a CSM
   * or is known as an engineer. A CSM sees only their accounts' cases. A staff email domain says the person is the vendor's, not which role they work
   * under: the desk knows them as a CSM (who sees only their accounts' cases), and all the CSMs sign
   * in at the vendor's domain, so the domain does not make them an engineer (finding engineer4 F1: a
   * CSM at the staff domain was assigned another account's case, mailed its internal notes, and got
   * 404 on it). Nor does it for a CSM replaced or removed, who is CSM of fewer accounts or none now
   * (finding security4 F2: such a CSM was assigned the account's case, mailed its internal notes,
   * and got 404 on it): a former designation keeps them known as a CSM.
   */
  private csmOnlyOf(records: Pick<EmailRecords, 'csmOf' | 'tookACase' | 'wasCsm'>): string[] | undefined {
    if (records.tookACase || (records.csmOf.length === 0 && !records.wasCsm)) return undefined;
    return records.csmOf;
  }

  /**
   * What the records hold on each (normalized) email: every kind asked for all the emails at once,
   * in parallel; then what customers named, only for the emails nothing else decides (as one by
   * one, where that lookup came last). At most nine queries, however many emails.
   */
  private async recordsOf(emails: readonly string[]): Promise<Map<string, EmailRecords>> {
    const [csmOf, acted, tookACase, wasCsm] = await Promise.all([
      this.csmAccountsOf(emails),
      this.firstEvidenceOf(ACTED_AS_CUSTOMER, emails),
      this.selfAssignedAmong(emails),
      this.designatedCsmsAmong(emails),
    ]);
    const records = new Map<string, EmailRecords>(
      emails.map((email) => [
        email,
        {
          csmOf: csmOf.get(email) ?? [],
          acted: acted.get(email),
          tookACase: tookACase.has(email),
          wasCsm: wasCsm.has(email),
        },
      ]),
    );
    const undecided = emails.filter((email) => this.standingBy(email, records.get(email)!) === undefined);
    const named = await this.firstEvidenceOf(NAMED_BY_A_CUSTOMER, undecided);
    for (const [email, role] of named) records.get(email)!.named = role;
    return records;
  }

  /** The accounts each email is the CSM of (emails that are no CSM are left out). One query. */
  private async csmAccountsOf(emails: readonly string[]): Promise<Map<string, string[]>> {
    const { items } = await this.readModels.find<{ id: string; csm: string }>(ACCOUNTS, {
      where: { csm: matchingAny(emails) },
    });
    const accounts = new Map<string, string[]>();
    for (const account of items)
      accounts.set(account.csm, [...(accounts.get(account.csm) ?? []), account.id]);
    return accounts;
  }

  /** The emails that have taken a case themselves, once is enough (see self-assignments.ts). One query. */
  private async selfAssignedAmong(emails: readonly string[]): Promise<Set<string>> {
    const { items } = await this.readModels.find<{ id: string }>(SELF_ASSIGNED_ENGINEERS, {
      where: { id: matchingAny(emails) },
    });
    return new Set(items.map((engineer) => engineer.id));
  }

  /** The emails an admin ever named an account's CSM, replaced or removed since or not (csm-designations.ts). One query. */
  private async designatedCsmsAmong(emails: readonly string[]): Promise<Set<string>> {
    const { items } = await this.readModels.find<{ id: string }>(CSM_DESIGNATIONS, {
      where: { id: matchingAny(emails) },
    });
    return new Set(items.map((csm) => csm.id));
  }

  /**
   * For each email some evidence holds, the role of the first, in the order given, that does. One
   * query per kind of evidence, all at once; none when no email is asked about.
   */
  private async firstEvidenceOf(
    evidence: readonly CustomerEvidence[],
    emails: readonly string[],
  ): Promise<Map<string, CustomerRole>> {
    if (emails.length === 0) return new Map();
    const holders = await Promise.all(evidence.map((kind) => this.holdersAmong(kind, emails)));
    const roles = new Map<string, CustomerRole>();
    for (const email of emails) {
      const first = holders.findIndex((found) => found.has(email));
      if (first >= 0) roles.set(email, evidence[first][0]);
    }
    return roles;
  }

  /**
   * The emails one kind of record holds, reading at most HOLDERS_PAGE records a query. A customer's
   * many cases can fill a page and hide another email's record: a full page is followed by a query
   * for the emails not found yet (one more query for each such customer, in practice none:
   * assignees are engineers, who open no cases), or by the next page when it found none.
   */
  private async holdersAmong(
    [, collection, field, holds]: CustomerEvidence,
    emails: readonly string[],
  ): Promise<Set<string>> {
    const found = new Set<string>();
    let unseen = [...emails];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.readModels.find<Record<string, unknown>>(collection, {
        where: { [field]: matchingAny(unseen) },
        // One record tells of one email (a command's check): not a page of a customer's cases.
        limit: unseen.length === 1 && !holds ? 1 : HOLDERS_PAGE,
        cursor,
      });
      const before = found.size;
      for (const record of page.items) if (!holds || holds(record)) found.add(record[field] as string);
      if (!page.nextCursor) return found;
      if (found.size > before) {
        unseen = unseen.filter((email) => !found.has(email));
        cursor = undefined;
        if (unseen.length === 0) return found;
      } else {
        cursor = page.nextCursor;
      }
    }
  }
}

/** What the records hold on one email, all the rule (`standingBy`) weighs. */
interface EmailRecords {
  /** The accounts an admin named the email the CSM of, as they stand now. */
  csmOf: string[];
  /** An admin ever named the email an account's CSM (the accounts of `csmOf`, or since replaced). */
  wasCsm: boolean;
  /** The first evidence that the person acted as a customer (ACTED_AS_CUSTOMER), if any. */
  acted?: CustomerRole;
  tookACase: boolean;
  /** The first record a customer wrote naming the email (NAMED_BY_A_CUSTOMER), read only when needed. */
  named?: CustomerRole;
}

/**
 * A condition matching any of the emails: equality for one. SQLite, with statistics on the cases
 * that show a few openers with many cases each (as the queue bench's), plans an `in` of one value
 * as a scan of every case in id order (200 ms at 100,000 cases) and an equality on the index.
 */
function matchingAny(emails: readonly string[]): FieldCondition {
  return emails.length === 1 ? emails[0] : { in: [...emails] };
}

/** Records one evidence query reads at most (see `holdersAmong`): a case document is not small. */
const HOLDERS_PAGE = 200;

/**
 * Records only the person or the vendor writes. `openedBy` is always the customer the case is for:
 * an engineer opening a phone case on someone's behalf is recorded as `loggedBy`, never looked at
 * here. Every lookup is on an indexed field (`openedBy` leads its own index on the cases).
 */
const ACTED_AS_CUSTOMER: readonly CustomerEvidence[] = [
  // Registration is completed by the invitee themselves (or an admin).
  ['licensed user', LICENSED_USERS, 'email', (user) => user.status === 'active'],
  // An admin names the holder when issuing the licence.
  ['licence holder', LICENCES, 'holderEmail'],
  // Only staff add case-team members.
  ['case-team member', CASE_TEAM_MEMBERS, 'email'],
  // Kept after the opener is removed from every licence: they were a customer all the same.
  ['case opener', CASES, 'openedBy'],
];

/** Records customers write themselves, with any email they type (see the class comment). */
const NAMED_BY_A_CUSTOMER: readonly CustomerEvidence[] = [
  ['licensed user', LICENSED_USERS, 'email'],
  ['shared user', CASE_SHARES, 'email'],
];
