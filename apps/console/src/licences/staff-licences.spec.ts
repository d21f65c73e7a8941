import type { LicenceListItem } from '../api/api-types';
import { LicencePagesSource, StaffLicences } from './staff-licences';

const licence = (id: string) => ({ id, accountName: `Account ${id}` }) as LicenceListItem;

/** Two pages of licences, as GET /v1/licences gives them to staff. */
function twoPages() {
  const asked: (string | undefined)[] = [];
  const api: LicencePagesSource = {
    get: <T>(_path: string, query: Record<string, string | number | undefined>) => {
      asked.push(query.cursor as string | undefined);
      const page =
        query.cursor === undefined ? { items: [licence('a')], nextCursor: 'c2' } : { items: [licence('b')] };
      return Promise.resolve(page as T);
    },
  };
  return { api, asked };
}

describe('StaffLicences', () => {
  it('loads every licence a page at a time, following the cursors, and stops at the last page', async () => {
    const { api, asked } = twoPages();
    const licences = new StaffLicences(api);
    await licences.loadNext();
    expect(licences.items.map((item) => item.id)).toEqual(['a']);
    expect(licences.more).toBe(true);
    await licences.loadNext();
    await licences.loadNext();
    expect(licences.items.map((item) => item.id)).toEqual(['a', 'b']);
    expect(licences.more).toBe(false);
    expect(asked).toEqual([undefined, 'c2']);
  });

  it('asks once when typing asks for the next page while it is on its way', async () => {
    const { api, asked } = twoPages();
    const licences = new StaffLicences(api);
    await Promise.all([licences.loadNext(), licences.loadNext()]);
    expect(asked).toEqual([undefined]);
  });
});
