import type { AccountEvent } from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';
import { emptyAccountFacts, NOTIFICATION_ACCOUNT_FACTS, type AccountFacts } from './notification-facts';

export const ACCOUNT_FACT_EVENT_TYPES = [
  'AccountRegistered',
  'AccountDetailsChanged',
  'CustomerSuccessManagerAssigned',
  'CustomerSuccessManagerUnassigned',
  'CaseTeamMemberAdded',
  'CaseTeamNotificationPreferenceChanged',
  'CaseTeamMemberRemoved',
] as const satisfies readonly AccountEvent['type'][];

export function isAccountFactEvent(event: { type: string }): event is AccountEvent {
  return (ACCOUNT_FACT_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * Keeps the outbox writer's copy of an account's name (what a licence's mail calls it), CSM, case
 * team (with notification preferences) and business time zone (for invitations; a case records its
 * own zone when opened).
 */
export async function applyAccountFact(event: AccountEvent, tx: ProjectionTransaction): Promise<void> {
  const accountId = event.data.accountId;
  const facts =
    (await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, accountId)) ?? emptyAccountFacts(accountId);
  const team = { ...facts.team };
  let csm = facts.csm;
  let timeZone = facts.timeZone;
  let name = facts.name;
  switch (event.type) {
    case 'AccountRegistered':
      timeZone = event.data.timeZone;
      name = event.data.name;
      break;
    case 'AccountDetailsChanged':
      // Only the details given changed; an absent zone is no change (null is back to UTC).
      if (event.data.timeZone !== undefined) timeZone = event.data.timeZone;
      if (event.data.name !== undefined) name = event.data.name;
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
  // The rest of the facts (who sees shared tickets, kept by see-shared-facts.ts) stay as they were:
  // an account's own change must not forget them.
  tx.put(NOTIFICATION_ACCOUNT_FACTS, accountId, {
    ...facts,
    ...(name === undefined ? {} : { name }),
    csm,
    team,
    ...(timeZone === undefined ? {} : { timeZone }),
    // Every licence of an account registered from now on passes through applyLicenceCoverFact.
    ...(event.type === 'AccountRegistered' ? { licenceCoverComplete: true as const } : {}),
  } satisfies AccountFacts);
}
