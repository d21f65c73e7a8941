import { rowAgainstStream } from './case-row-against-stream';

describe("a case's read-model row against its stream (the row read first)", () => {
  const row = { revision: 4, lastEventId: 'event-4' };

  it('is in step when the row applied the stream’s last event', () => {
    expect(rowAgainstStream(row, { revision: 4, id: 'event-4' })).toBe('in-step');
  });

  it('is behind when the stream holds events not applied yet: projections lag, that is normal', () => {
    expect(rowAgainstStream(row, { revision: 6, id: 'event-6' })).toBe('behind');
  });

  it('has lost events when the stream ends before the revision the row applied', () => {
    expect(rowAgainstStream(row, { revision: 3, id: 'event-3' })).toBe('lost-events');
  });

  it('has lost events when the stream holds no event at all', () => {
    expect(rowAgainstStream(row, undefined)).toBe('lost-events');
  });

  it('has lost events when another event now stands at the revision the row applied', () => {
    expect(rowAgainstStream(row, { revision: 4, id: 'event-other' })).toBe('lost-events');
  });
});
