import { UnreadableEventError, type EventStore } from '@casetrail/eventstore';
import { accountStream } from '../../../api/src/accounts/account-command';
import { withEvidence } from './shared/evidence-session';

/**
 * The ids among `ids` that name no account registered in the configured event store (DATA_DIR's,
 * or EVENTSTORE_URL's), in the order given. A compliance auditor limited to a licence id, a case id
 * or a typo would read empty lists and all-zero reports "for your accounts": a false "no cases".
 * The store is opened read-only, as the audit commands open it (withEvidence), so a DATA_DIR handed
 * over as evidence is not changed by minting a token for it.
 */
export async function unregisteredAccounts(ids: readonly string[]): Promise<string[]> {
  return withEvidence('none', async ({ eventStore }) => {
    const unregistered: string[] = [];
    for (const id of ids) if (!(await isRegistered(eventStore, id))) unregistered.push(id);
    return unregistered;
  });
}

async function isRegistered(store: EventStore, accountId: string): Promise<boolean> {
  try {
    const [first] = await store.readStream(accountStream(accountId), { maxCount: 1 });
    return first?.type === 'AccountRegistered';
  } catch (error) {
    // A damaged first row is still the stream of an account its commands wrote: the account is
    // registered, and `casetrail verify` names the damage.
    if (error instanceof UnreadableEventError) return true;
    throw error;
  }
}
