import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  isBeforeExpiry,
  seatsLeft,
  type LicensedUserPermissions,
  type SupportPolicy,
} from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS, AccountView } from '@casetrail/readmodels/accounts/accounts.projection';
import {
  LICENCES,
  LICENSED_USERS,
  LicenceView,
  LicensedUserView,
} from '@casetrail/readmodels/licences/licences.projection';
import { Actor, hasRole, seesEveryAccount } from '../auth/actor';
import { RegisteredAccounts } from '../reporting/access/registered-accounts';
import { CLOCK, Clock, SUPPORT_POLICY } from '../runtime/runtime';
import { DamagedStreams } from '../storage/damaged-streams';
import { recordDamagedSign, type RecordDamagedSign } from '../storage/record-damage';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { licenceStream } from './licence-command';
import { licenceSightOf } from './licence-sight';
import { promiseRanOutBy } from './overdue-invitation-query';

/** More licences than one person holds or belongs to; staff page through theirs. */
const MAX_OWN = 1000;

/** The caller's own relation to a licence. */
export type LicenceStanding = 'holder' | 'active-user' | 'pending-invitation';

/** One licence of the list, as `GET /v1/licences` shows it to its caller. */
export interface LicenceListItem {
  id: string;
  accountId: string;
  /** Null when the account row is missing (never, short of a damaged read model). */
  accountName: string | null;
  /** The account's time zone (null: UTC), in which the console and the mails say the licence's end. */
  accountTimeZone: string | null;
  product: string;
  edition: string;
  plan: LicenceView['plan'];
  activeUntil: string;
  expiresAt: string;
  /** Whether the licence is still in force now. */
  active: boolean;
  seats: LicenceView['seats'];
  /** Users holding seats (pending invitations included), for those who see the licence (licenceSightOf). */
  seatsUsed?: number;
  seatsLeft?: number | 'unlimited';
  /** Invitations not yet registered (with seatsUsed). */
  pendingInvitations?: number;
  /**
   * Of those, the overdue ones (isInvitationOverdue): pending longer than the policy's follow-up time
   * (the access promise, licensing.pendingInvitationFollowUpHours) since they were last sent, on a
   * licence in force (0 on an ended one: its invitations wait for the renewal). A holder of several
   * licences sees at a glance where the promise is broken, and lists them with
   * GET /v1/licences/{id}/pending-invitations.
   */
  pendingInvitationsOverdue?: number;
  /**
   * For those who see the licence, as GET /v1/licences/{id} gives it; and to a pending invitee
   * once the licence has ended, as whom to ask for the renewal her registration waits for.
   */
  holderEmail?: string;
  /** The caller's own standing: empty for staff who are neither holder nor user. */
  standing: LicenceStanding[];
  /** The caller's own user entry's permissions (basic always comes with them), null if they have none. */
  permissions: LicensedUserPermissions | null;
  /** Whether the caller may log cases on it now: an active user of a licence in force. */
  mayOpenCases: boolean;
  /** Whether the caller may change and remove its users now (the holder, or an active user with manage users of a licence in force). */
  mayManageUsers: boolean;
  /** Whether the caller may invite users to it now: one who may manage its users, while it is in force. */
  mayInviteUsers: boolean;
  /** For a pending invitation of a licence in force: the request that completes the registration (no body, own token). */
  activation?: string;
  /** For a pending invitation of an ended licence: nobody can register until it is renewed (no `activation`). */
  registrationWaitsForRenewal?: true;
  /**
   * While the API knows the licence's stored record damaged, as GET /v1/licences/{id} says it
   * (recordDamagedSign): every command on it answers 503, so the `may…` flags are false, and its
   * counts may be out of date.
   */
  recordDamaged?: RecordDamagedSign;
}

/**
 * "Which licences are mine": a customer learns the ids of the licences they hold or are invited
 * to, which they need to log cases and to invite colleagues, without asking the vendor. Each
 * licence shows as much as the caller's standing gives, under the licence view's rule
 * (licenceSightOf): terms, holder and seat counts to the holder and to registered users (of an
 * expired licence too: it tells them why they can no longer log cases on it, and whom to ask); the
 * terms alone to a pending invitee (what their invitation mail told them), and once the licence has
 * ended its holder, whom to ask for the renewal her registration waits for. Removed users have no entry, so the
 * licence is not theirs to list.
 *
 * Staff get the licences they look after: engineers, admins and auditors every licence, a CSM those
 * of the accounts they are CSM of (`scope` says so), a page at a time.
 */
