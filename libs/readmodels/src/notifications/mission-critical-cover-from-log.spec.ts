import type { LicenceEvent, LicenceExpired } from '@casetrail/domain';
import type { ReadAllOptions } from '@casetrail/eventstore';
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
const LOG_METADATA = { actor: 'admin@vendor.example', correlationId: 'c', schemaVersion: 1 };

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
    const metadata = LOG_METADATA;
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

/** A log of `count` other events (the cases' traffic) with licence events of two accounts among them. */
async function busyLog(count: number) {
  const log = new InMemoryEventStore();
  const positions: Record<string, number> = {};
  const append = async (stream: string, event: { type: string; data: object }) =>
    (await log.append(stream, [{ ...event, metadata: LOG_METADATA }], 'any')).position;
  positions.acc1 = await append('licence-l1', issued('l1', 'acc-1', 'mission-critical', LATER));
  positions.acc2 = await append('licence-l2', issued('l2', 'acc-2', 'mission-critical', LATER));
  for (let index = 0; index < count; index++)
    await append(`case-${index}`, { type: 'CommentAdded', data: { caseId: String(index) } });
  positions.acc1Later = await append('licence-l3', issued('l3', 'acc-1', 'enterprise', LATER));
  positions.acc2Later = await append('licence-l4', issued('l4', 'acc-2', 'enterprise', LATER));
  const rowsRead: number[] = [];
  const readAll = async (options: ReadAllOptions) => {
    const page = await log.readAll(options);
    rowsRead.push(page.length);
    return page;
  };
  return { reader: licenceCoverFromLog({ readAll }), positions, rowsRead, length: count + 4, log };
}

/**
 * The cover read back from the log for an account registered before the outbox writer kept its
 * licences (153b694): the log has no index by account, so each account asked about cost a pass over
 * the whole log, inside the writer's batch (mail held back meanwhile), again for every such account
 * whose mission-critical licence ended after an upgrade.
 */
describe('licenceCoverFromLog', () => {
  it('reads the log once for every account asked about, each answered as the log stood at its event', async () => {
    const { reader, positions, rowsRead, length } = await busyLog(2500);
    expect(Object.keys((await reader('acc-1', positions.acc1Later))!).sort()).toEqual(['l1', 'l3']);
    expect(Object.keys((await reader('acc-2', positions.acc2Later))!).sort()).toEqual(['l2', 'l4']);
    // Every row at most once, plus the page that finds the end.
    expect(rowsRead.reduce((sum, rows) => sum + rows, 0)).toBeLessThanOrEqual(length + 1);
  });

  it('answers an earlier point of the log without what came later (a writer replaying after a lost lease)', async () => {
    const { reader, positions } = await busyLog(10);
    await reader('acc-1', positions.acc1Later);
    expect(Object.keys((await reader('acc-1', positions.acc2))!)).toEqual(['l1']);
  });

  it('answers undefined where a row cannot be read, and reads on from the rows it had when asked again', async () => {
    const { positions, log } = await busyLog(2500);
    let broken = true;
    const afters: number[] = [];
    const reader = licenceCoverFromLog({
      readAll: async (options) => {
        afters.push(options.after);
        if (broken && options.after >= 1000) throw new Error('the row after 1000 cannot be read');
        return log.readAll(options);
      },
    });
    expect(await reader('acc-1', positions.acc1Later)).toBeUndefined();
    broken = false;
    afters.length = 0;
    expect(Object.keys((await reader('acc-1', positions.acc1Later))!).sort()).toEqual(['l1', 'l3']);
    expect(afters[0]).toBe(1000);
  });
});
