import type { LicenceEvent } from '@casetrail/domain';
import {
  licenceIssued,
  termsChanged,
  userInvited,
  userRegistered,
} from '@casetrail/domain/licences/testing/licence-events';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { Doc } from '../read-model-store.port';
import { inMemoryTransaction } from '../testing/in-memory-transaction';
import { LICENCES, LICENSED_USERS, licencesProjection } from './licences.projection';

const AT = '2026-03-02T09:00:00.000Z';

function recorded(events: LicenceEvent[]): RecordedEvent[] {
  return events.map((event, revision) => ({
    id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    stream: 'licence-lic-1',
    revision,
    position: revision + 1,
    type: event.type,
    data: event.data,
    metadata: { actor: 'ops@vendor.example', correlationId: 'c', schemaVersion: 1 },
    recordedAt: AT,
  }));
}

async function project(events: LicenceEvent[]): Promise<Map<string, Doc>> {
  const documents = new Map<string, Doc>();
  for (const event of recorded(events)) {
    if (!licencesProjection.handles?.includes(event.type)) continue;
    await licencesProjection.apply(event, inMemoryTransaction(documents, event.position));
  }
  return documents;
}

const ofCollection = (documents: Map<string, Doc>, collection: string) =>
  [...documents.entries()].filter(([key]) => key.startsWith(`${collection}/`)).map(([, doc]) => doc);

describe('licences projection: a change of terms', () => {
  const history: LicenceEvent[] = [
    licenceIssued({ seats: 5 }),
    userInvited('ann@acme.example', AT),
    userRegistered('ann@acme.example', AT),
    userInvited('pete@acme.example', AT),
  ];

  it("shows the licence's new terms and keeps the rest of its row as issued", async () => {
    const before = await project(history);
    const after = await project([
      ...history,
      termsChanged(
        {
          activeUntil: '2027-12-31',
          expiresAt: '2028-01-01T12:00:00.000Z',
          seats: 8,
          plan: 'mission-critical',
          edition: 'Enterprise License',
        },
        {
          activeUntil: '2026-12-31',
          expiresAt: '2027-01-01T12:00:00.000Z',
          seats: 5,
          plan: 'standard',
          edition: 'Online Marketing License',
        },
        '2026-06-01T00:00:00.000Z',
        'Order 4711',
      ),
    ]);
    expect(after.get(`${LICENCES}/lic-1`)).toEqual({
      ...before.get(`${LICENCES}/lic-1`),
      activeUntil: '2027-12-31',
      expiresAt: '2028-01-01T12:00:00.000Z',
      seats: 8,
      plan: 'mission-critical',
      edition: 'Enterprise License',
    });
  });

  it('leaves the users (seat use, pending invitations) exactly as they were', async () => {
    const before = await project(history);
    const after = await project([
      ...history,
      termsChanged({ seats: 2 }, { seats: 5 }, '2026-06-01T00:00:00.000Z'),
    ]);
    expect(ofCollection(after, LICENSED_USERS)).toEqual(ofCollection(before, LICENSED_USERS));
    expect(ofCollection(after, LICENSED_USERS).map((user) => user.status)).toEqual(['active', 'pending']);
  });

  it("keeps its users' copy of the licence's expiry in step with its terms (version 3)", async () => {
    // Version 3: each user row keeps licenceExpiresAt, which the staff overdue list reads instead
    // of an `IN` of every licence in force; built read models are rebuilt (casetrail rebuild licences).
    // Version 4 added the licence's renewal after an end (renewedAt, on users licenceRenewedAt).
    expect(licencesProjection.version ?? 1).toBe(4);
    const expiries = (documents: Map<string, Doc>) =>
      ofCollection(documents, LICENSED_USERS).map((user) => [user.email, user.licenceExpiresAt]);
    expect(expiries(await project(history))).toEqual([
      ['ann@acme.example', '2027-01-01T12:00:00.000Z'],
      ['pete@acme.example', '2027-01-01T12:00:00.000Z'],
    ]);
    // A change of terms moves it on every user row: test/invitations-overdue-query-size.e2e-spec.ts
    // (findIds needs a store).
  });

  it('keeps when a change of terms put the ended licence in force again (renewedAt, version 4), not a renewal ahead of the end', async () => {
    const end = { activeUntil: '2026-05-01', expiresAt: '2026-05-02T12:00:00.000Z' };
    const issued = { activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' };
    const renewal = { activeUntil: '2027-12-31', expiresAt: '2028-01-01T12:00:00.000Z' };
    const early = await project([...history, termsChanged(renewal, issued, '2026-06-01T00:00:00.000Z')]);
    expect(early.get(`${LICENCES}/lic-1`)).not.toHaveProperty('renewedAt');
    const afterEnd = await project([
      ...history,
      termsChanged(end, issued, '2026-04-01T00:00:00.000Z'),
      termsChanged(renewal, end, '2026-06-01T00:00:00.000Z'),
    ]);
    expect(afterEnd.get(`${LICENCES}/lic-1`)).toMatchObject({ renewedAt: '2026-06-01T00:00:00.000Z' });
  });

  it("keeps what it stores of a licence for the events it handled before (versions 2 and 3 changed only its users' rows)", async () => {
    // Version 2 (f47cd55): a pending user keeps when their invitation was last sent again, so built
    // read models are rebuilt (casetrail rebuild licences); the licence's own document is unchanged.
    const documents = await project(history);
    expect(documents.get(`${LICENCES}/lic-1`)).toEqual({
      id: 'lic-1',
      accountId: 'acc-acme',
      product: 'Sitefinity CMS',
      edition: 'Online Marketing License',
      plan: 'standard',
      activeUntil: '2026-12-31',
      expiresAt: '2027-01-01T12:00:00.000Z',
      seats: 5,
      holderEmail: 'holder@acme.example',
      issuedAt: '2026-03-01T00:00:00.000Z',
    });
  });
});
