import type { LicenceEvent, LicenceExpired } from '@casetrail/domain';
import type { Doc } from '../read-model-store.port';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { inMemoryTransaction } from '../testing/in-memory-transaction';
import { writeLicenceChange } from './licence-change-notifications';
import { licenceCoverFromLog } from './licence-cover-from-log';
import {
  NOTIFICATION_ACCOUNT_FACTS,
  NOTIFICATION_LICENCE_FACTS,
  type AccountFacts,
  type LicenceFacts,
} from './notification-facts';
import { NOTIFICATION_OUTBOX, type LicenceChangeNotification } from './outbox-notification';

const END = '2026-11-30T02:42:00.000Z';
const LATER = '2031-01-01T00:00:00.000Z';
const HOLDER = 'helga.holder@midco.example';

const issued = (licenceId: string, accountId: string, plan: string, expiresAt: string): LicenceEvent =>
  ({
    type: 'LicenceIssued',
    data: {
      licenceId,
      accountId,
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan,
      activeUntil: expiresAt.slice(0, 10),
      expiresAt,
      seats: 'unlimited',
      holderEmail: HOLDER,
      at: '2026-01-01T00:00:00.000Z',
    },
  }) as LicenceEvent;

/**
 * The holder of a mission-critical licence that ends is told what it does to the account's Mission
 * Critical cover. For an account registered before the outbox writer kept its licences (no
 * licenceCoverComplete), the mail said it conditionally ("Unless another mission-critical licence of
 * the account is in force, ...") although the log knows (closing note, defect 4): the writer now
 * reads the account's licence events and says it plainly, and keeps the cover complete from then on.
 */
describe('the cover an ended mission-critical licence takes, for an account registered before the writer kept its licences', () => {
  const holderRowAfter = async (others: LicenceEvent[]) => {
    const log = new InMemoryEventStore();
    const metadata = { actor: 'admin@vendor.example', correlationId: 'c', schemaVersion: 1 };
    for (const event of [issued('l1', 'acc-1', 'mission-critical', END), ...others])
      await log.append(`licence-${event.data.licenceId}`, [{ ...event, metadata }], 'any');
    const lapse: LicenceExpired = {
      type: 'LicenceExpired',
      data: { licenceId: 'l1', accountId: 'acc-1', activeUntil: END, expiresAt: END, at: END },
    };
    await log.append(
      'licence-l1',
      [{ ...lapse, metadata: { ...metadata, actor: 'system:licence-lapses' } }],
      'any',
    );
    const recorded = (await log.readAll({ after: 0, maxCount: 100 })).at(-1)!;

    // The writer's facts as an upgraded desk has them: it saw l1 change, never the others issued.
    const docs = new Map<string, Doc>([
      [
        `${NOTIFICATION_ACCOUNT_FACTS}/acc-1`,
        {
          id: 'acc-1',
          csm: null,
          team: {},
          licenceCover: { l1: { plan: 'mission-critical', expiresAt: END } },
        } satisfies AccountFacts,
      ],
      [
        `${NOTIFICATION_LICENCE_FACTS}/l1`,
        {
          id: 'l1',
          accountId: 'acc-1',
          product: 'Sitefinity',
          edition: 'Online Marketing License',
          holderEmail: HOLDER,
          expiresAt: END,
          users: {},
        } satisfies LicenceFacts,
      ],
    ]);
    await writeLicenceChange(
      recorded,
      lapse,
      inMemoryTransaction(docs, recorded.position),
      [],
      licenceCoverFromLog(log),
    );
    const row = docs.get(`${NOTIFICATION_OUTBOX}/${recorded.id}|${HOLDER}`) as LicenceChangeNotification;
    return { row, account: docs.get(`${NOTIFICATION_ACCOUNT_FACTS}/acc-1`) as unknown as AccountFacts };
  };

  it('says plainly that the account lost its cover when the log holds no other mission-critical licence of it in force', async () => {
    const { row, account } = await holderRowAfter([
      issued('l2', 'acc-1', 'enterprise', LATER),
      // Another account's mission-critical licence is none of this account's cover.
      issued('l9', 'acc-2', 'mission-critical', LATER),
    ]);
    expect(row.missionCriticalCover).toBe('lost');
    expect(account.licenceCoverComplete).toBe(true);
    expect(Object.keys(account.licenceCover ?? {}).sort()).toEqual(['l1', 'l2']);
  });

  it('says plainly that the account keeps it when another mission-critical licence of it is in force', async () => {
    const { row } = await holderRowAfter([issued('l2', 'acc-1', 'mission-critical', LATER)]);
    expect(row.missionCriticalCover).toBe('kept');
  });
});
