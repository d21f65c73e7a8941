/** A person on the account's case team: added to every case of the account, past and future. */
export interface AccountCaseTeamMember {
  email: string;
  name: string;
  /** Opted-out members still see and update the cases; they only get no email. */
  notify: boolean;
  addedAt: string;
}

export interface UnregisteredAccount {
  status: 'unregistered';
}

export interface RegisteredAccount {
  status: 'registered';
  accountId: string;
  name: string;
  /** IANA zone of the business calendar; null means the default, UTC. */
  timeZone: string | null;
  /** Which of the support policy's named calendars its cases follow; null means the policy's default. */
  calendar: string | null;
  /** Staff email of the designated customer success manager (relevant while Mission Critical). */
  customerSuccessManager: string | null;
  /** In the order members were added. */
  caseTeam: readonly AccountCaseTeamMember[];
}

export type AccountState = UnregisteredAccount | RegisteredAccount;

export const initialAccountState: AccountState = { status: 'unregistered' };
