import { ForbiddenException, Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import {
  LicenceErrors,
  LicenceEvent,
  SupportPolicy,
  isBeforeExpiry,
  isInvitationOverdue,
  nonPartyRefusal,
  seatsLeft,
  userAdministrationLog,
} from '@casetrail/domain';
import { nextResendAllowedAt } from '@casetrail/domain/licences/resend-invitation';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS } from '@casetrail/readmodels/accounts/accounts.projection';
import {
  LICENCES,
  LICENSED_USERS,
  LicenceView,
  LicensedUserView,
} from '@casetrail/readmodels/licences/licences.projection';
import { Actor, seesEveryAccount } from '../auth/actor';
import { CLOCK, Clock, SUPPORT_POLICY } from '../runtime/runtime';
import { ValidationProblemException } from '../problems/validation-problem.exception';
import { DamagedStreams } from '../storage/damaged-streams';
import { recordDamagedSign } from '../storage/record-damage';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { licenceStream } from './licence-command';
import { LicenceDirectory } from './licence-directory';
import { isStrangerToLicenceView, licenceSightOf } from './licence-sight';
import { promiseRanOutBy } from './overdue-invitation-query';

const MAX_USERS = 10_000;

/**
 * Licence views. Staff (and the account's CSM), the holder and registered users with manage-users
 * see the licence with its users; other registered users (and every registered user of an expired
 * licence) see its terms and themselves; everyone else, pending invitees included, 403 (see licenceSightOf), but
 * for customers with no tie to the licence, who get 404 as for an id nobody issued (unless the
 * account view shows them the licence: 403 saying why, see nonPartyRefusal).
 */
