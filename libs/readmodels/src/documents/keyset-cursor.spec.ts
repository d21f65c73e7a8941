import { InvalidCursorError } from '../read-model-errors';
import { decodeCursor, encodeCursor } from './keyset-cursor';
import type { SortKey } from './sort-order';

describe('keyset cursors', () => {
  const keys: SortKey[] = [
    { field: 'nextDueAt', direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ];
  const where = { status: 'open' };
  const values = ['2026-11-29T04:00:00.000Z', 'case-1'];

  const payloadOf = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  const cursorOf = (payload: unknown) => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');

  it('gives back the values it was made with, under the same sort and filters', () => {
    for (const row of [values, [null, 'case-2'], [3.5, 'case-3'], [true, 'case-4']]) {
      expect(decodeCursor(encodeCursor(keys, where, row), keys, where)).toEqual(row);
    }
  });

  it('refuses a cursor whose values were edited by hand as altered', () => {
    const payload = payloadOf(encodeCursor(keys, where, values));
    for (const edited of [
      ['not a date', 'x'],
      [true, 'case-1'],
      [values[0], 'case-9'],
    ]) {
      expect(() => decodeCursor(cursorOf({ ...payload, v: edited }), keys, where)).toThrow(
        new InvalidCursorError('it was altered'),
      );
    }
  });

  it('refuses a cursor whose sort or filter tags were edited to match another query', () => {
    const payload = payloadOf(encodeCursor(keys, where, values));
    const otherWhere = { status: 'closed' };
    const retagged = payloadOf(encodeCursor(keys, otherWhere, values));
    expect(() => decodeCursor(cursorOf({ ...payload, f: retagged.f }), keys, otherWhere)).toThrow(
      new InvalidCursorError('it was altered'),
    );
  });

  it('refuses a whole cursor of an order with fewer keys (an older release) as of another sort order', () => {
    const olderKeys = keys.slice(1);
    const older = encodeCursor(olderKeys, where, values.slice(1));
    expect(() => decodeCursor(older, keys, where)).toThrow(
      new InvalidCursorError('it belongs to another sort order'),
    );
    expect(new InvalidCursorError('it belongs to another sort order').message).toMatch(
      /start again from the first page \(without cursor\)$/,
    );
  });

  it("binds a client's own period by its bounds, and a clock's bound by its field only", () => {
    const period = (from: string) => ({ openedAt: { gte: from, lt: '2026-11-23T00:00:00.000Z' } });
    const cursor = encodeCursor(keys, period('2026-11-15T00:00:00.000Z'), values, ['openedAt']);
    expect(() => decodeCursor(cursor, keys, period('2026-11-01T00:00:00.000Z'), ['openedAt'])).toThrow(
      new InvalidCursorError('it belongs to other filters'),
    );
    expect(decodeCursor(cursor, keys, period('2026-11-15T00:00:00.000Z'), ['openedAt'])).toEqual(values);
    const clockBound = encodeCursor(keys, period('2026-11-15T00:00:00.000Z'), values);
    expect(decodeCursor(clockBound, keys, period('2026-11-15T00:00:01.000Z'))).toEqual(values);
  });

  it("binds the client's filters carried outside `where` by their values, and leaves others' cursors as they were", () => {
    const cursor = encodeCursor(keys, where, values, [], { assigneeVouched: 'false' });
    expect(() => decodeCursor(cursor, keys, where, [], { assigneeVouched: 'true' })).toThrow(
      new InvalidCursorError('it belongs to other filters'),
    );
    expect(() => decodeCursor(cursor, keys, where)).toThrow(
      new InvalidCursorError('it belongs to other filters'),
    );
    expect(decodeCursor(cursor, keys, where, [], { assigneeVouched: 'false' })).toEqual(values);
    // None asked for: the cursor a query without any issued before still checks out.
    expect(
      decodeCursor(encodeCursor(keys, where, values), keys, where, [], { assigneeVouched: undefined }),
    ).toEqual(values);
  });

  it('refuses a cursor without a checksum, as issued before cursors carried one', () => {
    const { c: _checksum, ...unchecked } = payloadOf(encodeCursor(keys, where, values));
    expect(() => decodeCursor(cursorOf(unchecked), keys, where)).toThrow(InvalidCursorError);
  });
});
