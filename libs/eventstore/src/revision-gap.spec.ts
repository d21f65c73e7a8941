import { firstRevisionGap } from './revision-gap';

const read = (...revisions: number[]) => revisions.map((revision) => ({ revision }));

describe('firstRevisionGap', () => {
  it('finds none in a whole stream, nor in an empty one', () => {
    expect(firstRevisionGap(read(0, 1, 2, 3))).toBeUndefined();
    expect(firstRevisionGap([])).toBeUndefined();
  });

  it('names the first missing revision of a hole in the middle, and the event read in its place', () => {
    expect(firstRevisionGap(read(0, 1, 3, 4, 6))).toEqual({ missingRevision: 2, foundRevision: 3 });
  });

  it('names the opening event when the stream starts after revision 0', () => {
    expect(firstRevisionGap(read(1, 2, 3))).toEqual({ missingRevision: 0, foundRevision: 1 });
  });

  it('checks a read from a later revision against that revision', () => {
    expect(firstRevisionGap(read(5, 6, 7), 5)).toBeUndefined();
    expect(firstRevisionGap(read(6, 7), 5)).toEqual({ missingRevision: 5, foundRevision: 6 });
  });
});
