import type { LicenceEvent } from '@casetrail/domain';
import type { ReadAllOptions } from '@casetrail/eventstore';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { licenceCoverFromLog } from './licence-cover-from-log';

const METADATA = { actor: 'admin@vendor.example', correlationId: 'c', schemaVersion: 1 };
const LATER = '2031-01-01T00:00:00.000Z';

const issued = (licenceId: string, accountId: string, plan: string): LicenceEvent =>
  ({
    type: 'LicenceIssued',
    data: {
      licenceId,
      accountId,
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan,
      activeUntil: LATER.slice(0, 10),
      expiresAt: LATER,
      seats: 'unlimited',
      holderEmail: 'holder@midco.example',
      at: '2026-01-01T00:00:00.000Z',
    },
  }) as LicenceEvent;

/** A log of `count` other events (the cases' traffic) with licence events of two accounts among them. */
async function busyLog(count: number) {
  const log = new InMemoryEventStore();
  const positions: Record<string, number> = {};
  const append = async (stream: string, event: { type: string; data: object }) =>
    (await log.append(stream, [{ ...event, metadata: METADATA }], 'any')).position;
  positions.acc1 = await append('licence-l1', issued('l1', 'acc-1', 'mission-critical'));
  positions.acc2 = await append('licence-l2', issued('l2', 'acc-2', 'mission-critical'));
  for (let index = 0; index < count; index++)
    await append(`case-${index}`, { type: 'CommentAdded', data: { caseId: String(index) } });
  positions.acc1Later = await append('licence-l3', issued('l3', 'acc-1', 'enterprise'));
  positions.acc2Later = await append('licence-l4', issued('l4', 'acc-2', 'enterprise'));
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
