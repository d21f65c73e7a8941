import type { HistoryEntry } from '../api/api-types';
import { asOfStops } from './as-of-selection';

const event = (revision: number, at: string, type = 'X'): HistoryEntry => ({
  position: revision + 10,
  revision,
  id: `e${revision}`,
  type,
  at,
  actor: 'a@b.example',
  data: {},
});

describe('asOfStops', () => {
  it('gives every recorded instant one stop, with the events recorded at it', () => {
    const stops = asOfStops([
      event(0, '2026-03-02T09:00:00.000Z', 'CaseOpened'),
      event(1, '2026-03-02T10:00:00.000Z', 'CommentAdded'),
      event(2, '2026-03-02T10:00:00.000Z', 'FirstResponseGiven'),
      event(3, '2026-03-03T08:00:00.000Z', 'CaseEscalated'),
    ]);
    expect(stops.map((stop) => [stop.at, stop.events.map((e) => e.type), stop.count])).toEqual([
      ['2026-03-02T09:00:00.000Z', ['CaseOpened'], 1],
      ['2026-03-02T10:00:00.000Z', ['CommentAdded', 'FirstResponseGiven'], 3],
      ['2026-03-03T08:00:00.000Z', ['CaseEscalated'], 4],
    ]);
    expect(asOfStops([])).toEqual([]);
  });
});
