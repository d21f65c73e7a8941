import type { AccountEvent } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { Projection } from '../projections/projection';
import type { ProjectionTransaction } from '../read-model-store.port';
import { CSM_DESIGNATIONS, recordCsmDesignation } from './csm-designations';

export const ACCOUNTS = 'accounts';
export const CASE_TEAM_MEMBERS = 'case_team_members';

export interface AccountView extends Record<string, unknown> {
  id: string;
  name: string;
  timeZone: string | null;
  /**
   * The policy calendar the account names; null or absent for the default (absent until an account
   * names one, as on every row stored before accounts could), so readers take absent as null.
   */
  calendar?: string | null;
  csm: string | null;
  registeredAt: string;
}

/** One row per member per account; an email may sit on several accounts' teams. */
export interface CaseTeamMemberView extends Record<string, unknown> {
  id: string;
  accountId: string;
  email: string;
  name: string;
  notify: boolean;
  addedAt: string;
}

export const caseTeamMemberId = (accountId: string, email: string) => `${accountId}|${email}`;

/** Accounts, their CSM and their case teams: used by authorization, case detail and notifications. */
export const accountsProjection: Projection = {
  name: 'accounts',
  // 2: who was ever named a CSM (csm-designations.ts), kept after they are replaced or removed.
  version: 2,
  collections: [
    { name: ACCOUNTS, indexedFields: ['csm'] },
    { name: CASE_TEAM_MEMBERS, indexedFields: ['accountId', 'email'] },
    { name: CSM_DESIGNATIONS, indexedFields: [] },
  ],
  handles: [
    'AccountRegistered',
    'AccountDetailsChanged',
    'CustomerSuccessManagerAssigned',
    'CustomerSuccessManagerUnassigned',
    'CaseTeamMemberAdded',
    'CaseTeamNotificationPreferenceChanged',
    'CaseTeamMemberRemoved',
  ],
  async apply(recorded: RecordedEvent, tx: ProjectionTransaction) {
    const event = { type: recorded.type, data: recorded.data } as AccountEvent;
    switch (event.type) {
      case 'AccountRegistered': {
        const { accountId, name, timeZone, calendar, at } = event.data;
        // Only an account that names a calendar stores one, so the rows of earlier events stay as they were.
        tx.put(ACCOUNTS, accountId, {
          id: accountId,
          name,
          timeZone,
          ...(calendar !== undefined ? { calendar } : {}),
          csm: null,
          registeredAt: at,
        });
        return;
      }
      case 'AccountDetailsChanged': {
        const { name, timeZone, calendar } = event.data;
        const account = await tx.get<AccountView>(ACCOUNTS, event.data.accountId);
        if (account) {
          tx.put(ACCOUNTS, account.id, {
            ...account,
            ...(name !== undefined ? { name } : {}),
            ...(timeZone !== undefined ? { timeZone } : {}),
            ...(calendar !== undefined ? { calendar } : {}),
          });
        }
        return;
      }
      case 'CustomerSuccessManagerAssigned': {
        const account = await tx.get<AccountView>(ACCOUNTS, event.data.accountId);
        if (account) tx.put(ACCOUNTS, account.id, { ...account, csm: event.data.email });
        await recordCsmDesignation(event, tx);
        return;
      }
      case 'CustomerSuccessManagerUnassigned': {
        const account = await tx.get<AccountView>(ACCOUNTS, event.data.accountId);
        if (account) tx.put(ACCOUNTS, account.id, { ...account, csm: null });
        return;
      }
      case 'CaseTeamMemberAdded': {
        const { accountId, email, name, notify, at } = event.data;
        const id = caseTeamMemberId(accountId, email);
        tx.put(CASE_TEAM_MEMBERS, id, { id, accountId, email, name, notify, addedAt: at });
        return;
      }
      case 'CaseTeamNotificationPreferenceChanged': {
        const id = caseTeamMemberId(event.data.accountId, event.data.email);
        const member = await tx.get<CaseTeamMemberView>(CASE_TEAM_MEMBERS, id);
        if (member) tx.put(CASE_TEAM_MEMBERS, id, { ...member, notify: event.data.notify });
        return;
      }
      case 'CaseTeamMemberRemoved':
        tx.delete(CASE_TEAM_MEMBERS, caseTeamMemberId(event.data.accountId, event.data.email));
        return;
    }
  },
};
