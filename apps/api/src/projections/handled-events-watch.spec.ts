import type { ScanForTypesOptions, TypeScan } from '@casetrail/eventstore';
import { HandledEventsWatch } from './handled-events-watch';

/** A log of event types at positions 1, 2, 3, ... and a scan over it that counts what it reads. */
function logOf(types: string[]) {
  const log = { types, read: 0 };
  const scan = async ({ after, types: wanted, maxCount }: ScanForTypesOptions): Promise<TypeScan> => {
    const looked = log.types.slice(after, after + maxCount);
    log.read += looked.length;
    let lastMatch: number | undefined;
    looked.forEach((type, index) => {
      if (wanted.includes(type)) lastMatch = after + index + 1;
    });
    return { through: after + looked.length, ...(lastMatch === undefined ? {} : { lastMatch }) };
  };
  return { log, scan };
}

describe('the position a projection of some event types must reach to show the head', () => {
  it('is the last event of its types, not the head, and none once the checkpoint has passed it', async () => {
    const { scan } = logOf(['LicenceIssued', 'CaseOpened', 'CaseOpened', 'LicenceIssued', 'CaseOpened']);
    const watch = new HandledEventsWatch(scan, ['LicenceIssued']);

    expect(await watch.positionToWaitFor(0, 5)).toBe(4);
    expect(await watch.positionToWaitFor(3, 5)).toBe(4);
    expect(await watch.positionToWaitFor(4, 5)).toBeUndefined();
    expect(await watch.positionToWaitFor(5, 5)).toBeUndefined();
  });

  it('looks at each event about once, however many reads ask', async () => {
    const { log, scan } = logOf(['LicenceIssued']);
    const watch = new HandledEventsWatch(scan, ['LicenceIssued']);
    for (let head = 2; head <= 100; head++) {
      log.types.push('CaseOpened');
      expect(await watch.positionToWaitFor(1, head)).toBeUndefined();
    }
    expect(log.read).toBeLessThanOrEqual(100);
  });

  it('sees an event of its types appended after earlier looks', async () => {
    const { log, scan } = logOf(['CaseOpened', 'CaseOpened']);
    const watch = new HandledEventsWatch(scan, ['LicenceIssued']);
    expect(await watch.positionToWaitFor(1, 2)).toBeUndefined();
    log.types.push('LicenceIssued', 'CaseOpened');

    expect(await watch.positionToWaitFor(2, 4)).toBe(3);
  });

  it('starts over below a checkpoint that went back (a rebuild)', async () => {
    const { log, scan } = logOf(['LicenceIssued', 'CaseOpened', 'CaseOpened', 'CaseOpened']);
    const watch = new HandledEventsWatch(scan, ['LicenceIssued']);
    expect(await watch.positionToWaitFor(3, 4)).toBeUndefined();
    log.types.push('CaseOpened');

    expect(await watch.positionToWaitFor(0, 5)).toBe(1);
  });

  it('waits for the head while the stretch up to it is too long to look through at once', async () => {
    const { scan } = logOf(Array.from({ length: 12_000 }, () => 'CaseOpened'));
    const watch = new HandledEventsWatch(scan, ['LicenceIssued']);

    expect(await watch.positionToWaitFor(0, 12_000)).toBe(12_000);
    expect(await watch.positionToWaitFor(0, 12_000)).toBe(12_000);
    expect(await watch.positionToWaitFor(0, 12_000)).toBeUndefined();
  });

  describe('as a version of the read model (lastHandledThrough)', () => {
    it('is the last event of its types up to the head, also once the checkpoint has reached the head', async () => {
      const { log, scan } = logOf(['LicenceIssued', 'CaseOpened']);
      const watch = new HandledEventsWatch(scan, ['LicenceIssued']);
      expect(await watch.lastHandledThrough(0, 2)).toBe(1);
      log.types.push('CaseOpened');
      expect(await watch.lastHandledThrough(3, 3)).toBe(1);
    });

    it('changes when an event of its types is appended, and stays through every other', async () => {
      const { log, scan } = logOf(['LicenceIssued']);
      const watch = new HandledEventsWatch(scan, ['LicenceIssued']);
      // First look with the checkpoint at the head: none since there (0).
      const first = await watch.lastHandledThrough(1, 1);
      log.types.push('CaseOpened', 'CaseOpened');
      expect(await watch.lastHandledThrough(3, 3)).toBe(first);
      log.types.push('LicenceIssued');
      expect(await watch.lastHandledThrough(3, 4)).toBe(4);
      // A rebuild resets the checkpoint: looked through again from there, the version is the same.
      expect(await watch.lastHandledThrough(0, 4)).toBe(4);
    });

    it('is unknown while the stretch up to the head is too long to look through at once', async () => {
      const { scan } = logOf([...Array.from({ length: 6_000 }, () => 'CaseOpened'), 'LicenceIssued']);
      const watch = new HandledEventsWatch(scan, ['LicenceIssued']);
      expect(await watch.lastHandledThrough(0, 6_001)).toBeUndefined();
      expect(await watch.lastHandledThrough(0, 6_001)).toBe(6_001);
    });
  });
});