@Injectable()
export class LicenceQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LicenceDirectory) private readonly directory: LicenceDirectory,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: Pick<DamagedStreams, 'find'>,
  ) {}

  /**
   * `recordDamaged` for licence `licenceId` while the API knows its stream damaged, as a case's
   * detail has it (recordDamagedSign): every command on it answers 503, and a stream the projections
   * set aside leaves its users and invitations as they were before the damaged event.
   */
  private async damageSign(actor: Actor, licenceId: string) {
    const recordDamaged = await recordDamagedSign(actor, licenceStream(licenceId), {
      damaged: this.damaged,
      events: this.events,
    });
    return recordDamaged ? { recordDamaged } : {};
  }

  async licence(actor: Actor, licenceId: string) {
    const { licence, users, manages } = await this.visibleLicence(actor, licenceId);
    const now = this.clock.now().toISOString();
    const seatsUsed = users.length;
    return {
      ...licence,
      active: isBeforeExpiry(licence.expiresAt, now),
      seatsUsed,
      seatsLeft: seatsLeft(licence.seats, seatsUsed),
      users: (manages ? users : users.filter((user) => user.email === actor.email)).map((user) =>
        userView(user, this.overdueFacts(licence)),
      ),
      ...(await this.damageSign(actor, licenceId)),
    };
  }

  /**
   * Invitations pending for longer than the access promise (48 hours by default) since they were
   * last sent (a resend promises afresh: promiseRanOutBy), oldest invitation first, a page at a time
   * like the staff follow-up list (a licence may have thousands of users). `licenceActive` false:
   * the licence has ended and they wait for its renewal, none of them overdue.
   */
  async pendingInvitations(
    actor: Actor,
    licenceId: string,
    olderThanHours: number | undefined,
    limit: number,
    cursor?: string,
  ) {
    const { licence, own, manages } = await this.visibleLicence(actor, licenceId);
    if (!manages) throw notManagerRefusal(licence, own, 'its pending invitations');
    const hours = olderThanHours ?? this.policy.licensing.pendingInvitationFollowUpHours;
    const waited = promiseRanOutBy(this.cutoff(hours));
    const page = await this.readModels.find<LicensedUserView>(LICENSED_USERS, {
      where: { licenceId, ...waited.where },
      anyOf: waited.anyOf,
      orderBy: [{ field: 'invitedAt', direction: 'asc' }],
      limit,
      cursor,
    });
    return {
      licenceId,
      olderThanHours: hours,
      // Listed invitations of an ended licence are not overdue: they wait for its renewal (isInvitationOverdue).
      licenceActive: isBeforeExpiry(licence.expiresAt, this.clock.now().toISOString()),
      invitations: page.items.map((user) => userView(user, this.overdueFacts(licence))),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      ...(await this.damageSign(actor, licenceId)),
    };
  }

  /**
   * Who added, re-permissioned, registered or removed which user, when and why, newest first, a page
   * at a time (userAdministrationLog): for those who see all of the licence's users (its holder, its
   * users who manage users while it is in force, staff), as the pending invitations are.
   */
  async userChanges(actor: Actor, licenceId: string, limit: number, cursor?: string) {
    const { licence, own, manages } = await this.visibleLicence(actor, licenceId);
    if (!manages) throw notManagerRefusal(licence, own, 'the changes to its users');
    const before = cursor === undefined ? Infinity : revisionCursor(cursor);
    const recorded = await this.events.readStream(licenceStream(licenceId));
    const log = userAdministrationLog(
      recorded.map(({ revision, metadata, type, data }) => ({
        revision,
        actor: metadata.actor,
        event: { type, data } as LicenceEvent,
      })),
    );
    const newestFirst = log.reverse().filter((entry) => entry.revision < before);
    const page = newestFirst.slice(0, limit);
    const more = newestFirst.length > limit;
    return {
      licenceId,
      changes: page,
      ...(more ? { nextCursor: String(page[page.length - 1].revision) } : {}),
    };
  }

  /**
   * Staff follow-up list across all licences, counted from each invitation's last sending as the
   * licence's own list is (promiseRanOutBy); a CSM's covers the accounts they are CSM of (`scope`
   * says so), as their reports do. Only invitations of licences in force, as the overdue rule
   * (isInvitationOverdue) and the holders' counts have it: one on an ended licence cannot give
   * access however hard it is chased. `includeEnded` adds those waiting for their licence's renewal
   * (`licenceActive` false), for staff who chase the renewal instead.
   */
  async overdueInvitations(
    actor: Actor,
    olderThanHours?: number,
    limit = 200,
    cursor?: string,
    includeEnded = false,
  ) {
    const hours = olderThanHours ?? this.policy.licensing.pendingInvitationFollowUpHours;
    const accountIds = seesEveryAccount(actor)
      ? undefined
      : (actor.auditedAccounts ?? (await this.csmAccounts(actor)));
    const scope = accountIds === undefined ? {} : { scope: { accountIds } };
    if (accountIds?.length === 0) return { olderThanHours: hours, ...scope, invitations: [] };
    const inAccounts = accountIds === undefined ? {} : { accountId: { in: accountIds } };
    const waited = promiseRanOutBy(this.cutoff(hours));
    // In `anyOf`, which may change between pages (a licence may end or be renewed meanwhile). The
    // licence's expiry its users keep, so the query stays one size however many licences there are.
    const now = this.clock.now().toISOString();
    const inForce = includeEnded ? {} : { licenceExpiresAt: { gt: now } };
    const page = await this.readModels.find<LicensedUserView>(LICENSED_USERS, {
      where: { ...waited.where, ...inAccounts },
      anyOf: waited.anyOf.map((alternative) => ({ ...alternative, ...inForce })),
      orderBy: [{ field: 'invitedAt', direction: 'asc' }],
      limit,
      cursor,
    });
    const licenceIds = [...new Set(page.items.map((user) => user.licenceId))];
    const licences = await this.licencesById(licenceIds);
    // Flagged, so a desk does not chase an invitee of a licence whose users the read models may have wrong.
    const damage = new Map(
      await Promise.all(licenceIds.map(async (id) => [id, await this.damageSign(actor, id)] as const)),
    );
    return {
      olderThanHours: hours,
      ...scope,
      invitations: page.items.map((user) => {
        const licence = licences.get(user.licenceId);
        return {
          ...userView(user, licence && this.overdueFacts(licence)),
          licenceId: user.licenceId,
          accountId: user.accountId,
          licenceActive: licence !== undefined && isBeforeExpiry(licence.expiresAt, now),
          ...(licence ? { licenceActiveUntil: licence.activeUntil } : {}),
          ...damage.get(user.licenceId),
        };
      }),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  private async csmAccounts(actor: Actor): Promise<string[]> {
    const accounts = await this.readModels.find<{ id: string }>(ACCOUNTS, {
      where: { csm: actor.email },
      limit: MAX_USERS,
    });
    return accounts.items.map((account) => account.id).sort();
  }

  private async licencesById(ids: string[]): Promise<Map<string, LicenceView>> {
    const licences = new Map<string, LicenceView>();
    for (const id of new Set(ids)) {
      const licence = await this.readModels.get<LicenceView>(LICENCES, id);
      if (licence) licences.set(id, licence);
    }
    return licences;
  }

  /** What the overdue rule (isInvitationOverdue) judges a licence's invitations by, now. */
  private overdueFacts(licence: LicenceView): OverdueFacts {
    return {
      licenceExpiresAt: licence.expiresAt,
      licenceRenewedAt: licence.renewedAt ?? null,
      now: this.clock.now().toISOString(),
      hours: this.policy.licensing.pendingInvitationFollowUpHours,
    };
  }

  private cutoff(hours: number): string {
    return new Date(this.clock.now().getTime() - hours * 3_600_000).toISOString();
  }

  /** The licence, its users and whether the actor sees all of them (see licenceSightOf), or 403. */
  private async visibleLicence(actor: Actor, licenceId: string) {
    const found = await this.readModels.get<LicenceView>(LICENCES, licenceId);
    // An id nobody issued goes through the reads a licence hidden from the caller does (its users,
    // its account, whether the caller sees that account's licences), against an account nobody
    // registered (named by the id itself): its 404 then comes after the same work, so its time does
    // not tell a caller holding a candidate id that it is a licence (as a case's 404: CaseAccess).
    const accountId = found?.accountId ?? licenceId;
    const users = (
      await this.readModels.find<LicensedUserView>(LICENSED_USERS, { where: { licenceId }, limit: MAX_USERS })
    ).items;
    const account = await this.readModels.get<{ csm: string | null }>(ACCOUNTS, accountId);
    const own = users.find((user) => user.email === actor.email);
    const accountCsm = account?.csm;
    const now = this.clock.now().toISOString();
    const sight = found && licenceSightOf(actor, { licence: found, own, accountCsm, now });
    // A stranger gets the answer for an id nobody issued, unless the account view shows them the
    // licence (a colleague), who is told why not (nonPartyRefusal); someone the licence knows of, 403.
    if (!found || (!sight && isStrangerToLicenceView(actor, { licence: found, own, accountCsm }))) {
      const seesAccount = await this.directory.seesLicencesOfAccount(accountId, actor.email, now);
      if (!found || !seesAccount) throw noSuchLicence(licenceId);
      throw nonPartyRefusal({ licenceId, holderEmail: found.holderEmail }, true, READERS_RULE);
    }
    const licence = found;
    if (!sight) throw new ForbiddenException(`You may not see licence ${licenceId}`);
    return { licence, users, own, manages: sight === 'whole' };
  }
}

/** A page's nextCursor: the revision of its last (oldest) entry; the next page is older still. */
function revisionCursor(cursor: string): number {
  if (!/^\d{1,15}$/.test(cursor))
    throw new ValidationProblemException([
      { field: 'cursor', message: "cursor must be the previous page's nextCursor" },
    ]);
  return Number(cursor);
}

/**
 * Why a registered user does not see what only the licence's managers see, naming its holder (whom
 * the licence view shows them). A user with manage users whose licence ended lost the sight with the
 * licence, not by anyone's decision: told so and that it returns on renewal, as their writes are
 * (licence-expired), not that only managers see it, which they are.
 */
function notManagerRefusal(licence: LicenceView, own: LicensedUserView | undefined, what: string) {
  const holder = licence.holderEmail;
  if (own?.status === 'active' && own.permissions.manageUsers)
    return LicenceErrors.expired(
      { licenceId: licence.id, product: licence.product, edition: licence.edition, holderEmail: holder },
      licence.activeUntil,
      `your manage-users permission, and with it the sight of ${what}, applies again`,
      {
        field: 'licenceId',
        meanwhile: `Until then, its holder (${holder}) or an admin sees them`,
        askedBy: own.email,
      },
    );
  return new ForbiddenException(
    `Only the licence's holder (${holder}) and users who manage its users see ${what}; ask them`,
  );
}

const READERS_RULE = 'only its holder and its registered users see it';

const noSuchLicence = (licenceId: string) => new NotFoundException(`No licence ${licenceId}`);

type OverdueFacts = Parameters<typeof isInvitationOverdue>[1];

/**
 * A user entry; a pending one with its sending and whether it is overdue by the one rule the count
 * and the lists follow (isInvitationOverdue: not on an ended licence, nor within a reminder's fresh
 * promise), so clients flag what the API counts. `facts` undefined: the licence is unknown, not overdue.
 */
function userView(user: LicensedUserView, facts: OverdueFacts | undefined) {
  const { email, firstName, lastName, company, country, status, permissions, invitedAt, registeredAt } = user;
  const view = { email, firstName, lastName, company, country, status, permissions, invitedAt, registeredAt };
  if (status !== 'pending') return view;
  return {
    ...view,
    ...invitationSending(user, facts?.licenceRenewedAt),
    overdue: !!facts && isInvitationOverdue(user, facts),
  };
}

/**
 * When a pending invitation was last sent again and from when it may be sent again (the resend
 * rule's own instant, nextResendAllowedAt), so a client can say so and offer the resend only then,
 * where before only a refused resend told it. A renewal after an end lifts the limit (nextResendAllowedAt).
 */
function invitationSending(user: LicensedUserView, licenceRenewedAt: string | null | undefined) {
  const lastSentAt = user.lastSentAt ?? null;
  const nextResendAt =
    nextResendAllowedAt({ ...user, status: 'pending', lastSentAt: user.lastSentAt }, licenceRenewedAt) ??
    user.invitedAt;
  return { lastSentAt, nextResendAt };
}
