import { instantToMillis, isIsoInstant, millisToInstant } from './iso-instant';
import { describeDuration } from './sla-duration';

describe('ISO-8601 instants', () => {
  it('reads any offset and writes UTC with milliseconds', () => {
    expect(instantToMillis('2024-05-24T18:00:00+03:00')).toBe(Date.UTC(2024, 4, 24, 15));
    expect(millisToInstant(Date.UTC(2024, 4, 24, 15))).toBe('2024-05-24T15:00:00.000Z');
  });

  it('refuses local times without an offset and impossible dates', () => {
    expect(isIsoInstant('2024-05-24T15:00:00')).toBe(false);
    expect(isIsoInstant('2024-05-24')).toBe(false);
    expect(isIsoInstant('2024-13-24T15:00:00Z')).toBe(false);
    expect(() => instantToMillis('tomorrow')).toThrow(RangeError);
  });
});

describe('describeDuration', () => {
  it('reads like the policy', () => {
    expect(describeDuration({ amount: 1, unit: 'days', clock: 'business' })).toBe('1 business day');
    expect(describeDuration({ amount: 4, unit: 'hours', clock: 'wall' })).toBe('4 hours (wall clock)');
  });
});
