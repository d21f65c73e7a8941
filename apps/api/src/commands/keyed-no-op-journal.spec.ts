import { SqliteReadModelStore } from '@casetrail/readmodels';
import { KEYED_NO_OPS_COLLECTION, KeyedNoOpJournal } from './keyed-no-op-journal';

const HOUR = 60 * 60 * 1000;

describe('the keyed no-op journal', () => {
  let readModels: SqliteReadModelStore;
  let now: number;
  const journal = () => new KeyedNoOpJournal(readModels, 24 * HOUR, () => now);

  beforeEach(() => {
    readModels = new SqliteReadModelStore(':memory:');
    now = Date.parse('2026-11-27T09:00:00.000Z');
  });
  afterEach(() => readModels.close());

  it('answers from another instance as it was recorded, for a day', async () => {
    await journal().remember('key-1', { stream: 'case-1', revision: 3, requestHash: 'h' });
    expect(await journal().recall('key-1')).toEqual({ stream: 'case-1', revision: 3, requestHash: 'h' });
    expect(await journal().recall('key-2')).toBeUndefined();

    now += 24 * HOUR + 1;
    expect(await journal().recall('key-1')).toBeUndefined();
  });

  it('removes expired records as it writes new ones, a few at a time', async () => {
    for (let n = 0; n < 30; n++) await journal().remember(`old-${n}`, { stream: 'case-1', revision: n });
    now += 25 * HOUR;
    await journal().remember('new-1', { stream: 'case-2', revision: 0 });
    expect(await readModels.count(KEYED_NO_OPS_COLLECTION.name)).toBe(11);
    await journal().remember('new-2', { stream: 'case-2', revision: 0 });
    expect(await readModels.count(KEYED_NO_OPS_COLLECTION.name)).toBe(2);
  });
});
