import { DamagedStreams } from './damaged-streams';

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
});
