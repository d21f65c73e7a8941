import { KeyedNoOps } from './keyed-no-ops';

describe('KeyedNoOps', () => {
  const answer = (revision: number) => ({ stream: 'case-1', revision, requestHash: 'h' });

  it('forgets an answer a day later', () => {
    let now = 0;
    const noOps = new KeyedNoOps(10, 24 * 60 * 60 * 1000, () => now);
    noOps.remember('k', answer(3));
    now = 24 * 60 * 60 * 1000;
    expect(noOps.recall('k')).toEqual(answer(3));
    now += 1;
    expect(noOps.recall('k')).toBeUndefined();
  });

  it('keeps the latest answers up to its capacity, the oldest going first', () => {
    const noOps = new KeyedNoOps(2);
    noOps.remember('a', answer(1));
    noOps.remember('b', answer(2));
    noOps.remember('c', answer(3));
    expect(noOps.recall('a')).toBeUndefined();
    expect(noOps.recall('b')).toEqual(answer(2));
    expect(noOps.recall('c')).toEqual(answer(3));
  });
});
