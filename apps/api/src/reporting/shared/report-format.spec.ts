import { prefersCsv } from './report-format';

describe('prefersCsv', () => {
  it.each([
    ['text/csv', true],
    ['text/csv, application/json', true],
    ['application/json;q=0.5, text/csv', true],
    ['text/*', true],
    ['text/csv;q=0.1, application/json', false],
    ['application/json', false],
    ['application/json, text/csv', false],
    ['*/*', false],
    ['text/plain', false],
    ['', false],
    [undefined, false],
  ])('Accept %p: CSV %p', (accept, csv) => {
    expect(prefersCsv(accept)).toBe(csv);
  });
});
