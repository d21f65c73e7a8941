import { CursorPages } from './cursor-pages';

describe('CursorPages', () => {
  it('walks forward with next cursors and back to the cursors it saw', () => {
    const pages = new CursorPages();
    expect(pages.current).toBeUndefined();
    pages.loaded('c2');
    pages.forward();
    expect(pages).toMatchObject({ current: 'c2', pageNumber: 2, hasPrevious: true, hasNext: false });
    pages.loaded('c3');
    pages.forward();
    pages.loaded(undefined);
    expect(pages).toMatchObject({ current: 'c3', pageNumber: 3, hasNext: false });
    pages.back();
    expect(pages.current).toBe('c2');
    pages.loaded('c3b');
    pages.forward();
    expect(pages.current).toBe('c3b');
    pages.reset();
    expect(pages).toMatchObject({ current: undefined, pageNumber: 1, hasPrevious: false });
  });

  it('does not move past the last page', () => {
    const pages = new CursorPages();
    pages.loaded(undefined);
    pages.forward();
    expect(pages.pageNumber).toBe(1);
  });
});
