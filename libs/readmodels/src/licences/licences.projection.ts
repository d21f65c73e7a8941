import {
  renewalAfterEnd,
  type LicenceEvent,
  type LicencePlan,
  type LicenceSeats,
  type LicensedUserPermissions,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { Projection } from '../projections/projection';
import type { ProjectionTransaction } from '../read-model-store.port';

export const LICENCES = 'licences';
export const LICENSED_USERS = 'licensed_users';

export interface LicenceView extends Record<string, unknown> {
  id: string;
  accountId: string;
  product: string;
  edition: string;
  plan: LicencePlan;
  activeUntil: string;
  expiresAt: string;
  seats: LicenceSeats;
  holderEmail: string;
  issuedAt: string;
  /**
   * When a change of terms last put the licence in force again after it had ended (renewalAfterEnd):
   * its pending invitations' access promise and resend limit start afresh from it. Version 4.
   */
  renewedAt?: string;
}

export interface LicensedUserView extends Record<string, unknown> {
  id: string;
  licenceId: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  country: string;
  status: 'pending' | 'active';
  permissions: LicensedUserPermissions;
  invitedAt: string;
  registeredAt: string | null;
  /**
   * When a pending invitation was last sent again (LicensedUserInvitationResent); absent while only
   * the invitation itself went out. The licence's user list says when it may be sent again from it.
   */
  lastSentAt?: string;
  /**
   * The licence's `expiresAt`, kept in step with its terms: the staff overdue-invitations list finds
   * the invitations of licences in force by it in one query of a fixed size (it listed the ids of
   * every licence in force in an `IN` before). Absent from rows stored before version 3.
   */
  licenceExpiresAt?: string;
  /**
   * The licence's `renewedAt`, kept in step with it as `licenceExpiresAt` is: the overdue lists count
   * a pending invitation's access promise from it when it is later than the last sending
   * (promiseRanOutBy). Version 4.
   */
  licenceRenewedAt?: string;
  /** Denormalised so visibility queries need no join. */
  seeSharedTickets: boolean;
  shareTickets: boolean;
}

export const licensedUserId = (licenceId: string, email: string) => `${licenceId}|${email}`;

/**
 * Licences and their users: seats, pending invitations, and the permissions visibility depends on.
 * A licence's row shows its terms as they stand now (as issued, or as last changed).
 */
export const licencesProjection: Projection = {
  name: 'licences',
  // 2: pending users keep when their invitation was last sent again (lastSentAt).
  // 3: users keep their licence's expiry (licenceExpiresAt), which the overdue invitations list reads.
  // 4: licences keep when they were last renewed after an end (renewedAt, on users licenceRenewedAt),
  //    from which their pending invitations are promised access again.
  version: 4,
  collections: [
    // `plan`: the admin's /health finds the mission-critical licences (a few among many) by it.
    // Indexes only: the documents are the same, so the store adds the column to a built read model.
    // `expiresAt`: the licence-lapse process finds the ends passed since its last round by it.
    { name: LICENCES, indexedFields: ['accountId', 'holderEmail', 'plan', 'expiresAt'] },
    {
      name: LICENSED_USERS,
      indexedFields: [
        'licenceId',
        'accountId',
        'email',
        'status',
        'invitedAt',
        'seeSharedTickets',
        'shareTickets',
      ],
      // The overdue rule counts from a resend (promiseRanOutBy): only alongside status and invitedAt,
      // so no index of its own. The documents are the same (version 2 stores it), the store adds the column.
      // `licenceExpiresAt` likewise: the overdue list reads it only alongside status and invitedAt.
      // `licenceRenewedAt` likewise (promiseRanOutBy).
      filterOnlyFields: ['lastSentAt', 'licenceExpiresAt', 'licenceRenewedAt'],
      compoundIndexes: [['status', 'invitedAt']],
    },
  ],
  handles: [
    'LicenceIssued',
    'LicensedUserAssigned',
    'LicensedUserInvitationResent',
    'LicensedUserRegistrationCompleted',
    'LicensedUserPermissionsChanged',
    'LicensedUserRemoved',
    'LicenceTermsChanged',
    'LicenceHolderChanged',
  ],
  async apply(recorded: RecordedEvent, tx: ProjectionTransaction) {
    const event = { type: recorded.type, data: recorded.data } as LicenceEvent;
    switch (event.type) {
      case 'LicenceIssued': {
        const { licenceId, at, ...terms } = event.data;
        tx.put(LICENCES, licenceId, { id: licenceId, ...terms, issuedAt: at });
        return;
      }
      case 'LicensedUserAssigned': {
        const { licenceId, accountId, email, firstName, lastName, company, country, permissions, at } =
          event.data;
        const id = licensedUserId(licenceId, email);
        const licence = await tx.get<LicenceView>(LICENCES, licenceId);
        const user: LicensedUserView = {
          id,
          licenceId,
          accountId,
          email,
          firstName,
          lastName,
          company,
          country,
          status: 'pending',
          permissions,
          invitedAt: at,
          registeredAt: null,
          ...(licence ? { licenceExpiresAt: licence.expiresAt } : {}),
          seeSharedTickets: permissions.seeSharedTickets,
          shareTickets: permissions.shareTickets,
        };
        tx.put(LICENSED_USERS, id, user);
        return;
      }
      case 'LicensedUserInvitationResent': {
        const id = licensedUserId(event.data.licenceId, event.data.email);
        const user = await tx.get<LicensedUserView>(LICENSED_USERS, id);
        if (user?.status === 'pending') tx.put(LICENSED_USERS, id, { ...user, lastSentAt: event.data.at });
        return;
      }
      case 'LicensedUserRegistrationCompleted': {
        const id = licensedUserId(event.data.licenceId, event.data.email);
        const user = await tx.get<LicensedUserView>(LICENSED_USERS, id);
        if (user) tx.put(LICENSED_USERS, id, { ...user, status: 'active', registeredAt: event.data.at });
        return;
      }
      case 'LicensedUserPermissionsChanged': {
        const id = licensedUserId(event.data.licenceId, event.data.email);
        const user = await tx.get<LicensedUserView>(LICENSED_USERS, id);
        const { permissions } = event.data;
        if (user) {
          tx.put(LICENSED_USERS, id, {
            ...user,
            permissions,
            seeSharedTickets: permissions.seeSharedTickets,
            shareTickets: permissions.shareTickets,
          });
        }
        return;
      }
      case 'LicensedUserRemoved':
        tx.delete(LICENSED_USERS, licensedUserId(event.data.licenceId, event.data.email));
        return;
      case 'LicenceHolderChanged': {
        // The licence's row names its holder (the account view, who reads the whole licence, and
        // who is known as a customer go by it); its users, the previous holder's entry among them,
        // stay as they were.
        const licence = await tx.get<LicenceView>(LICENCES, event.data.licenceId);
        if (licence) tx.put(LICENCES, licence.id, { ...licence, holderEmail: event.data.holderEmail });
        return;
      }
      case 'LicenceTermsChanged': {
        // Only the terms: users, and so seat counts and pending invitations, are as they were.
        const licence = await tx.get<LicenceView>(LICENCES, event.data.licenceId);
        const { expiresAt } = event.data.terms;
        // A renewal of an ended licence (renewalAfterEnd, as the licence's state has it) is kept.
        const renewedAt = licence && renewalAfterEnd(licence.expiresAt, expiresAt, event.data.at);
        const renewal = renewedAt ? { renewedAt } : {};
        if (licence) tx.put(LICENCES, licence.id, { ...licence, ...event.data.terms, ...renewal });
        // Except the licence's expiry (and renewal) each user row keeps (licenceExpiresAt, licenceRenewedAt).
        if (expiresAt === undefined) return;
        const userRenewal = renewedAt ? { licenceRenewedAt: renewedAt } : {};
        for (const id of await tx.findIds(LICENSED_USERS, { licenceId: event.data.licenceId })) {
          const user = await tx.get<LicensedUserView>(LICENSED_USERS, id);
          if (user) tx.put(LICENSED_USERS, id, { ...user, licenceExpiresAt: expiresAt, ...userRenewal });
        }
        return;
      }
    }
  },
};
