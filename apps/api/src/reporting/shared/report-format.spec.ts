import { prefersCsv } from './report-format';

describe('prefersCsv', () => {
  it.each([
    ['text/csv', true],
    ['text/csv, application/json', true],
    ['application/json;q=0.5, text/csv', true],
    ['text/*', true],
    ['TEXT/CSV', true],
    ['text/csv; charset=utf-8', true],
    ['text/csv;charset=UTF-8;header=present', true],
    ['text/csv; charset=utf-8; q=0.9, application/json;q=0.5', true],
    ['application/json;q=0.5, text/csv; charset=utf-8', true],
    ['text/csv; note="a, b; c", application/json;q=0.5', true],
    ['text/csv; charset=utf-8;q=0', false],
    ['text/csv;q=0', false],
    ['*/*, text/csv; charset=utf-8;q=0', false],
    ['text/csv; charset=utf-8;q=0.1, application/json', false],
    ['application/json; charset=utf-8, text/csv; charset=utf-8', false],
    ['text/csv;q=0.1, application/json', false],
    ['application/json', false],
    ['application/json, text/csv', false],
    ['text/*, application/json', false],
    ['application/*, text/csv', true],
    ['*/*, text/csv', true],
    ['*/*', false],
    ['text/plain', false],
    ['', false],
    [undefined, false],
  ])('Accept %p: CSV %p', (accept, csv) => {
    expect(prefersCsv(accept)).toBe(csv);
  });
});
