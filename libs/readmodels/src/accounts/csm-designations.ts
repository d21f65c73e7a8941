import { normalizeEmail, type AccountEvent } from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';

/**
 * Who an admin has ever named an account's CSM (`CustomerSuccessManagerAssigned`), one document per
 * person, keyed by the normalized email, kept for good: a CSM replaced or removed is still known as
 * one. A CSM sees only the cases of the accounts they are CSM of now, so the desk vouches for a
 * person it knows as a CSM only on those (or once they take a case as an engineer); without this
 * record a former CSM of no account was judged by the staff email domain alone, assigned any case
 * and mailed its internal notes while their own token got 404 on it (finding security4 F2).
 */
export const CSM_DESIGNATIONS = 'csm_designations';

export interface CsmDesignation {
  id: string;
  /** The account first named for, and when: what a reader can check the record against. */
  firstAccountId: string;
  firstAt: string;
}

export async function recordCsmDesignation(event: AccountEvent, tx: ProjectionTransaction): Promise<void> {
  if (event.type !== 'CustomerSuccessManagerAssigned') return;
  const csm = normalizeEmail(event.data.email);
  if (await tx.get(CSM_DESIGNATIONS, csm)) return;
  const record: CsmDesignation = { id: csm, firstAccountId: event.data.accountId, firstAt: event.data.at };
  tx.put(CSM_DESIGNATIONS, csm, record);
}
