import { DamagedStreams } from './damaged-streams';
import { recordSetAside } from './damaged-streams-elsewhere';

describe('DamagedStreams', () => {
  const clock = { now: () => new Date('2026-11-29T21:00:00Z') };

  it('reports nothing until a stream is found damaged', () => {
    expect(new DamagedStreams(clock).report()).toBeUndefined();
  });

  it('keeps the first problem found in each stream, and lists the first 20 while counting all', () => {
    const damaged = new DamagedStreams(clock);
    for (let n = 0; n < 25; n++) damaged.record(`case-${n}`, `lost revision ${n}`);
    damaged.record('case-0', 'found again, in another way');
    const report = damaged.report()!;
    expect(report.count).toBe(25);
    expect(report.streams).toHaveLength(20);
    expect(report.streams[0]).toEqual({
      stream: 'case-0',
      problem: 'lost revision 0',
      seenAt: '2026-11-29T21:00:00.000Z',
    });
  });

  it('tells an observer of the streams found before and after it looked, once each, keeping when they were found', () => {
    const damaged = new DamagedStreams(clock);
    damaged.record('case-1', 'lost revision 2');
    const told: string[] = [];
    damaged.observe(({ stream, seenAt }) => told.push(`${stream} ${seenAt}`));
    damaged.adopt({ stream: 'case-2', problem: 'lost revision 4', seenAt: '2026-11-29T20:59:00.000Z' });
    damaged.record('case-1', 'found again');
    damaged.adopt({ stream: 'case-2', problem: 'found again', seenAt: '2026-11-29T21:00:00.000Z' });
    expect(told).toEqual(['case-1 2026-11-29T21:00:00.000Z', 'case-2 2026-11-29T20:59:00.000Z']);
    expect(damaged.report()!.streams.map(({ problem }) => problem)).toEqual([
      'lost revision 2',
      'lost revision 4',
    ]);
  });

  it('notes a broken link of a chain verdict, and nothing for a chain that holds', () => {
    const damaged = new DamagedStreams(clock);
    damaged.noticeChain('account-1', { valid: true } as { brokenAt?: undefined });
    expect(damaged.report()).toBeUndefined();
    damaged.noticeChain('account-1', {
      brokenAt: { revision: 3, eventId: 'e-3', problem: 'hash-mismatch', expected: 'aa', actual: 'bb' },
    });
    expect(damaged.report()!.streams[0].problem).toMatch(
      /^account-1 at revision 3 \(event e-3\): content does not match its hash/,
    );
  });

  it("keeps a stream that lost its end until it reaches the lost revision again, though a rebuild's read models find it whole", () => {
    const damaged = new DamagedStreams(clock);
    const forgotten: string[] = [];
    damaged.observeForgotten((stream) => forgotten.push(stream));
    damaged.recordLostEvents({ stream: 'case-1', appliedRevision: 5 }, 'lost revisions 4 to 5');
    damaged.noticeIntegrity('case-2', {
      valid: false,
      lostEvents: { reason: 'held revision 7, ends at 6', appliedRevision: 7 },
    });
    // Rebuilt over the loss: the read models applied revision 3 (4 events), the stream's end.
    damaged.noticeIntegrity('case-1', { valid: true, events: 4 });
    damaged.noticeIntegrity('case-2', { valid: true, events: 7 });
    expect(damaged.report()!.streams.map(({ stream }) => stream)).toEqual(['case-1', 'case-2']);
    // Restored: the stream holds the revision the read models had applied again.
    damaged.noticeIntegrity('case-1', { valid: true, events: 6 });
    damaged.noticeIntegrity('case-2', { valid: true, events: 8 });
    expect(damaged.report()).toBeUndefined();
    expect(forgotten).toEqual(['case-1', 'case-2']);
  });

  it('forgets a stream found damaged otherwise once its integrity check finds it whole', () => {
    const damaged = new DamagedStreams(clock);
    damaged.recordUnreadable({ stream: 'case-1', revision: 2, problem: 'its data is not valid JSON' });
    damaged.noticeIntegrity('case-1', { valid: true, events: 3 });
    expect(damaged.report()).toBeUndefined();
  });

  it('keeps a stream whose event a projection set aside though its integrity check finds it whole: the read models still lack the restored row', () => {
    const damaged = new DamagedStreams(clock);
    damaged.recordUnreadable(
      { stream: 'case-1', revision: 2, problem: 'its data is not valid JSON' },
      { setAside: true },
    );
    // Found by a read first, set aside by a projection after: kept all the same.
    damaged.recordUnreadable({ stream: 'case-2', revision: 0, problem: 'its data is not valid JSON' });
    recordSetAside(damaged, { stream: 'case-2', revision: 0, problem: 'its data is not valid JSON' });
    damaged.noticeIntegrity('case-1', { valid: true, events: 3 });
    damaged.noticeIntegrity('case-2', { valid: true, events: 1 });
    expect(damaged.report()!.streams).toEqual([
      expect.objectContaining({
        stream: 'case-1',
        problem: 'the stored event at revision 2 cannot be read: its data is not valid JSON',
        setAside: true,
      }),
      expect.objectContaining({ stream: 'case-2', setAside: true }),
    ]);
  });
});
