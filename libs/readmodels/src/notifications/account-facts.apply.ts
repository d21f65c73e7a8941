import type { AccountEvent } from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';
import { emptyAccountFacts, NOTIFICATION_ACCOUNT_FACTS, type AccountFacts } from './notification-facts';

export const ACCOUNT_FACT_EVENT_TYPES = [
  'AccountRegistered',
  'CustomerSuccessManagerAssigned',
  'CustomerSuccessManagerUnassigned',
  'CaseTeamMemberAdded',
  'CaseTeamNotificationPreferenceChanged',
  'CaseTeamMemberRemoved',
] as const satisfies readonly AccountEvent['type'][];

export function isAccountFactEvent(event: { type: string }): event is AccountEvent {
  return (ACCOUNT_FACT_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** Keeps the outbox writer's copy of an account's CSM and case team (with notification preferences). */
export async function applyAccountFact(event: AccountEvent, tx: ProjectionTransaction): Promise<void> {
  const accountId = event.data.accountId;
  const facts =
    (await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, accountId)) ?? emptyAccountFacts(accountId);
  const team = { ...facts.team };
  let csm = facts.csm;
  switch (event.type) {
    case 'AccountRegistered':
      break;
    case 'CustomerSuccessManagerAssigned':
      csm = event.data.email.toLowerCase();
      break;
    case 'CustomerSuccessManagerUnassigned':
      csm = null;
      break;
    case 'CaseTeamMemberAdded':
      team[event.data.email.toLowerCase()] = { name: event.data.name, notify: event.data.notify };
      break;
    case 'CaseTeamNotificationPreferenceChanged': {
      const email = event.data.email.toLowerCase();
      const member = team[email];
      if (member) team[email] = { ...member, notify: event.data.notify };
      break;
    }
    case 'CaseTeamMemberRemoved':
      delete team[event.data.email.toLowerCase()];
      break;
  }
  tx.put(NOTIFICATION_ACCOUNT_FACTS, accountId, { id: accountId, csm, team } satisfies AccountFacts);
}
