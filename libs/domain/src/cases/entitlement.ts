import type { SupportPlan } from '../policy/support-vocabulary';

/**
 * What the licence records say about the person a case is opened for, filled in by the application
 * before it calls `decide(OpenCase)`. The decider judges it; it never looks records up itself.
 */
export interface CaseEntitlementSnapshot {
  licence: {
    id: string;
    accountId: string;
    product: string;
    /** e.g. "Online Marketing License". */
    edition: string;
    plan: SupportPlan;
    /** As issued: `YYYY-MM-DD` (through the end of that day anywhere on Earth) or an ISO-8601 instant. */
    activeUntil: string;
    /** `inactive` for a licence the records no longer honour for reasons other than its date. */
    status: 'active' | 'inactive';
    /**
     * Who holds the licence. Holding it is not using it: a holder who is not one of its users is
     * refused like anyone else, but told how to become one.
     */
    holderEmail: string;
    /**
     * Seats not held by a pending or active user: a holder who is not a user is told to free one
     * before adding themselves when there is none (0). Absent: not known.
     */
    seatsLeft?: number | 'unlimited';
  };
  /**
   * The opening user's membership of that licence: the actor for a web case, `onBehalfOf` for a
   * case an engineer logs from a phone call. Undefined when the email is not a user of the licence.
   */
  membership?: {
    email: string;
    /** As the licence records have it; names the opener of a case logged on their behalf. */
    name?: string;
    status: 'pending' | 'active' | 'removed';
    permissions: { manageUsers: boolean; shareTickets: boolean; seeSharedTickets: boolean };
  };
  /**
   * For a web opening by a customer who is no party to the licence (neither its holder nor on its
   * roster): whether the account view shows them its licences (seesLicencesOfAccount). They are then
   * told they are not a user of it and whom to ask (403), not that it does not exist (404).
   */
  openerSeesAccountLicences?: boolean;
  account: {
    id: string;
    /** The account bought the Mission Critical upgrade: highest priority, a designated CSM. */
    missionCritical: boolean;
    /** IANA zone of the account's business calendar; undefined means UTC. */
    timeZone?: string;
    /** The policy calendar the account names; undefined means the policy's default. */
    calendar?: string;
  };
}