@Injectable()
export class LicenceList {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RegisteredAccounts) private readonly accounts: RegisteredAccounts,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: Pick<DamagedStreams, 'find'>,
  ) {}

  /**
   * Staff's `accountId` is refused as the queues and reports refuse it (RegisteredAccounts.requireInReach):
   * 404 naming accountId for an account nobody registered, and the same 404 for a CSM naming one not
   * theirs. A customer's only narrows their own list: a refusal would tell them whether another
   * account exists.
   */
  async list(actor: Actor, options: { accountId?: string; limit: number; cursor?: string }) {
    if (seesEveryAccount(actor)) {
      if (options.accountId !== undefined) await this.accounts.requireInReach(options.accountId, undefined);
      return this.staffPage(actor, options);
    }
    if (actor.auditedAccounts) {
      // A customer's compliance auditor: the accounts their token names, another's is 404 to them.
      const accountIds = [...actor.auditedAccounts].sort();
      if (options.accountId !== undefined) await this.accounts.requireInReach(options.accountId, accountIds);
      const wanted = options.accountId === undefined ? accountIds : [options.accountId];
      return { scope: { accountIds }, ...(await this.staffPage(actor, options, wanted)) };
    }
    if (hasRole(actor, 'csm')) {
      const accounts = await this.readModels.find<AccountView>(ACCOUNTS, {
        where: { csm: actor.email },
        limit: MAX_OWN,
      });
      const accountIds = accounts.items.map((account) => account.id).sort();
      if (options.accountId !== undefined) await this.accounts.requireInReach(options.accountId, accountIds);
      const wanted = options.accountId === undefined ? accountIds : [options.accountId];
      return { scope: { accountIds }, ...(await this.staffPage(actor, options, wanted)) };
    }
    return this.ownLicences(actor, options.accountId);
  }

  private async staffPage(
    actor: Actor,
    options: { accountId?: string; limit: number; cursor?: string },
    accountIds?: string[],
  ) {
    if (accountIds?.length === 0) return { items: [] };
    const accountFilter =
      accountIds !== undefined ? { in: accountIds } : (options.accountId as string | undefined);
    const page = await this.readModels.find<LicenceView>(LICENCES, {
      where: { accountId: accountFilter },
      orderBy: [{ field: 'id', direction: 'asc' }],
      limit: options.limit,
      cursor: options.cursor,
    });
    const items = await this.describe(actor, page.items, new Map());
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  /** Every licence the customer holds or has a user entry on (pending or active), by account then product. */
  private async ownLicences(actor: Actor, accountId?: string) {
    const [held, entries] = await Promise.all([
      this.readModels.find<LicenceView>(LICENCES, {
        where: { holderEmail: actor.email, accountId },
        limit: MAX_OWN,
      }),
      this.readModels.find<LicensedUserView>(LICENSED_USERS, {
        where: { email: actor.email, accountId },
        limit: MAX_OWN,
      }),
    ]);
    const licences = new Map(held.items.map((licence) => [licence.id, licence]));
    for (const entry of entries.items) {
      if (licences.has(entry.licenceId)) continue;
      const licence = await this.readModels.get<LicenceView>(LICENCES, entry.licenceId);
      if (licence) licences.set(licence.id, licence);
    }
    const own = new Map(entries.items.map((entry) => [entry.licenceId, entry]));
    const items = await this.describe(actor, [...licences.values()], own);
    items.sort(
      (a, b) =>
        (a.accountName ?? '').localeCompare(b.accountName ?? '') ||
        a.product.localeCompare(b.product) ||
        a.id.localeCompare(b.id),
    );
    return { items };
  }

  private async describe(
    actor: Actor,
    licences: LicenceView[],
    own: Map<string, LicensedUserView>,
  ): Promise<LicenceListItem[]> {
    const now = this.clock.now().toISOString();
    const accounts = new Map<string, AccountView | undefined>();
    const items: LicenceListItem[] = [];
    for (const licence of licences) {
      if (!accounts.has(licence.accountId))
        accounts.set(licence.accountId, await this.readModels.get<AccountView>(ACCOUNTS, licence.accountId));
      const account = accounts.get(licence.accountId);
      const entry = own.get(licence.id);
      const active = isBeforeExpiry(licence.expiresAt, now);
      const holder = licence.holderEmail === actor.email;
      const sight = licenceSightOf(actor, { licence, own: entry, accountCsm: account?.csm, now });
      const standing: LicenceStanding[] = [
        ...(holder ? (['holder'] as const) : []),
        ...(entry
          ? [entry.status === 'active' ? ('active-user' as const) : ('pending-invitation' as const)]
          : []),
      ];
      const recordDamaged = await recordDamagedSign(actor, licenceStream(licence.id), {
        damaged: this.damaged,
        events: this.events,
      });
      // No command on a damaged licence is taken (503), so none is offered.
      const takesCommands = !recordDamaged;
      const activeUser = entry?.status === 'active' && active && takesCommands;
      const manager = takesCommands && (holder || (activeUser && entry.permissions.manageUsers));
      items.push({
        id: licence.id,
        accountId: licence.accountId,
        accountName: account?.name ?? null,
        accountTimeZone: account?.timeZone ?? null,
        product: licence.product,
        edition: licence.edition,
        plan: licence.plan,
        activeUntil: licence.activeUntil,
        expiresAt: licence.expiresAt,
        active,
        seats: licence.seats,
        ...(sight ? await this.seatsOf(licence) : {}),
        ...(sight ? await this.pendingOf(licence, now) : {}),
        ...(sight || (entry?.status === 'pending' && !active) ? { holderEmail: licence.holderEmail } : {}),
        standing,
        permissions: entry ? { ...entry.permissions } : null,
        mayOpenCases: activeUser,
        // As the licence commands judge it (mayManageLicensedUsers): the holder keeps changing and
        // removing users of an expired licence, a delegate's permission lapses with it; invitations
        // (and their resends) wait for its renewal, whoever sends them.
        mayManageUsers: manager,
        mayInviteUsers: active && manager,
        // While the licence is ended the activation is refused (403 licence-expired): not offered, and
        // the entry says the registration waits for the renewal, as the console and the end mail do.
        ...(entry?.status === 'pending'
          ? active
            ? { activation: `/v1/licences/${licence.id}/users/${pathEmail(entry.email)}/activation` }
            : { registrationWaitsForRenewal: true }
          : {}),
        ...(recordDamaged ? { recordDamaged } : {}),
      });
    }
    return items;
  }

  /**
   * Its pending invitations, and of those the overdue ones (isInvitationOverdue): their access
   * promise ran out, counted from their last resend, on a licence in force. An ended licence's
   * invitations wait for its renewal (nobody can register meanwhile): none is overdue.
   */
  private async pendingOf(licence: LicenceView, now: string) {
    const hours = this.policy.licensing.pendingInvitationFollowUpHours;
    const cutoff = new Date(Date.parse(now) - hours * 3_600_000).toISOString();
    const overdue = promiseRanOutBy(cutoff);
    const [pendingInvitations, pendingInvitationsOverdue] = await Promise.all([
      this.readModels.count(LICENSED_USERS, { licenceId: licence.id, status: 'pending' }),
      isBeforeExpiry(licence.expiresAt, now)
        ? this.readModels.count(LICENSED_USERS, { licenceId: licence.id, ...overdue.where }, overdue.anyOf)
        : 0,
    ]);
    return { pendingInvitations, pendingInvitationsOverdue };
  }

  private async seatsOf(licence: LicenceView) {
    const seatsUsed = await this.readModels.count(LICENSED_USERS, { licenceId: licence.id });
    return {
      seatsUsed,
      seatsLeft: seatsLeft(licence.seats, seatsUsed),
    };
  }
}

/** As the invitation mail writes it: "@" may stand in a path segment (RFC 3986), so it stays readable. */
function pathEmail(email: string): string {
  return encodeURIComponent(email).replace(/%40/g, '@');
}
