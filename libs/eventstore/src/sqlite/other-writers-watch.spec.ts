import { OtherWritersWatch } from './other-writers-watch';

describe('watch on other writers', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function watching(options = { minIntervalMs: 1, maxIntervalMs: 16 }) {
    let version = 7;
    const looks: number[] = [];
    const changes: number[] = [];
    const watch = new OtherWritersWatch(
      () => {
        looks.push(Date.now());
        return version;
      },
      () => changes.push(Date.now()),
      options,
    );
    return { watch, looks, changes, commitElsewhere: () => (version += 1) };
  }

  it('backs off while nothing changes: 1, 2, 4, 8, then every 16 ms', () => {
    const { watch, looks } = watching();
    const start = Date.now();
    watch.start();
    jest.advanceTimersByTime(100);
    watch.stop();
    // The first look is the baseline taken by start().
    const gaps = looks.slice(1).map((at, index) => at - (index === 0 ? start : looks[index]));
    expect(gaps.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 16]);
  });

  it('reports a change at the next look and looks again soon after it', () => {
    const { watch, changes, commitElsewhere, looks } = watching();
    watch.start();
    jest.advanceTimersByTime(100);
    const committedAt = Date.now();
    commitElsewhere();
    while (changes.length === 0 && Date.now() - committedAt < 100) jest.advanceTimersByTime(1);
    expect(changes).toHaveLength(1);
    expect(changes[0] - committedAt).toBeLessThanOrEqual(16);
    const lookedAt = looks.length;
    jest.advanceTimersByTime(1);
    expect(looks.length).toBe(lookedAt + 1);
    watch.stop();
  });

  it('does not report the state it started from, and stops looking when stopped', () => {
    const { watch, changes, looks } = watching();
    watch.start();
    jest.advanceTimersByTime(50);
    expect(changes).toEqual([]);
    watch.stop();
    const looked = looks.length;
    jest.advanceTimersByTime(1_000);
    expect(looks.length).toBe(looked);
  });
});
