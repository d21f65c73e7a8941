import type { LicenceExpired } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { writeLicenceChange } from './licence-change-notifications';
import { NOTIFICATION_LICENCE_FACTS, type LicenceFacts } from './notification-facts';
import { NOTIFICATION_OUTBOX, type LicenceChangeNotification } from './outbox-notification';

/** A batch's reads and writes over a map: what writeLicenceChange needs of a projection transaction. */
function memoryTransaction(docs: Map<string, object>): ProjectionTransaction {
  return {
    get: async <T extends object>(collection: string, id: string) =>
      docs.get(`${collection}/${id}`) as T | undefined,
    put: (collection: string, id: string, doc: object) => void docs.set(`${collection}/${id}`, doc),
    delete: (collection: string, id: string) => void docs.delete(`${collection}/${id}`),
    findIds: async () => [],
    position: 1n as unknown as ProjectionTransaction['position'],
  };
}

const END = '2026-11-30T02:42:00.000Z';
const lapse: LicenceExpired = {
  type: 'LicenceExpired',
  data: {
    licenceId: 'lic-old',
    accountId: 'acc-1',
    activeUntil: '2026-11-30T02:42:00Z',
    expiresAt: END,
    at: END,
  },
};
const recorded = {
  id: 'evt-1',
  stream: 'licence-lic-old',
  revision: 3,
  position: 10n,
  type: lapse.type,
  data: lapse.data,
  metadata: { actor: 'system:licence-lapses', correlationId: 'c', schemaVersion: 1 },
  recordedAt: END,
} as unknown as RecordedEvent;

/**
 * The holder's mail of a licence's end says its users and pending invitees are told by mail too;
 * of a licence issued before the outbox writer kept its users (facts with a holder, handed over
 * since, but no users), none is: the holder's row says so, and so does the mail (review, item c).
 */
describe('the end of a licence whose users the outbox writer never kept', () => {
  const rowsAfter = async (facts: LicenceFacts) => {
    const docs = new Map<string, object>([[`${NOTIFICATION_LICENCE_FACTS}/lic-old`, facts]]);
    await writeLicenceChange(recorded, lapse, memoryTransaction(docs), []);
    return [...docs.entries()]
      .filter(([key]) => key.startsWith(`${NOTIFICATION_OUTBOX}/`))
      .map(([, row]) => row as LicenceChangeNotification);
  };
  const old: LicenceFacts = {
    id: 'lic-old',
    accountId: 'acc-1',
    product: 'Sitefinity',
    edition: 'Online Marketing License',
    holderEmail: 'helga.holder@midco.example',
  };

  it("marks the holder's row: its users are not mailed", async () => {
    const rows = await rowsAfter(old);
    expect(rows.map((row) => [row.recipient, row.usersNotMailed])).toEqual([
      ['helga.holder@midco.example', true],
    ]);
  });

  it('leaves the mark off where the users are known, and mailed', async () => {
    const rows = await rowsAfter({
      ...old,
      expiresAt: END,
      users: { 'uma.user@midco.example': { active: true, shareTickets: false, seeSharedTickets: false } },
    });
    expect(rows.map((row) => [row.recipient, row.usersNotMailed]).sort()).toEqual([
      ['helga.holder@midco.example', undefined],
      ['uma.user@midco.example', undefined],
    ]);
  });
});
